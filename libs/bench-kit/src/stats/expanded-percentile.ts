import { normalUpperTail } from './normal.ts';
import { studentTQuantile } from './student-t.ts';

/**
 * Tail probability for Hesterberg's expanded percentile bootstrap: a plain percentile interval
 * is too narrow for small samples (it behaves like z*sqrt((n-1)/n) instead of t_{n-1}), so the
 * quantiles are taken at alpha' with z_{alpha'} = sqrt(n/(n-1)) * t_{alpha, n-1}.
 * (T. Hesterberg, "What teachers should know about the bootstrap", The American Statistician 2015.)
 * For two samples `n` is the smaller side, which errs towards the wider interval.
 */
export function expandedTail(confidence: number, n: number): number {
  const alpha = (1 - confidence) / 2;
  if (n < 2) return alpha;
  const t = studentTQuantile(1 - alpha, n - 1);
  return normalUpperTail(Math.sqrt(n / (n - 1)) * t);
}
