import { mean, variance } from './descriptive.ts';
import { studentTTwoSided } from './student-t.ts';

export interface WelchResult {
  /** Observed mean(y) - mean(x). */
  difference: number;
  t: number;
  /** Welch-Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value. */
  p: number;
}

/**
 * Welch's unequal-variance t-test of mean(y) - mean(x), p from the exact t distribution with the
 * Welch-Satterthwaite degrees of freedom. Unlike a permutation test, its p is not capped by the
 * number of relabelings of a small sample. With zero spread on both sides (perfectly repeatable
 * values, e.g. instruction counts) the p-value is 1 for equal means and 0 otherwise.
 */
export function welchTest(x: readonly number[], y: readonly number[]): WelchResult {
  const m = x.length;
  const n = y.length;
  const difference = mean(y) - mean(x);
  const vx = variance(x) / m;
  const vy = variance(y) / n;
  const se2 = vx + vy;
  if (!(se2 > 0)) {
    const equal = Math.abs(difference) <= 1e-12 * Math.max(Math.abs(mean(x)), Math.abs(mean(y)), 1);
    return { difference, t: equal ? 0 : Math.sign(difference) * Infinity, df: m + n - 2, p: equal ? 1 : 0 };
  }
  const t = difference / Math.sqrt(se2);
  const df = (se2 * se2) / ((m > 1 ? (vx * vx) / (m - 1) : 0) + (n > 1 ? (vy * vy) / (n - 1) : 0));
  return { difference, t, df, p: studentTTwoSided(t, df) };
}
