import { mean } from './descriptive.ts';

/**
 * Ordinary least squares through the origin: y = b·x. For linear sampling x is the iteration
 * count of a sample and y its total time, so b is the cost of one iteration and the per-sample
 * constant overhead (timer reads, loop set-up) does not bias it as much as a plain mean of
 * y/x does (Criterion's "slope" estimate).
 */
export function slopeThroughOrigin(x: readonly number[], y: readonly number[]): number {
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += x[i] * y[i];
    sxx += x[i] * x[i];
  }
  return sxx === 0 ? NaN : sxy / sxx;
}

/** Coefficient of determination of the fit y = b·x against the mean model. */
export function rSquared(x: readonly number[], y: readonly number[], slope: number): number {
  const my = mean(y);
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < x.length; i++) {
    const r = y[i] - slope * x[i];
    ssRes += r * r;
    ssTot += (y[i] - my) * (y[i] - my);
  }
  return ssTot === 0 ? 1 : 1 - ssRes / ssTot;
}
