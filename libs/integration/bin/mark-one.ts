/**
 * Marks TMAs in a fresh process and prints what happened as JSON on stdout (cold-start
 * benchmarks, fault tests, trying the pipeline by hand). Progress goes to stderr.
 *
 *   node --import tsx libs/integration/bin/mark-one.ts [--way in-process|ipc|http] [--count 1]
 *       [--model-size tiny|small] [--model file.gguf] [--tma-size small|medium|large]
 *       [--tokens 32] [--prompt-tokens 128] [--dir DIR] [--fill-store] [--tag ID]
 *
 * Output: { ok, way, model, processStartMs, setup: {stage: ms}, markings: [outcome, ...] }.
 * The first marking's timings include 'model-load'; `setup` has 'store-open' (and 'ipc-spawn' /
 * 'api-start'). Exit code 0 when every marking succeeded, 1 when one failed, 2 on bad flags.
 */
import { parseArgs } from 'node:util';
import { MODEL_SIZES, type ModelSize } from '@workflow-bench/ai';
import { TMA_SIZES, type TmaSize } from '@workflow-bench/core';
import { LlamaFeedback } from '../src/feedback/llama-feedback.ts';
import { feedbackModelFile, modelSizeFromEnv } from '../src/feedback/feedback-model.ts';
import { InProcessMarker } from '../src/markers/in-process-marker.ts';
import { guardLmdbCommitFailures } from '../src/markers/lmdb-commit-failure-guard.ts';
import { openMarker } from '../src/markers/open-marker.ts';
import { MARKING_WAYS, type MarkingWay } from '../src/pipeline/marker.ts';
import { MarkingPipeline, type MarkingOutcome } from '../src/pipeline/marking-pipeline.ts';
import { StageTimer } from '../src/pipeline/stage-timer.ts';
import { workloadTmas } from '../src/workload/tma-workload.ts';
import { fileSizeLimitBytes, fillStore } from '../src/workload/fill-store.ts';

// Node boot + tsx + this module's imports: everything before the first line of main.
const processStartMs = performance.now();

const USAGE = `usage: node --import tsx libs/integration/bin/mark-one.ts [options]
  --way in-process|ipc|http     the way in (default in-process)
  --count N                     TMAs to mark, one after another (default 1)
  --model-size tiny|small       the generated model (default INTEGRATION_MODEL_SIZE, else small)
  --model FILE.gguf             a real GGUF model instead
  --tma-size small|medium|large generated TMA size (default small)
  --tokens N                    tokens generated per answer (default 32)
  --prompt-tokens N             prompt cut to N tokens (default 128)
  --dir DIR                     the marker's store and failure log (default a temp dir, removed)
  --fill-store                  fill the store until writes fail first (in-process, under ulimit -f)
  --tag ID                      prefix of the TMA ids (default mark-one-<pid>-<time>)
  -h, --help                    this text
Prints one JSON line on stdout; exit 0 every marking ok, 1 one failed, 2 bad arguments.`;

/** A bad argument: what is wrong and the usage on stderr, exit 2. */
function usage(message: string): never {
  process.stderr.write(`mark-one: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function positiveInt(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) usage(`--${name} must be a positive whole number, got ${JSON.stringify(raw)}`);
  return n;
}

function oneOf<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  if (!allowed.includes(raw as T)) usage(`--${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw as T;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      way: { type: 'string', default: 'in-process' },
      count: { type: 'string', default: '1' },
      'model-size': { type: 'string' },
      model: { type: 'string' },
      'tma-size': { type: 'string', default: 'small' },
      tokens: { type: 'string', default: '32' },
      'prompt-tokens': { type: 'string', default: '128' },
      dir: { type: 'string' },
      'fill-store': { type: 'boolean', default: false },
      tag: { type: 'string', default: `mark-one-${process.pid}-${Date.now()}` },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  usage((error as Error).message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const way: MarkingWay = oneOf('way', values.way, MARKING_WAYS);
const count = positiveInt('count', values.count);
const modelSize: ModelSize = values['model-size'] ? oneOf('model-size', values['model-size'], MODEL_SIZES) : modelSizeFromEnv();
const tmaSize: TmaSize = oneOf('tma-size', values['tma-size'], TMA_SIZES);
const tokensPerAnswer = positiveInt('tokens', values.tokens);
const maxPromptTokens = positiveInt('prompt-tokens', values['prompt-tokens']);
if (values['fill-store'] && way !== 'in-process') usage('--fill-store needs --way in-process');
if (values['fill-store'] && fileSizeLimitBytes() === undefined) usage('--fill-store needs a file size limit (e.g. sh -c "ulimit -f 4096 && exec node ..."): it fills the store until writes fail');

guardLmdbCommitFailures();
// Over the file size limit the kernel sends SIGXFSZ, which kills by default: handled, the write
// fails with EFBIG instead and the full store surfaces as a failed 'store' stage.
if (values['fill-store']) process.on('SIGXFSZ', () => undefined);
const log = (m: string) => process.stderr.write(`mark-one: ${m}\n`);
const model = values.model ? { path: values.model, label: values.model.split('/').pop()! } : await feedbackModelFile(modelSize, process.env, log);
const feedback = new LlamaFeedback({ model, tokensPerAnswer, maxPromptTokens });
const setup = new StageTimer();
const marker = await openMarker(way, { feedback, dir: values.dir, timer: setup });
const outcomes: MarkingOutcome[] = [];
let filled: number | undefined;
try {
  if (values['fill-store']) {
    filled = await fillStore((marker as InProcessMarker).store);
    log(`filled the store with ${filled} padding events`);
  }
  const pipeline = new MarkingPipeline(marker);
  for (const tma of workloadTmas(count, tmaSize, values.tag)) {
    const outcome = await pipeline.mark(tma);
    log(`${tma.id}: ${outcome.ok ? 'ok' : `FAILED at ${outcome.stage}: ${outcome.error}`} in ${outcome.totalMs.toFixed(0)} ms`);
    outcomes.push(outcome);
  }
} finally {
  await marker.close();
  await feedback.dispose();
}
const ok = outcomes.every((o) => o.ok);
process.stdout.write(
  `${JSON.stringify({ ok, way, model: model.label, tmaSize, tokensPerAnswer, processStartMs, setup: setup.toRecord(), ...(filled === undefined ? {} : { filled }), markings: outcomes })}\n`,
);
process.exitCode = ok ? 0 : 1;
