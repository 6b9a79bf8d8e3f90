import { bootstrapMeanDifference, expandedTail, welchTest } from '@workflow-bench/bench-kit';
import type { VerdictPolicy } from './outcome.ts';
import { compareRoundLevels, type ProcessPrior, type ProcessSpread } from './process-level.ts';
import { instructionPairs, type RoundLevels, type UnitKind } from './units.ts';

export type TestName = 'two-level t (rounds random, samples nested)' | 'welch t';

/** The statistics of one benchmark, before the run-wide multiple-testing adjustment. */
export interface SampleComparison {
  units: UnitKind;
  /** Rounds (fresh processes) or instruction-count pairs on each side. */
  unitsBase: number;
  unitsCurrent: number;
  /** Rounds only: samples behind the round levels. */
  samplesBase?: number;
  samplesCurrent?: number;
  /** Rounds only: the spread between fresh processes the interval and test account for. */
  processSpread?: ProcessSpread;
  /**
   * Rounds only, where the bench file had enough other benchmarks: the change beyond them
   * (shared-process.ts), relative, with its p (its BH-adjusted p once the run is adjusted).
   */
  beyondProcess?: BeyondProcess;
  /** Instruction-count pairs set aside as disturbed (see units.ts). */
  setAside?: { base: number; current: number };
  /** Relative change current/baseline - 1 of the geometric mean of the units, with its CI. */
  change: { point: number; lower: number; upper: number; confidence: number };
  test: TestName;
  /** Two-sided p-value of "no difference", unadjusted; NaN when process-level variance is unseen. */
  p: number;
}

export interface BeyondProcess {
  change: { point: number; lower: number; upper: number; confidence: number };
  p: number;
  pAdjusted?: number;
  /** Other benchmarks of the bench file, and their median relative change. */
  others: number;
  othersChange: number;
  /** The benchmark's own sd between processes once the shared offset is removed (relative), and its df. */
  ownSpread: number;
  df: number;
}

export type SampleComparisonFailure = { error: string };

export function nonPositive(samples: readonly number[], side: string): SampleComparisonFailure | null {
  return samples.some((v) => !(v > 0)) ? { error: `${side} has non-positive samples; relative change is undefined` } : null;
}

export const relative = (d: { point: number; lower: number; upper: number; confidence: number }) => ({
  point: Math.expm1(d.point),
  lower: Math.expm1(d.lower),
  upper: Math.expm1(d.upper),
  confidence: d.confidence,
});

/**
 * Wall time and custom measures: the two-level comparison of round levels (process-level.ts), given
 * the run's prior on a round level's variance. Each side needs `minUnits` samples in all.
 */
export function compareRounds(levels: RoundLevels, prior: ProcessPrior | null, policy: VerdictPolicy): SampleComparison | SampleComparisonFailure {
  const count = (side: RoundLevels['base']) => side.reduce((a, r) => a + r.samples, 0);
  const m = count(levels.base);
  const n = count(levels.current);
  if (m < policy.minUnits || n < policy.minUnits) {
    return { error: `too few samples (${m} baseline, ${n} current; need ${policy.minUnits} each): take more samples or rounds` };
  }
  const c = compareRoundLevels(levels, prior, policy.confidence);
  return {
    units: 'rounds',
    unitsBase: c.roundsBase,
    unitsCurrent: c.roundsCurrent,
    samplesBase: c.samplesBase,
    samplesCurrent: c.samplesCurrent,
    processSpread: c.spread,
    change: relative(c.delta),
    test: 'two-level t (rounds random, samples nested)',
    p: c.p,
  };
}

/**
 * Instruction counts: each region pair is a unit (disturbed pairs set aside), the change's CI is
 * an expanded percentile two-sample bootstrap and the test Welch's t. An exact permutation test
 * of 5 + 5 pairs cannot go below p = 2/252 ≈ 0.008, which Benjamini-Hochberg over a run of 20
 * benchmarks turns into "not significant" however clear the change; the t-test's p is not capped
 * by the number of relabelings, and the counts' noise is tiny and near-symmetric once disturbed
 * pairs are set aside.
 */
export function compareInstructionPairs(
  base: { samples: readonly number[] },
  current: { samples: readonly number[] },
  policy: VerdictPolicy,
): SampleComparison | SampleComparisonFailure {
  const units = instructionPairs(base, current, policy.disturbedPairPct);
  const m = units.base.length;
  const n = units.current.length;
  if (m < policy.minUnits || n < policy.minUnits) {
    return {
      error:
        `too few independent units (${m} baseline, ${n} current pairs, after setting aside ${units.setAside.base}+${units.setAside.current} disturbed pairs; ` +
        `need ${policy.minUnits} each): take more samples or rounds`,
    };
  }
  const ci = bootstrapMeanDifference(units.base, units.current, {
    resamples: policy.resamples,
    seed: policy.seed,
    confidence: policy.confidence,
    tail: expandedTail(policy.confidence, Math.min(m, n)),
  });
  return {
    units: 'pairs',
    unitsBase: m,
    unitsCurrent: n,
    setAside: units.setAside,
    change: relative(ci),
    test: 'welch t',
    p: welchTest(units.base, units.current).p,
  };
}
