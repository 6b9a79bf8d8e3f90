import { quantileSorted } from './descriptive.ts';
import { mulberry32 } from './random.ts';

export interface Interval {
  point: number;
  lower: number;
  upper: number;
  confidence: number;
}

/**
 * Two-sample percentile bootstrap of mean(y) - mean(x), the statistic the verdict uses: each side
 * is resampled with replacement on its own (the sides are independent runs), seeded so a verdict
 * is reproducible. `tail` lets the caller widen the interval (expanded percentile bootstrap) while
 * still labelling it with the nominal confidence. Resampled values are summed directly instead of
 * materialising resamples, which keeps thousands of comparisons affordable.
 *
 * A two-sample generalisation of bench-kit's one-sample `bootstrapCI` (libs/bench-kit/src/stats).
 */
export function bootstrapMeanDifference(
  x: readonly number[],
  y: readonly number[],
  options: { resamples?: number; confidence?: number; seed?: number; tail?: number } = {},
): Interval {
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const alpha = options.tail ?? (1 - confidence) / 2;
  const random = mulberry32(options.seed ?? 0x5eed);
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  const m = xs.length;
  const n = ys.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < m; i++) sx += xs[i];
  for (let i = 0; i < n; i++) sy += ys[i];
  const point = sy / n - sx / m;
  const stats = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < m; i++) a += xs[(random() * m) | 0];
    for (let i = 0; i < n; i++) b += ys[(random() * n) | 0];
    stats[r] = b / n - a / m;
  }
  stats.sort();
  return { point, lower: quantileSorted(stats, alpha), upper: quantileSorted(stats, 1 - alpha), confidence };
}
