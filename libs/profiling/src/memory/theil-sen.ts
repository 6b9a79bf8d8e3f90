import { median } from '@workflow-bench/bench-kit';

/**
 * Theil–Sen estimator: the median of the slopes between all pairs of points. Robust to a few
 * outliers (a late GC, one noisy round), unlike least squares. Returns 0 for fewer than 2 points.
 */
export function theilSenSlope(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new RangeError(`theilSenSlope: x has ${x.length} values, y has ${y.length}`);
  const slopes: number[] = [];
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = x[j]! - x[i]!;
      if (dx !== 0) slopes.push((y[j]! - y[i]!) / dx);
    }
  }
  return slopes.length > 0 ? median(slopes) : 0;
}
