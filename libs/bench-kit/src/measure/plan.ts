import type { SamplingOverrides } from '../define/suite.ts';

export interface SamplingPlan {
  sampling: 'auto' | 'linear' | 'flat';
  samples: number;
  measurementTimeMs: number;
  warmUpTimeMs: number;
  /**
   * Warm-up time before which it may not end as settled (default 0). Two batches that agree can be
   * two batches of the same cold tier: code still in the interpreter or baseline tier runs at a
   * steady pace too, until the optimising compiler takes over.
   */
  warmUpFloorMs?: number;
  minSamples: number;
}

/**
 * Defaults. Full: 50 samples in ~2 s after up to 1 s of warm-up (Criterion uses 100 samples in
 * 5 s; on 2 shared cores, more rounds in fresh processes buy more than longer runs in one).
 * Quick: enough for a smoke check and a rough figure, a whole lib in well under a minute.
 */
export const FULL_PLAN: SamplingPlan = { sampling: 'auto', samples: 50, measurementTimeMs: 2000, warmUpTimeMs: 1000, warmUpFloorMs: 250, minSamples: 10 };
export const QUICK_PLAN: SamplingPlan = { sampling: 'auto', samples: 15, measurementTimeMs: 300, warmUpTimeMs: 400, warmUpFloorMs: 100, minSamples: 3 };

/** Code slower than this per call is sampled flat (one call per sample), faster code linearly. */
export const FLAT_THRESHOLD_NS = 1_000_000;

export function resolvePlan(quick: boolean, overrides: SamplingOverrides, cliSamples?: number): SamplingPlan {
  const base = quick ? QUICK_PLAN : FULL_PLAN;
  const plan: SamplingPlan = {
    sampling: overrides.sampling ?? base.sampling,
    samples: overrides.samples ?? base.samples,
    measurementTimeMs: overrides.measurementTimeMs ?? base.measurementTimeMs,
    warmUpTimeMs: overrides.warmUpTimeMs ?? base.warmUpTimeMs,
    // Never above the cap: warmUp() takes the smaller of the two.
    warmUpFloorMs: base.warmUpFloorMs,
    minSamples: overrides.minSamples ?? base.minSamples,
  };
  if (cliSamples !== undefined) plan.samples = cliSamples;
  if (quick) {
    // A benchmark's own overrides are sized for a full run; quick mode never takes longer.
    plan.samples = Math.min(plan.samples, QUICK_PLAN.samples);
    plan.measurementTimeMs = Math.min(plan.measurementTimeMs, QUICK_PLAN.measurementTimeMs);
    plan.warmUpTimeMs = Math.min(plan.warmUpTimeMs, QUICK_PLAN.warmUpTimeMs);
    plan.minSamples = Math.min(plan.minSamples, QUICK_PLAN.minSamples);
  }
  plan.minSamples = Math.max(2, Math.min(plan.minSamples, plan.samples));
  return plan;
}
