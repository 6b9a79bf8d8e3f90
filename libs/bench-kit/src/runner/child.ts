/**
 * Child-process entry: imports one bench file, runs its (filtered) benchmarks one after another
 * and streams raw measurements to the parent over the IPC channel. One file per process keeps
 * JIT state, heap growth and native resources of one suite from colouring the next.
 */
import { pathToFileURL } from 'node:url';
import { BenchSkip, type BenchContext, type CustomBenchmark, type TimedBenchmark } from '../define/suite.ts';
import { compileAsyncLoop, compileSyncLoop } from '../measure/loop.ts';
import { resolvePlan, QUICK_PLAN } from '../measure/plan.ts';
import { MemoryTracker, takeSamples, type Loop } from '../measure/sampler.ts';
import { expandSuite, isSuite, type BenchmarkInstance } from './expand.ts';
import { compileFilter } from './filter.ts';
import { makeRegion } from '../instructions/region.ts';
import type { ChildMessage, ChildOptions, RawBenchmark } from './protocol.ts';

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

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** Per-iteration cost of an empty function through the same loop machinery as real benchmarks. */
async function calibrateEmptyFunction(resolutionNs: number): Promise<number> {
  const loop: Loop = { sync: true, run: compileSyncLoop(() => undefined, undefined) };
  const raw = await takeSamples(loop, { ...QUICK_PLAN, sampling: 'linear' }, resolutionNs);
  let sxy = 0;
  let sxx = 0;
  raw.iterations.forEach((x, i) => {
    sxy += x * raw.times[i];
    sxx += x * x;
  });
  return sxy / sxx;
}

function makeContext(instance: BenchmarkInstance, quick: boolean): BenchContext {
  return {
    param: instance.param,
    id: instance.id,
    quick,
    progress: (message) => void send({ type: 'progress', id: instance.id, message }),
    skip: (reason) => {
      throw new BenchSkip(reason);
    },
  };
}

function baseRaw(instance: BenchmarkInstance): Omit<RawBenchmark, 'status' | 'kind' | 'unit' | 'lowerIsBetter' | 'samplingMode' | 'statistic' | 'durationMs'> {
  return {
    id: instance.id,
    group: instance.group,
    name: instance.name,
    param: instance.param,
    values: [],
    iterations: [],
    warnings: [],
  };
}

/** A timed benchmark's throughput spec resolved against its state. */
function throughputOf(def: TimedBenchmark<unknown, string>, state: unknown): RawBenchmark['throughput'] {
  if (!def.throughput) return undefined;
  const per = def.throughput.perIteration;
  return { unit: def.throughput.unit, perIteration: typeof per === 'function' ? per(state) : per };
}

async function runTimed(
  instance: BenchmarkInstance,
  def: TimedBenchmark<unknown, string>,
  ctx: BenchContext,
  options: ChildOptions,
  started: number,
): Promise<RawBenchmark> {
  const memory = new MemoryTracker();
  const state = def.setup ? await def.setup(ctx) : undefined;
  try {
    const fn = (s: unknown) => def.fn(s, ctx);
    // One probing call tells sync from async; it also counts as the first warm-up call.
    const probe = fn(state);
    const isAsync = isThenable(probe);
    if (isAsync) await probe;
    const loop: Loop = isAsync
      ? { sync: false, run: compileAsyncLoop(fn, state) }
      : { sync: true, run: compileSyncLoop(fn, state) };
    const plan = resolvePlan(options.quick, def, options.samples);
    const raw = await takeSamples(loop, plan, options.resolutionNs, {
      onPhase: (phase, done, total) => void send({ type: 'phase', id: instance.id, phase, done, total }),
      afterSample: () => memory.sample(),
    });
    const throughput = throughputOf(def, state);
    const warnings: string[] = [];
    if (!raw.warmUp.settled) warnings.push('warm-up did not settle within its time cap');
    return {
      ...baseRaw(instance),
      status: 'ok',
      kind: 'timed',
      unit: 'ns',
      lowerIsBetter: true,
      samplingMode: raw.mode,
      values: raw.times,
      iterations: raw.iterations,
      statistic: raw.mode === 'linear' ? 'slope' : 'median',
      throughput,
      memory: memory.result(),
      details: { ...def.details, async: isAsync, warmUpIterations: raw.warmUp.iterations },
      warnings,
      durationMs: performance.now() - started,
    };
  } finally {
    if (def.teardown) await def.teardown(state, ctx);
  }
}

