import { MAX_SAMPLES_PER_BENCHMARK } from './input-limits.ts';

/** What thinning did to one benchmark's samples; recorded in the report and in saved baselines. */
export interface Thinning {
  /** Samples in the input. */
  from: number;
  /** Samples kept. */
  kept: number;
}

export interface SampleSeries {
  samples: number[];
  /** Per-sample iteration counts of a results file, parallel to `samples`. */
  iterations?: number[];
  roundSampleCounts?: number[];
}

/**
 * Keeps at most `max` samples by systematic thinning inside each round: round r keeps
 * `floor(count_r · max / total)` (at least one) samples at evenly spaced positions. Unlike a
 * reservoir it is deterministic and keeps the recorded order and the round boundaries, which the
 * verdict's blocks depend on (a block is a run of consecutive samples of one process); every k-th
 * sample of a round spans the same stretch of time as the round did. Estimates and statistics are
 * not touched: they were computed from all samples by bench-kit and stay true.
 */
export function capSamples<T extends SampleSeries>(series: T, max: number = MAX_SAMPLES_PER_BENCHMARK): { series: T; thinning: Thinning | null } {
  const total = series.samples.length;
  if (total <= max) return { series, thinning: null };
  const rounds = series.roundSampleCounts ?? [total];
  const keptIndices: number[] = [];
  const keptPerRound: number[] = [];
  let start = 0;
  for (const count of rounds) {
    const quota = count === 0 ? 0 : Math.max(1, Math.floor((count * max) / total));
    for (let j = 0; j < quota; j++) keptIndices.push(start + Math.floor((j * count) / quota));
    keptPerRound.push(quota);
    start += count;
  }
  const pick = (values: number[]) => keptIndices.map((i) => values[i]);
  const thinned: T = { ...series, samples: pick(series.samples) };
  if (series.iterations && series.iterations.length === total) thinned.iterations = pick(series.iterations);
  if (series.roundSampleCounts) thinned.roundSampleCounts = keptPerRound;
  return { series: thinned, thinning: { from: total, kept: keptIndices.length } };
}
