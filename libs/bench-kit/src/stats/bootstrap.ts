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