/** Calls before measuring in instruction mode (V8 tiers a function up after hundreds of calls). */
const INSTRUCTION_WARM_UP_CALLS = { quick: 300, full: 1000 };
/** Cap on that warm-up, in valgrind time (code runs ~50x slower there). */
const INSTRUCTION_WARM_UP_CAP_MS = { quick: 20_000, full: 60_000 };

function warmUpByCalls(run: (n: number) => number, quick: boolean): { iterations: number; perIterationNs: number; complete: boolean } {
  const wanted = quick ? INSTRUCTION_WARM_UP_CALLS.quick : INSTRUCTION_WARM_UP_CALLS.full;
  const capNs = (quick ? INSTRUCTION_WARM_UP_CAP_MS.quick : INSTRUCTION_WARM_UP_CAP_MS.full) * 1e6;
  let iterations = 0;
  let total = 0;
  let batch = 1;
  let perIterationNs = NaN;
  while (iterations < wanted && total < capNs) {
    const n = Math.min(batch, wanted - iterations);
    const t = Math.max(run(n), 1);
    iterations += n;
    total += t;
    perIterationNs = t / n;
    batch *= 2;
  }
  return { iterations, perIterationNs, complete: iterations >= wanted };
}

/** Region pairs (N1, N2 = 3·N1 iterations) per benchmark in instruction mode. */
const INSTRUCTION_PAIRS = { quick: 5, full: 9 };
/**
 * Leading pairs are run but not counted, as many as are counted: the region's entry path is
 * compiled and tiered up during its first calls (seen as early and late pairs 1-16% off the rest
 * when fewer were discarded). A region is ~30 ms of valgrind time, so this costs seconds.
 */
const discardedPairs = (pairs: number) => pairs;

/**
 * Instruction mode (the child runs under callgrind): warm up as usual, then run interleaved
 * regions of N1 and N2 iterations. The parent reads one callgrind dump per region; each pair gives
 * a per-iteration count (I2 - I1) / (N2 - N1), in which the region's fixed cost cancels.
 */
async function runInstructions(
  instance: BenchmarkInstance,
  def: TimedBenchmark<unknown, string>,
  ctx: BenchContext,
  options: ChildOptions,
  started: number,
): Promise<RawBenchmark> {
  const state = def.setup ? await def.setup(ctx) : undefined;
  try {
    const fn = (s: unknown) => def.fn(s, ctx);
    const probe = fn(state);
    if (isThenable(probe)) {
      await probe;
      throw new BenchSkip('asynchronous benchmark: instruction mode counts synchronous code only (use wall time)');
    }
    const loop: Loop = { sync: true, run: compileSyncLoop(fn, state) };
    // A time-based warm-up settles after a handful of calls under valgrind (each call is long), long
    // before V8 has tiered the code up; a tier-up inside a measured region was seen to add 18%.
    // So warm up by calls: at least INSTRUCTION_WARM_UP_CALLS, within a cap in valgrind time.
    const w = warmUpByCalls(loop.run, options.quick);
    const n1 = Math.max(1, Math.ceil(30e6 / Math.max(w.perIterationNs, 1)));
    const n2 = 3 * n1;
    const pairs = options.quick ? INSTRUCTION_PAIRS.quick : INSTRUCTION_PAIRS.full;
    const iterations: number[] = [];
    const discard = discardedPairs(pairs);
    for (let i = 0; i < pairs + discard; i++) iterations.push(n1, n2);
    await send({ type: 'regions', id: instance.id, iterations, discardPairs: discard });
    if (!loop.sync) throw new Error('unreachable: instruction mode only runs synchronous loops');
    const region = makeRegion(loop.run);
    for (const n of iterations) region(n);
    const throughput = throughputOf(def, state);
    return {
      ...baseRaw(instance),
      status: 'ok',
      kind: 'timed',
      unit: 'instructions',
      lowerIsBetter: true,
      samplingMode: 'custom',
      values: [],
      iterations,
      statistic: 'median',
      throughput,
      details: { ...def.details, warmUpIterations: w.iterations, regionIterations: `${n1}/${n2}`, pairs },
      warnings: w.complete ? [] : [`warm-up stopped at its time cap after ${w.iterations} calls (fewer than ${INSTRUCTION_WARM_UP_CALLS.quick}): tier-ups may land in measured regions`],
      durationMs: performance.now() - started,
    };
  } finally {
    if (def.teardown) await def.teardown(state, ctx);
  }
}

