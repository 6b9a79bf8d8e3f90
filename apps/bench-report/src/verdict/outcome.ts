/** The four verdicts a benchmark with baseline samples can get. */
export type Outcome = 'regressed' | 'improved' | 'unchanged' | 'inconclusive';

/** Knobs of the decision rule; README.md ("How the verdict is decided") explains each. */
export interface VerdictPolicy {
  /** False-discovery rate for Benjamini-Hochberg across the benchmarks of a run. */
  alpha: number;
  /** Confidence of the interval of the relative change. */
  confidence: number;
  /**
   * The share of the threshold the interval must clear to call a regression or improvement:
   * with threshold 10% and 0.5, the whole 95% CI must lie above +5%.
   */
  floorFraction: number;
  /** Fewer samples (or instruction pairs) than this on either side: inconclusive, no test is attempted. */
  minUnits: number;
  /**
   * Instruction counts: a region pair more than this percent above its side's median is set aside
   * as disturbed (GC or late compilation inside the region; extra work only adds instructions).
   */
  disturbedPairPct: number;
  resamples: number;
  seed: number;
}

export const DEFAULT_POLICY: VerdictPolicy = {
  alpha: 0.05,
  confidence: 0.95,
  floorFraction: 0.5,
  minUnits: 3,
  disturbedPairPct: 1,
  resamples: 2000,
  seed: 0x5eed,
};
