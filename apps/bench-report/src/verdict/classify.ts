import type { Outcome, VerdictPolicy } from './outcome.ts';

export interface Classification {
  outcome: Outcome;
  /** One sentence saying why, always present (the reason is the point for inconclusive). */
  reason: string;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

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
