import { DEFAULT_SEED, quantileSorted, seededRandom, type ConfidenceInterval } from '@workflow-bench/bench-kit';

/**
 * Two-sample percentile bootstrap of mean(y) - mean(x), the statistic the verdict uses: each side
 * is resampled with replacement on its own (the sides are independent runs), seeded so a verdict
 * is reproducible. `tail` lets the caller widen the interval (expanded percentile bootstrap) while
 * still labelling it with the nominal confidence.
 *
 * Why not bench-kit's `bootstrapCI` / `bootstrapPairedCI`: those resample one sample, or pairs
 * (x[i], y[i]) together; baseline and current are independent samples of different sizes, so
 * each must be resampled separately within one replicate, and bench-kit returns only the interval,
 * not the replicates two one-sample runs could be combined from. The PRNG, the quantile rule and
 * the interval type are bench-kit's. Resampled values are summed directly instead of materialising
 * resamples, which keeps thousands of comparisons affordable.
 */
export function bootstrapMeanDifference(
  x: readonly number[],
  y: readonly number[],
  options: { resamples?: number; confidence?: number; seed?: number; tail?: number } = {},
): ConfidenceInterval {
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const alpha = options.tail ?? (1 - confidence) / 2;
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
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