async function runCustom(
  instance: BenchmarkInstance,
  def: CustomBenchmark<unknown, string>,
  ctx: BenchContext,
  started: number,
): Promise<RawBenchmark> {
  const memory = new MemoryTracker();
  const state = def.setup ? await def.setup(ctx) : undefined;
  try {
    const m = await def.measure(state, ctx);
    memory.sample();
    if (!Array.isArray(m.samples) || m.samples.length === 0) {
      throw new Error(`custom benchmark ${instance.id} returned no samples`);
    }
    const bad = m.samples.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad >= 0) throw new Error(`custom benchmark ${instance.id} returned a non-finite sample at index ${bad}: ${m.samples[bad]}`);
    const iterations = m.iterations ?? m.samples.map(() => 1);
    if (iterations.length !== m.samples.length) {
      throw new Error(`custom benchmark ${instance.id}: iterations (${iterations.length}) and samples (${m.samples.length}) differ in length`);
    }
    const timeLike = m.unit === 'ns' || m.unit === 'instructions' || m.unit === 'bytes';
    return {
      ...baseRaw(instance),
      status: 'ok',
      kind: 'custom',
      unit: m.unit,
      lowerIsBetter: m.lowerIsBetter ?? timeLike,
      samplingMode: 'custom',
      // Custom samples are per-iteration values; totals are value × iterations.
      values: m.samples.map((v, i) => v * iterations[i]),
      iterations,
      statistic: m.statistic ?? 'median',
      throughput: m.throughput,
      memory: memory.result(),
      metrics: m.metrics,
      details: m.details,
      warnings: [...(m.warnings ?? [])],
      durationMs: performance.now() - started,
    };
  } finally {
    if (def.teardown) await def.teardown(state, ctx);
  }
}

async function runInstance(instance: BenchmarkInstance, options: ChildOptions): Promise<RawBenchmark> {
  const started = performance.now();
  const ctx = makeContext(instance, options.quick);
  const def = instance.definition;
  try {
    if (options.measure === 'instructions') {
      if (def.kind === 'custom') {
        throw new BenchSkip('takes its own measurements: instruction mode counts timed benchmarks only');
      }
      return await runInstructions(instance, def, ctx, options, started);
    }
    return def.kind === 'custom'
      ? await runCustom(instance, def, ctx, started)
      : await runTimed(instance, def, ctx, options, started);
  } catch (err) {
    const skipped = err instanceof BenchSkip;
    return {
      ...baseRaw(instance),
      status: skipped ? 'skipped' : 'failed',
      reason: skipped ? err.reason : err instanceof Error ? err.message : String(err),
      error: skipped ? undefined : errorText(err),
      kind: def.kind === 'custom' ? 'custom' : 'timed',
      unit: 'ns',
      lowerIsBetter: true,
      samplingMode: def.kind === 'custom' ? 'custom' : 'linear',
      statistic: 'median',
      durationMs: performance.now() - started,
    };
  }
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
  const mod = (await import(pathToFileURL(options.file).href)) as { default?: unknown };
  if (!isSuite(mod.default)) {
    throw new Error(`${options.file}: the default export is not a suite (export default defineSuite(...))`);
  }
  const matches = compileFilter(options.filter);
  const instances = expandSuite(options.project, mod.default).filter((i) => matches(i.id));
  await send({ type: 'plan', ids: instances.map((i) => i.id) });
  if (instances.length === 0) {
    await send({ type: 'done' });
    return;
  }
  if (options.measure === 'time') {
    await send({ type: 'calibration', emptyFunctionNs: await calibrateEmptyFunction(options.resolutionNs) });
  }
  for (const instance of instances) {
    await send({ type: 'start', id: instance.id });
    const result = await runInstance(instance, options);
    await send({ type: 'result', result });
  }
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
