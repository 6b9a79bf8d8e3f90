import { normalQuantile, normalUpperTail } from './normal.ts';

/**
 * Above this many degrees of freedom the t distribution is the normal one to < 1e-7 (the CDFs
 * differ by about φ(t)(t³ + t) / (4 df)), while log Γ differences of arguments near df/2 would lose
 * more than that to cancellation.
 */
const NORMAL_DF = 1e7;
import { logGamma, regularizedIncompleteBeta } from './special-functions.ts';

/**
 * Upper tail P(T > t) of Student's t with `df` > 0 degrees of freedom (fractional df allowed, as
 * Welch's is), with full relative precision in the tail: I_{df/(df+t²)}(df/2, 1/2) / 2 for t ≥ 0.
 */
export function studentTUpperTail(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  if (df >= NORMAL_DF) return normalUpperTail(t);
  const t2 = t * t;
  // Both x and 1 - x are formed directly, so neither loses precision near 0 or 1.
  const half = 0.5 * regularizedIncompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
  return t >= 0 ? half : 1 - half;
}

/** CDF P(T ≤ t) of Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  return studentTUpperTail(-t, df);
}

/** Two-sided tail probability P(|T| ≥ |t|). */
export function studentTTwoSided(t: number, df: number): number {
  if (Number.isNaN(t)) return NaN;
  return Math.min(1, 2 * studentTUpperTail(Math.abs(t), df));
}

/** Density of Student's t. */
export function studentTDensity(t: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Quantile of Student's t: the t with P(T ≤ t) = p, exact to ~1e-13 relative. df 1 and 2 have
 * closed forms; otherwise the upper tail q = min(p, 1-p) is inverted by Newton's method on the
 * exact tail (studentTUpperTail), safeguarded by a bracket that bisection falls back to, started
 * from the normal quantile. Working on the tail probability keeps precision for p near 0 or 1.
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || !(df > 0)) return NaN;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p === 0.5) return 0;
  const q = Math.min(p, 1 - p);
  const sign = p > 0.5 ? 1 : -1;
  return sign * upperQuantile(q, df);
}

/** The t ≥ 0 with P(T > t) = q, for 0 < q < 0.5. */
function upperQuantile(q: number, df: number): number {
  if (df === 1) return 1 / Math.tan(Math.PI * q);
  if (df === 2) return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  if (df >= NORMAL_DF) return -normalQuantile(q);
  let lo = 0;
  let hi = Infinity;
  let t = Math.max(-normalQuantile(q), 1e-3);
  for (let i = 0; i < 400; i++) {
    const f = studentTUpperTail(t, df) - q;
    if (f === 0) return t;
    if (f > 0) lo = t;
    else hi = t;
    // f > 0: t is too small. Newton: t + f / density (the tail's derivative is -density).
    let next = t + f / studentTDensity(t, df);
    if (!(next > lo && next < hi)) next = hi === Infinity ? Math.max(2 * t, lo + 1) : (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, t)) return next;
    t = next;
  }
  return t;
}
