import { Bench } from 'tinybench';
import { measure as mitataMeasure } from 'mitata';
import { compileSyncLoop } from '../measure/loop.ts';
import { resolvePlan } from '../measure/plan.ts';
import { takeSamples } from '../measure/sampler.ts';
import { measureTimer } from '../measure/timer.ts';
import { median } from '../stats/descriptive.ts';
import { slopeThroughOrigin } from '../stats/regression.ts';

/** A way of measuring: the cost of one call of `fn`, in ns. */
export type ToolName = 'plain' | 'bench-kit' | 'mitata' | 'tinybench';
export const TOOLS: readonly ToolName[] = ['plain', 'bench-kit', 'mitata', 'tinybench'];

/** Calls the plain loop makes, timed once with hrtime (after as many untimed, to compile). */
export const PLAIN_CALLS = 200_000;

let sink: unknown;

/** The reference: a `for` loop of PLAIN_CALLS calls between two hrtime readings. */
function plain(fn: () => unknown): number {
  for (let i = 0; i < PLAIN_CALLS; i++) sink = fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < PLAIN_CALLS; i++) sink = fn();
  return Number(process.hrtime.bigint() - start) / PLAIN_CALLS;
}

/** bench-kit's estimate as a run computes it: its compiled loop, warm-up, full sampling plan, slope or median. */
async function benchKit(fn: () => unknown): Promise<number> {
  const { resolutionNs } = measureTimer();
  const loop = compileSyncLoop(() => fn(), undefined);
  const raw = await takeSamples({ sync: true, run: loop }, resolvePlan(false, {}), resolutionNs);
  if (raw.mode === 'linear') return slopeThroughOrigin(raw.iterations, raw.times);
  return median(raw.times.map((t, i) => t / raw.iterations[i]!));
}

/** mitata's `measure`: its average per call. */
async function mitata(fn: () => unknown): Promise<number> {
  const stats = await mitataMeasure(fn);
  return stats.avg;
}

/** tinybench: its mean latency (ms per call) in ns. */
async function tinybench(fn: () => unknown): Promise<number> {
  const bench = new Bench({ time: 1000 });
  bench.add('workload', fn);
  await bench.run();
  const result = bench.tasks[0]!.result as { latency?: { mean: number } };
  if (!result.latency) throw new Error('tinybench gave no latency');
  return result.latency.mean * 1e6;
}

export async function measureWith(tool: ToolName, fn: () => unknown): Promise<number> {
  switch (tool) {
    case 'plain':
      return plain(fn);
    case 'bench-kit':
      return benchKit(fn);
    case 'mitata':
      return mitata(fn);
    case 'tinybench':
      return tinybench(fn);
  }
}

/** Kept observable so the plain loop's calls are not dead code. */
export function plainSink(): unknown {
  return sink;
}
