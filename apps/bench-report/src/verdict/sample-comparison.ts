import { bootstrapMeanDifference, EXACT_PERMUTATION_LIMIT, expandedTail, mannWhitney, permutationTest, welchTest } from '@workflow-bench/bench-kit';
import type { VerdictPolicy } from './outcome.ts';
import { chooseUnits, type SideData, type UnitKind } from './units.ts';

export type TestName = 'permutation (exact)' | 'permutation (monte-carlo)' | 'mann-whitney (normal approx.)' | 'welch t';

/** The statistics of one benchmark, before the run-wide multiple-testing adjustment. */
export interface SampleComparison {
  units: UnitKind;
  unitsBase: number;
  unitsCurrent: number;
  blockLength?: number;
  /** Instruction-count pairs set aside as disturbed (see units.ts). */
  setAside?: { base: number; current: number };
  /** Relative change current/baseline - 1 of the geometric mean of the units, with its CI. */
  change: { point: number; lower: number; upper: number; confidence: number };
  test: TestName;
  /** Two-sided p-value of "no difference", unadjusted. */
  p: number;
}

export type SampleComparisonFailure = { error: string };

function binomialCount(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/**
 * Compares two sides' samples: picks the units (rounds, blocks, or instruction-count pairs),
 * bootstraps the change of the mean log unit (= ratio of geometric means) with an expanded
 * percentile interval, and tests "no difference" with an exact permutation test when the
 * relabelings can be enumerated, or Mann-Whitney U (normal approximation, tie-corrected) when there
 * are too many. Instruction counts are tested with Welch's t (see welch.ts for why).
 */
export function compareSamples(
  base: SideData,
  current: SideData,
  policy: VerdictPolicy,
  options: { instructions?: boolean } = {},
): SampleComparison | SampleComparisonFailure {
  for (const [side, data] of [['baseline', base], ['current', current]] as const) {
    if (data.samples.some((v) => !(v > 0))) return { error: `${side} has non-positive samples; relative change is undefined` };
  }
  const units = chooseUnits(base, current, {
    minRounds: policy.minRounds,
    ...(options.instructions ? { instructionPairs: { disturbedPairPct: policy.disturbedPairPct } } : {}),
  });
  const m = units.base.length;
  const n = units.current.length;
  if (m < policy.minUnits || n < policy.minUnits) {
    return {
      error:
        `too few independent units (${m} baseline, ${n} current ${units.kind}` +
        `${units.setAside ? `, after setting aside ${units.setAside.base}+${units.setAside.current} disturbed pairs` : ''}; need ${policy.minUnits} each): take more samples or rounds`,
    };
  }
  const tail = expandedTail(policy.confidence, Math.min(m, n));
  const ci = bootstrapMeanDifference(units.base, units.current, {
    resamples: policy.resamples,
    seed: policy.seed,
    confidence: policy.confidence,
    tail,
  });
  let test: TestName;
  let p: number;
  if (options.instructions) {
    test = 'welch t';
    p = welchTest(units.base, units.current).p;
  } else if (binomialCount(m + n, n) <= EXACT_PERMUTATION_LIMIT) {
    const r = permutationTest(units.base, units.current, { seed: policy.seed });
    test = r.exact ? 'permutation (exact)' : 'permutation (monte-carlo)';
    p = r.p;
  } else {
    test = 'mann-whitney (normal approx.)';
    p = mannWhitney(units.base, units.current).p;
  }
  return {
    units: units.kind,
    unitsBase: m,
    unitsCurrent: n,
    ...(units.blockLength !== undefined ? { blockLength: units.blockLength } : {}),
    ...(units.setAside ? { setAside: units.setAside } : {}),
    change: { point: Math.expm1(ci.point), lower: Math.expm1(ci.lower), upper: Math.expm1(ci.upper), confidence: ci.confidence },
    test,
    p,
  };
}
