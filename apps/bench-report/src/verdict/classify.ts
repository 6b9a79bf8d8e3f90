import type { Outcome, VerdictPolicy } from './outcome.ts';

export interface Classification {
  outcome: Outcome;
  /** One sentence saying why, always present (the reason is the point for inconclusive). */
  reason: string;
}

/** A relative change as a signed percentage with one decimal: 0.052 → "+5.2%". */
export const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/**
 * The decision rule (README.md, "How the verdict is decided"). `change` is the relative change
 * current/baseline - 1 with its CI; `thresholdPct` the threshold in percent; `lowerIsBetter`
 * says which direction is worse. The noise floor is threshold * floorFraction.
 */
export function classify(
  change: { point: number; lower: number; upper: number },
  pAdjusted: number,
  thresholdPct: number,
  lowerIsBetter: boolean,
  policy: Pick<VerdictPolicy, 'alpha' | 'floorFraction' | 'confidence'>,
): Classification {
  const t = thresholdPct / 100;
  const floor = t * policy.floorFraction;
  // Orient so that positive is always "worse".
  const worseLow = lowerIsBetter ? change.lower : -change.upper;
  const worseHigh = lowerIsBetter ? change.upper : -change.lower;
  const significant = pAdjusted <= policy.alpha;
  const ci = `${Math.round(policy.confidence * 100)}% CI [${pct(change.lower)}, ${pct(change.upper)}]`;
  const pText = `BH-adjusted p = ${formatP(pAdjusted)}`;
  if (significant && worseLow > floor) {
    return { outcome: 'regressed', reason: `${pText} and the ${ci} lies entirely on the worse side of the ±${pct(floor).slice(1)} noise floor` };
  }
  if (significant && worseHigh < -floor) {
    return { outcome: 'improved', reason: `${pText} and the ${ci} lies entirely on the better side of the ±${pct(floor).slice(1)} noise floor` };
  }
  if (change.lower >= -t && change.upper <= t) {
    return { outcome: 'unchanged', reason: `the ${ci} lies inside ±${(thresholdPct).toFixed(1)}%` };
  }
  if (!significant) {
    return { outcome: 'inconclusive', reason: `not significant (${pText}) yet the ${ci} reaches beyond ±${thresholdPct.toFixed(1)}%: too noisy to tell, take more samples or rounds` };
  }
  return { outcome: 'inconclusive', reason: `significant (${pText}) but the ${ci} does not clear the ±${pct(floor).slice(1)} noise floor` };
}

export function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p === 0) return '0';
  if (p < 1e-4) return p.toExponential(1);
  return p < 0.01 ? p.toFixed(4) : p.toFixed(3);
}

/**
 * The second way to a regression or improvement (README "Beyond the benchmarks of its process"):
 * when the absolute rule above does not call one, a benchmark whose change *beyond the other
 * benchmarks of its bench file* (shared-process.ts) is significant (BH-adjusted over the run's
 * such comparisons) and clears the noise floor, and whose absolute change is significantly on the
 * same side of zero (its own 95% CI excludes 0), is called regressed (or improved). The absolute
 * condition guards the comparison's one assumption, that the other benchmarks mostly did not
 * change: when most of a file sped up, the unchanged rest looks slower than them but not slower
 * than before. Returns null when this way calls nothing.
 */
export function classifyBeyondProcess(
  beyond: { point: number; lower: number; upper: number; confidence: number },
  pAdjusted: number,
  absolute: { lower: number; upper: number },
  others: { count: number; change: number },
  thresholdPct: number,
  lowerIsBetter: boolean,
  policy: Pick<VerdictPolicy, 'alpha' | 'floorFraction'>,
): Classification | null {
  if (!(pAdjusted <= policy.alpha)) return null;
  const floor = (thresholdPct / 100) * policy.floorFraction;
  const worseLow = lowerIsBetter ? beyond.lower : -beyond.upper;
  const worseHigh = lowerIsBetter ? beyond.upper : -beyond.lower;
  const absWorseLow = lowerIsBetter ? absolute.lower : -absolute.upper;
  const absWorseHigh = lowerIsBetter ? absolute.upper : -absolute.lower;
  const ci = `${Math.round(beyond.confidence * 100)}% CI [${pct(beyond.lower)}, ${pct(beyond.upper)}]`;
  const what = `${pct(beyond.point)} beyond the ${others.count} other benchmarks of its processes (their median moved ${pct(others.change)}; BH-adjusted p = ${formatP(pAdjusted)}, ${ci})`;
  const absText = `its own CI [${pct(absolute.lower)}, ${pct(absolute.upper)}]`;
  if (worseLow > floor && absWorseLow > 0) {
    return { outcome: 'regressed', reason: `${what} lies entirely on the worse side of the ±${pct(floor).slice(1)} noise floor, and ${absText} is worse than zero` };
  }
  if (worseHigh < -floor && absWorseHigh < 0) {
    return { outcome: 'improved', reason: `${what} lies entirely on the better side of the ±${pct(floor).slice(1)} noise floor, and ${absText} is better than zero` };
  }
  return null;
}
