/**
 * Child-process entry: imports one bench file (or, in a comparison, the same bench file of two
 * revisions), runs its (filtered) benchmarks one after another through the lifecycle
 * (lifecycle.ts) and streams raw measurements to the parent over the IPC channel. One file per
 * process keeps JIT state, heap growth and native resources of one suite from colouring the next.
 */
import type { Side } from '../results/comparison-schema.ts';
import { QUICK_PLAN } from '../measure/plan.ts';
import { takeSamples, type Loop } from '../measure/sampler.ts';
import { compileSyncLoop } from '../measure/loop.ts';
import { slopeThroughOrigin } from '../stats/regression.ts';
import { seededRandom } from '../stats/random.ts';
import { idsOf, type BenchmarkInstance, type BenchmarkOutput } from './expand.ts';
import { compileFilter } from './filter.ts';
import { buildRaw, kindOf, notOk, notOkRaw, resultsOf, withStates, type Measurements } from './lifecycle.ts';
import { loadSuite } from './load-suite.ts';
import { instructionMeasure } from './measures/instructions.ts';
import { measurePaired, type PairedMeasurement } from './measures/paired.ts';
import type { MeasureEnv, SingleMeasure } from './measures/strategy.ts';
import { timeMeasure } from './measures/time.ts';
import type { ChildMessage, ChildOptions, PairedSideRaw, RawBenchmark } from './protocol.ts';

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error('bench-kit child started without an IPC channel'));
      return;
    }
    process.send(message, undefined, {}, (err) => (err ? reject(err) : resolve()));
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** Per-iteration cost of an empty function through the same loop machinery as real benchmarks. */
async function calibrateEmptyFunction(resolutionNs: number): Promise<number> {
  const loop: Loop = { sync: true, run: compileSyncLoop(() => undefined, undefined) };
  const raw = await takeSamples(loop, { ...QUICK_PLAN, sampling: 'linear' }, resolutionNs);
  return slopeThroughOrigin(raw.iterations, raw.times);
}

function measureEnv(options: ChildOptions): MeasureEnv {
  return {
    quick: options.quick,
    ...(options.samples !== undefined ? { samples: options.samples } : {}),
    resolutionNs: options.resolutionNs,
    phase: (id, phase, done, total) => void send({ type: 'phase', id, phase, done, total }),
    send,
  };
}

const progressTo = (id: string, message: string) => void send({ type: 'progress', id, message });

/** One revision alone: every instance through the lifecycle with the time or instruction measure. */
async function measureSingle(instance: BenchmarkInstance, strategy: SingleMeasure, env: MeasureEnv, side?: Side): Promise<RawBenchmark[]> {
  const started = performance.now();
  const outcome = await withStates<Measurements>([{ side, instance }], env.quick, progressTo, ([p]) => strategy.run(p, env));
  return resultsOf(instance, outcome, performance.now() - started);
}


/** Both revisions of one benchmark, set up in `firstSide` order and measured interleaved. */
async function comparePair(
  instances: Record<Side, BenchmarkInstance>,
  firstSide: Side,
  env: MeasureEnv,
  random: () => number,
): Promise<void> {
  const order: Side[] = firstSide === 'base' ? ['base', 'head'] : ['head', 'base'];
  const started = performance.now();
  const outcome = await withStates(
    order.map((side) => ({ side, instance: instances[side] })),
    env.quick,
    progressTo,
    (prepared) => measurePaired(prepared, env, random),
  );
  const durationMs = performance.now() - started;
  const head = instances.head;
  const part = (o: BenchmarkOutput, m: PairedMeasurement['base']): PairedSideRaw => ({
    raw: buildRaw(o, m.measurement, durationMs),
    pairValues: m.pairValues,
    pairIterations: m.pairIterations,
  });
  for (const o of head.outputs) {
    const m = outcome.ok ? outcome.value.get(o.key) : undefined;
    if (!outcome.ok || m === undefined || m instanceof Error) {
      const why = !outcome.ok ? outcome : m instanceof Error ? notOk(m) : { ok: false as const, status: 'failed' as const, reason: `no measurement for output ${o.key ?? o.id}` };
      await send({ type: 'result', result: notOkRaw(o, kindOf(head), why, durationMs), ...(why.side ? { side: why.side } : {}) });
      continue;
    }
    await send({ type: 'paired', id: o.id, firstSide, quadOrder: m.quadOrder, clock: m.clock, base: part(o, m.base), head: part(o, m.head) });
  }
}

async function runSingleFile(options: ChildOptions & { mode: { kind: 'single' } }, env: MeasureEnv): Promise<void> {
  const { instances } = await loadSuite(options.project, options.mode.file, compileFilter(options.filter));
  await send({ type: 'plan', ids: idsOf(instances) });
  if (instances.length === 0) return;
  if (options.measure === 'time') await send({ type: 'calibration', emptyFunctionNs: await calibrateEmptyFunction(options.resolutionNs) });
  const strategy = options.measure === 'instructions' ? instructionMeasure : timeMeasure;
  for (const instance of instances) {
    await send({ type: 'start', id: instance.id });
    for (const result of await measureSingle(instance, strategy, env)) await send({ type: 'result', result });
  }
}

/**
 * A comparison process: import both revisions' bench file (first side first, so neither side is
 * always laid out first), then every id the head declares, paired where the base has it too, and
 * after them the ids only the base has.
 */
async function runPairedFile(options: ChildOptions & { mode: { kind: 'paired' } }, env: MeasureEnv): Promise<void> {
  const { files, firstSide, seed } = options.mode;
  const matches = compileFilter(options.filter);
  const loaded: Partial<Record<Side, BenchmarkInstance[]>> = {};
  for (const side of firstSide === 'base' ? (['base', 'head'] as const) : (['head', 'base'] as const)) {
    const file = files[side];
    if (file) loaded[side] = (await loadSuite(options.project, file, matches)).instances;
  }
  const head = loaded.head ?? [];
  const base = loaded.base ?? [];
  const baseById = new Map(base.map((i) => [i.id, i]));
  const headIds = new Set(head.map((i) => i.id));
  const baseOnly = base.filter((i) => !headIds.has(i.id));
  await send({ type: 'plan', ids: [...idsOf(head), ...idsOf(baseOnly)] });
  if (head.length + baseOnly.length === 0) return;
  await send({ type: 'calibration', emptyFunctionNs: await calibrateEmptyFunction(options.resolutionNs) });
  const random = seededRandom(seed);
  for (const instance of head) {
    await send({ type: 'start', id: instance.id });
    const other = baseById.get(instance.id);
    if (other) await comparePair({ base: other, head: instance }, firstSide, env, random);
    else for (const result of await measureSingle(instance, timeMeasure, env, 'head')) await send({ type: 'result', result, side: 'head' });
  }
  for (const instance of baseOnly) {
    await send({ type: 'start', id: instance.id });
    for (const result of await measureSingle(instance, timeMeasure, env, 'base')) await send({ type: 'result', result, side: 'base' });
  }
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
  const env = measureEnv(options);
  if (options.mode.kind === 'paired') await runPairedFile(options as ChildOptions & { mode: { kind: 'paired' } }, env);
  else await runSingleFile(options as ChildOptions & { mode: { kind: 'single' } }, env);
  await send({ type: 'done' });
}

// Exit explicitly once everything is reported: a benchmark's teardown may leave handles (servers,
// timers, native pools) that would otherwise keep the child alive and stall the run.
main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${errorText(err)}\n`);
    process.exit(1);
  },
);
