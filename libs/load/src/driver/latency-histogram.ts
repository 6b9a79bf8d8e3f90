import * as hdr from 'hdr-histogram-js';

/** Latency summary in milliseconds (floating point, microsecond resolution). */
export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

/** Longest latency the histograms track exactly: 10 minutes in µs (longer values are clamped). */
const HIGHEST_TRACKABLE_US = 600_000_000;

/**
 * An HDR histogram of latencies recorded in whole microseconds.
 *
 * Why HDR at µs: percentiles stay within 0.1% (3 significant digits) over 1 µs .. 10 min with
 * constant memory, and histograms of intervals or endpoints can be merged exactly.
 */
export class LatencyHistogram {
  private readonly histogram: hdr.Histogram;

  /**
   * @param precision `interval`: 2 significant digits instead of 3 (per-second histograms).
   * @param storage `packed` (the default for intervals) takes ~10x less memory, which a soak run
   *   keeping thousands of them needs, but costs ~7x more per record; so the driver records the
   *   current second into a dense one and folds it into a packed one when the second ends.
   */
  constructor(precision: 'full' | 'interval' = 'full', storage: 'dense' | 'packed' = precision === 'full' ? 'dense' : 'packed') {
    this.histogram = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: HIGHEST_TRACKABLE_US,
      numberOfSignificantValueDigits: precision === 'full' ? 3 : 2,
      bitBucketSize: storage === 'dense' ? 32 : 'packed',
      autoResize: false,
      useWebAssembly: false,
    });
  }

  /** Records one latency given in microseconds (fractions are rounded; 0 becomes 1 µs). */
  recordMicros(us: number): void {
    const v = Math.round(us);
    this.histogram.recordValue(v < 1 ? 1 : v > HIGHEST_TRACKABLE_US ? HIGHEST_TRACKABLE_US : v);
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  /** Value at a percentile (0..100) in microseconds. */
  percentileMicros(p: number): number {
    return this.histogram.totalCount === 0 ? 0 : this.histogram.getValueAtPercentile(p);
  }

  maxMicros(): number {
    return this.histogram.totalCount === 0 ? 0 : this.histogram.maxValue;
  }

  add(other: LatencyHistogram): void {
    this.histogram.add(other.histogram);
  }

  reset(): void {
    this.histogram.reset();
  }

  summaryMs(): LatencySummary {
    const h = this.histogram;
    if (h.totalCount === 0) return { count: 0, min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 };
    const ms = (us: number) => us / 1000;
    return {
      count: h.totalCount,
      min: ms(h.minNonZeroValue),
      mean: ms(h.mean),
      p50: ms(h.getValueAtPercentile(50)),
      p90: ms(h.getValueAtPercentile(90)),
      p95: ms(h.getValueAtPercentile(95)),
      p99: ms(h.getValueAtPercentile(99)),
      p999: ms(h.getValueAtPercentile(99.9)),
      max: ms(h.maxValue),
    };
  }

  destroy(): void {
    this.histogram.destroy();
  }
}
