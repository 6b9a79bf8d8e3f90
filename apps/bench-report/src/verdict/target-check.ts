import type { Target } from '../baseline/baseline-file.ts';
import type { ResultMeasure } from '../measure/measure-key.ts';

export type TargetStatus = 'met' | 'tolerated' | 'missed' | 'unknown';

export interface TargetCheck {
  id: string;
  /** The results the target is checked against (wall time or instruction counts). */
  measure: ResultMeasure;
  target: Target;
  thresholdPercent: number;
  actual: number | null;
  status: TargetStatus;
  reason: string;
}

/**
 * A target is missed when the estimate is beyond it by more than the threshold
 * (`< 10 ms` with 10%: missed above 11 ms). Beyond the target but within the threshold is
 * `tolerated`: reported, not failing, as the target's own noise allowance.
 */
export function checkTarget(
  id: string,
  target: Target,
  thresholdPercent: number,
  actual: { value: number; unit: string } | null,
  why: string | null,
  measure: ResultMeasure = 'time',
): TargetCheck {
  const base = { id, measure, target, thresholdPercent };
  if (actual === null) return { ...base, actual: null, status: 'unknown', reason: why ?? 'no estimate in the current results' };
  const converted = convert(actual.value, actual.unit, target.unit);
  if (converted === null) {
    const what = target.metric ? `metric ${target.metric}` : 'result';
    return { ...base, actual: null, status: 'unknown', reason: `unit mismatch: ${what} in ${actual.unit}, target in ${target.unit}` };
  }
  actual = { value: converted, unit: target.unit };
  const t = thresholdPercent / 100;
  const below = target.comparison === '<';
  const limit = below ? target.value * (1 + t) : target.value * (1 - t);
  const meets = below ? actual.value < target.value : actual.value > target.value;
  const withinTolerance = below ? actual.value <= limit : actual.value >= limit;
  const over = ((actual.value - target.value) / target.value) * 100;
  if (meets) return { ...base, actual: actual.value, status: 'met', reason: `${fmtPct(over)} vs target` };
  if (withinTolerance) return { ...base, actual: actual.value, status: 'tolerated', reason: `${fmtPct(over)} beyond the target, within its ${thresholdPercent}% threshold` };
  return { ...base, actual: actual.value, status: 'missed', reason: `${fmtPct(over)} beyond the target, more than its ${thresholdPercent}% threshold` };
}

const TIME_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9 };

/** Converts between time units; other units convert only to themselves. */
export function convert(value: number, from: string, to: string): number | null {
  if (from === to) return value;
  const f = TIME_UNITS[from];
  const t = TIME_UNITS[to];
  return f !== undefined && t !== undefined ? (value * f) / t : null;
}

const fmtPct = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`;
