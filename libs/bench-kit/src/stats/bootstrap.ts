import { quantileSorted } from './descriptive.ts';
import { seededRandom, type Random } from './random.ts';

export const DEFAULT_RESAMPLES = 10_000;
export const DEFAULT_SEED = 0x5eed;

export interface ConfidenceInterval {
  point: number;
  lower: number;
  upper: number;
  confidence: number;
}

export interface BootstrapOptions {
  resamples?: number;
  confidence?: number;
  seed?: number;
}

/**
 * Percentile bootstrap of a statistic over one sample: resample with replacement `resamples`
 * times, take the statistic of each, and report the central `confidence` interval of those.
 */
export function bootstrapCI(
  values: readonly number[],
  statistic: (resample: number[]) => number,
  options: BootstrapOptions = {},
): ConfidenceInterval {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? 0.95;
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const n = values.length;
  const point = statistic([...values]);
  if (n < 2) return { point, lower: point, upper: point, confidence };
  const stats = new Float64Array(resamples);
  const buf = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) buf[i] = values[(random() * n) | 0];
    stats[r] = statistic(buf);
  }
  return interval(point, stats, confidence);
}

/**
 * Paired bootstrap: resamples indices so (x[i], y[i]) pairs stay together, as regression
 * statistics such as the slope need.
 */
export function bootstrapPairedCI(
  x: readonly number[],
  y: readonly number[],
  statistic: (x: number[], y: number[]) => number,
  options: BootstrapOptions = {},
): ConfidenceInterval {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? 0.95;
  const random: Random = seededRandom(options.seed ?? DEFAULT_SEED);
  const n = x.length;
  const point = statistic([...x], [...y]);
  if (n < 2) return { point, lower: point, upper: point, confidence };
  const stats = new Float64Array(resamples);
  const bx = new Array<number>(n);
  const by = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const j = (random() * n) | 0;
      bx[i] = x[j];
      by[i] = y[j];
    }
    stats[r] = statistic(bx, by);
  }
  return interval(point, stats, confidence);
}

/**
 * Two-sample percentile bootstrap of mean(y) - mean(x): each side is resampled with replacement on
 * its own within one replicate (the sides are independent runs of different sizes, which
 * `bootstrapPairedCI` cannot express), seeded so results are reproducible. `tail` lets the caller
 * widen the interval (expanded percentile bootstrap, see expanded-percentile.ts) while still
 * labelling it with the nominal confidence. Resampled values are summed directly instead of
 * materialising resamples, which keeps thousands of comparisons affordable.
 */
export function bootstrapMeanDifference(
  x: readonly number[],
  y: readonly number[],
  options: BootstrapOptions & { tail?: number } = {},
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

/**
 * Two-sample percentile bootstrap of statistic(a) / statistic(b) for two independent samples of
 * any elements (numbers, or [iterations, total] pairs for a slope): each replicate resamples each
 * side on its own, with replacement, and takes the ratio of the two statistics. The relative
 * summaries ("A ran 1.06× [1.01, 1.11] as fast as B") use it.
 */
export function bootstrapRatioCI<A, B>(
  a: readonly A[],
  statisticA: (resample: A[]) => number,
  b: readonly B[],
  statisticB: (resample: B[]) => number,
  options: BootstrapOptions = {},
): ConfidenceInterval {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? 0.95;
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const point = statisticA([...a]) / statisticB([...b]);
  if (a.length < 2 && b.length < 2) return { point, lower: point, upper: point, confidence };
  const stats = new Float64Array(resamples);
  const bufA = new Array<A>(a.length);
  const bufB = new Array<B>(b.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < a.length; i++) bufA[i] = a[(random() * a.length) | 0];
    for (let i = 0; i < b.length; i++) bufB[i] = b[(random() * b.length) | 0];
    stats[r] = statisticA(bufA) / statisticB(bufB);
  }
  return interval(point, stats, confidence);
}

function interval(point: number, stats: Float64Array, confidence: number): ConfidenceInterval {
  const finite = stats.filter((v) => Number.isFinite(v)).sort();
  const alpha = (1 - confidence) / 2;
  return {
    point,
    lower: quantileSorted(finite, alpha),
    upper: quantileSorted(finite, 1 - alpha),
    confidence,
  };
}
