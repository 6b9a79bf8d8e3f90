import type { MemoryResult } from '../results/schema.ts';
import type { AsyncLoop, SyncLoop } from './loop.ts';
import { FLAT_THRESHOLD_NS, type SamplingPlan } from './plan.ts';

export interface RawTimedSamples {
  mode: 'linear' | 'flat';
  /** Iterations behind each sample. */
  iterations: number[];
  /** Total elapsed ns of each sample. */
  times: number[];
  warmUp: { iterations: number; ns: number; settled: boolean };
}

export type Loop = { sync: true; run: SyncLoop } | { sync: false; run: AsyncLoop };

export interface SamplerHooks {
  onPhase?: (phase: 'warm-up' | 'sampling', done: number, total: number) => void;
  /** Called after each sample so the caller can track peak memory. */
  afterSample?: () => void;
  /** A full garbage collection; default `globalThis.gc` (`--expose-gc`), none without it. */
  collectGarbage?: () => void;
}

const exposedGc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

async function runLoop(loop: Loop, n: number): Promise<number> {
  return loop.run(n);
}

/**
 * Warm-up: run batches of doubling size until two consecutive batches (each long enough to time
 * well) agree within 5% on the per-iteration cost, or the warm-up time cap is reached. JIT tiers,
 * caches and lazily initialised state settle before sampling starts. With `warmUpFloorMs` the
 * batches go on at least that long, however alike they are.
 */
export async function warmUp(
  loop: Loop,
  plan: SamplingPlan,
  resolutionNs: number,
  hooks: SamplerHooks = {},
): Promise<{ perIterationNs: number; iterations: number; ns: number; settled: boolean }> {
  const capNs = plan.warmUpTimeMs * 1e6;
  const floorNs = Math.min(plan.warmUpFloorMs ?? 0, plan.warmUpTimeMs) * 1e6;
  const minBatchNs = Math.max(1000 * resolutionNs, Math.min(capNs / 20, 5e6));
  let n = 1;
  let total = 0;
  let iterations = 0;
  let previous = NaN;
  let estimate = NaN;
  // The fastest per-iteration cost of the batches long enough to time well: interference only ever
  // adds time, so one preempted last batch cannot make a 50 µs benchmark look slower than the
  // flat-sampling threshold and flip how it is sampled between runs (seen under load).
  let fastest = Infinity;
  let settled = false;
  while (true) {
    const t = Math.max(await runLoop(loop, n), 1);
    total += t;
    iterations += n;
    estimate = t / n;
    hooks.onPhase?.('warm-up', Math.min(total, capNs), capNs);
    if (t >= minBatchNs) {
      fastest = Math.min(fastest, estimate);
      if (total >= floorNs && Number.isFinite(previous) && Math.abs(estimate - previous) / previous < 0.05) {
        settled = true;
        break;
      }
      previous = estimate;
    }
    if (total >= capNs) break;
    // Grow the batch until it is long enough to time well, but never beyond what the cap allows.
    if (t < minBatchNs) n *= 2;
    const remaining = capNs - total;
    if (n * estimate > remaining) n = Math.max(1, Math.floor(remaining / estimate));
  }
  return { perIterationNs: Number.isFinite(fastest) ? fastest : estimate, iterations, ns: total, settled };
}

/** Chooses linear or flat sampling and takes the samples. */
export async function takeSamples(
  loop: Loop,
  plan: SamplingPlan,
  resolutionNs: number,
  hooks: SamplerHooks = {},
): Promise<RawTimedSamples> {
  const w = await warmUp(loop, plan, resolutionNs, hooks);
  const perIter = Math.max(w.perIterationNs, 0.01);
  const mode: 'linear' | 'flat' =
    plan.sampling === 'auto' ? (perIter < FLAT_THRESHOLD_NS ? 'linear' : 'flat') : plan.sampling;
  const totalNs = plan.measurementTimeMs * 1e6;
  const iterationCounts: number[] = [];
  if (mode === 'linear') {
    // Criterion's linear plan: sample i runs i·d iterations, i = 1..S, so the S samples together
    // take about the measurement time; the smallest sample is kept far above timer resolution.
    const S = plan.samples;
    const triangular = (S * (S + 1)) / 2;
    const dTime = Math.ceil(totalNs / (perIter * triangular));
    const dResolution = Math.ceil((1000 * resolutionNs) / perIter);
    const d = Math.max(1, dTime, dResolution);
    for (let i = 1; i <= S; i++) iterationCounts.push(i * d);
  } else {
    // Flat: each sample is one batch of k iterations (k = 1 for code slower than ~1 ms per call).
    const k = Math.max(1, Math.ceil(FLAT_THRESHOLD_NS / perIter));
    const affordable = Math.floor(totalNs / (perIter * k));
    const S = Math.max(plan.minSamples, Math.min(plan.samples, affordable));
    for (let i = 0; i < S; i++) iterationCounts.push(k);
  }
  // One full collection before the first sample, none between samples: the samples start from a
  // heap without the set-up's and warm-up's garbage, and then pay for collecting their own garbage
  // as often as a long run of the code does. A collection before every sample (what bench-kit did
  // before) took the old generation's work out of the timed region: SHA-256 of 1 KiB
  // (a native Hash object per call, freed by the major GC) read 4.8% under a plain 200k-call loop,
  // against -0.2% with one collection (`bench-kit selfcheck`'s children, 6 alternated processes
  // per cell, load 1.1-1.3); see the README's self-check section.
  (hooks.collectGarbage ?? exposedGc)?.();
  const times: number[] = [];
  for (let i = 0; i < iterationCounts.length; i++) {
    times.push(await runLoop(loop, iterationCounts[i]));
    hooks.afterSample?.();
    hooks.onPhase?.('sampling', i + 1, iterationCounts.length);
  }
  return { mode, iterations: iterationCounts, times, warmUp: { iterations: w.iterations, ns: w.ns, settled: w.settled } };
}

/** Tracks current and peak process memory around a benchmark. */
export class MemoryTracker {
  private readonly before = process.memoryUsage();
  private rssPeak = this.before.rss;
  private heapPeak = this.before.heapUsed;

  sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.rssPeak) this.rssPeak = m.rss;
    if (m.heapUsed > this.heapPeak) this.heapPeak = m.heapUsed;
  }

  result(): MemoryResult {
    const after = process.memoryUsage();
    this.sample();
    return {
      rssBefore: this.before.rss,
      rssAfter: after.rss,
      rssPeak: this.rssPeak,
      heapUsedBefore: this.before.heapUsed,
      heapUsedAfter: after.heapUsed,
      heapUsedPeak: this.heapPeak,
      external: after.external,
      arrayBuffers: after.arrayBuffers,
    };
  }
}
