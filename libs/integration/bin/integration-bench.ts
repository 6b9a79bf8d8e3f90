/**
 * The integration benchmarks with the seed's knobs as flags (bench-kit's own CLI rejects flags it
 * does not know, so they travel as environment variables to the bench processes):
 *
 *   node --import tsx libs/integration/bin/integration-bench.ts [--quick] [--iterations N] [--warmup N]
 *       [--model-size tiny|small] [--model file.gguf] [--filter PATTERN]
 *
 * --iterations → NUM_ITERATIONS, --warmup → WARMUP_ITERATIONS, --model-size → INTEGRATION_MODEL_SIZE,
 * --model → INTEGRATION_MODEL. Same results file as `npx nx bench integration`.
 * Exit code: bench-kit's (0 ok, 1 a benchmark failed, 2 bad usage).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const BENCH_KIT = fileURLToPath(new URL('../../bench-kit/bin/bench-kit.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const USAGE = `usage: node --import tsx libs/integration/bin/integration-bench.ts [options]
  --quick                  the quick plan
  --iterations N           measured markings per benchmark (NUM_ITERATIONS)
  --warmup N               unmeasured markings first (WARMUP_ITERATIONS)
  --model-size tiny|small  the generated model (INTEGRATION_MODEL_SIZE; default small)
  --model FILE.gguf        a real GGUF model instead (INTEGRATION_MODEL)
  --filter PATTERN         only benchmark ids matching PATTERN
  -h, --help               this text
Exit code: bench-kit's (0 ok, 1 a benchmark failed, 2 bad arguments).`;

/** A bad argument: what is wrong and the usage on stderr, exit 2. */
function usage(message: string): never {
  process.stderr.write(`integration-bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      iterations: { type: 'string' },
      warmup: { type: 'string' },
      'model-size': { type: 'string' },
      model: { type: 'string' },
      filter: { type: 'string' },
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

const env = { ...process.env };
const whole = (flag: string, raw: string | undefined, min: number): string | undefined => {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min) usage(`--${flag} must be a whole number >= ${min}, got ${JSON.stringify(raw)}`);
  return raw;
};
const iterations = whole('iterations', values.iterations, 1);
const warmup = whole('warmup', values.warmup, 0);
if (iterations !== undefined) env['NUM_ITERATIONS'] = iterations;
if (warmup !== undefined) env['WARMUP_ITERATIONS'] = warmup;
if (values['model-size'] !== undefined) {
  if (values['model-size'] !== 'tiny' && values['model-size'] !== 'small') usage(`--model-size must be tiny or small, got ${JSON.stringify(values['model-size'])}`);
  env['INTEGRATION_MODEL_SIZE'] = values['model-size'];
}
if (values.model !== undefined) env['INTEGRATION_MODEL'] = values.model;

const args = ['--expose-gc', '--import', TSX, BENCH_KIT, 'run', '--project', 'integration', '--root', ROOT];
if (values.quick) args.push('--quick');
if (values.filter) args.push('--filter', values.filter);
const child = spawn(process.execPath, args, { env, stdio: 'inherit' });
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
