import { BenchSkip, type TimedBenchmark } from '../../define/suite.ts';
import { makeRegion } from '../../instructions/region.ts';
import { compileSyncLoop, type SyncLoop } from '../../measure/loop.ts';
import type { Measurements, PreparedSide } from '../lifecycle.ts';
import type { MeasureEnv, SingleMeasure } from './strategy.ts';
import { throughputOf } from './timed-loop.ts';

/** Calls before measuring (V8 tiers a function up after hundreds of calls). */
const WARM_UP_CALLS = { quick: 300, full: 1000 };
/** Cap on that warm-up, in valgrind time (code runs ~50x slower there). */
const WARM_UP_CAP_MS = { quick: 20_000, full: 60_000 };
/**
 * Region pairs (N1, N2 = 3·N1 iterations) counted per benchmark. As many leading pairs again are
 * run but not counted: the region's entry path is compiled and tiered up during its first calls
 * (seen as early and late pairs 1-16% off the rest when fewer were discarded). A region is ~30 ms
 * of valgrind time, so this costs seconds.
 */
const COUNTED_PAIRS = { quick: 5, full: 9 };
/** Valgrind time of the shorter region of a pair. */
const REGION_NS = 30e6;

function warmUpByCalls(run: SyncLoop, quick: boolean): { iterations: number; perIterationNs: number; complete: boolean } {
  const wanted = quick ? WARM_UP_CALLS.quick : WARM_UP_CALLS.full;
  const capNs = (quick ? WARM_UP_CAP_MS.quick : WARM_UP_CAP_MS.full) * 1e6;
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

/**
 * Instruction counts (the child runs under callgrind): warm up by calls, then run interleaved
 * regions of N1 and N2 iterations. The parent reads one callgrind dump per region; each pair gives
 * a per-iteration count (I2 - I1) / (N2 - N1), in which the region's fixed cost cancels.
 * A time-based warm-up settles after a handful of calls under valgrind (each call is long), long
 * before V8 has tiered the code up; a tier-up inside a measured region was seen to add 18%.
 */
export const instructionMeasure: SingleMeasure = {
  name: 'instructions',
  async run(p: PreparedSide, env: MeasureEnv): Promise<Measurements> {
    const def = p.instance.definition;
    if (def.kind === 'custom') throw new BenchSkip('takes its own measurements: instruction mode counts timed benchmarks only');
    const timed = def as TimedBenchmark<unknown, string>;
    const fn = (s: unknown) => timed.fn(s, p.ctx);
    const probe = fn(p.state);
    if (typeof (probe as { then?: unknown } | null)?.then === 'function') {
      await probe;
      throw new BenchSkip('asynchronous benchmark: instruction mode counts synchronous code only (use wall time)');
    }
    const loop = compileSyncLoop(fn, p.state);
    const w = warmUpByCalls(loop, env.quick);
    const n1 = Math.max(1, Math.ceil(REGION_NS / Math.max(w.perIterationNs, 1)));
    const n2 = 3 * n1;
    const pairs = env.quick ? COUNTED_PAIRS.quick : COUNTED_PAIRS.full;
    const iterations: number[] = [];
    for (let i = 0; i < 2 * pairs; i++) iterations.push(n1, n2);
    await env.send({ type: 'regions', id: p.instance.id, iterations, discardPairs: pairs });
    const region = makeRegion(loop);
    for (const n of iterations) region(n);
    const warnings = w.complete
      ? []
      : [`warm-up stopped at its time cap after ${w.iterations} calls (fewer than ${WARM_UP_CALLS.quick}): tier-ups may land in measured regions`];
    return new Map([
      [
        undefined,
        {
          kind: 'timed',
          unit: 'instructions',
          lowerIsBetter: true,
          samplingMode: 'custom',
          values: [],
          iterations,
          statistic: 'median',
          throughput: throughputOf(timed, p.state),
          details: { ...timed.details, warmUpIterations: w.iterations, regionIterations: `${n1}/${n2}`, pairs },
          warnings,
        },
      ],
    ]);
  },
};
