import { median, trimmedMean, trimmedMeanVariance } from '@workflow-bench/bench-kit';

/**
 * What the verdict treats as its observations.
 *
 * - `rounds` (wall time and custom measures): each round is a fresh process, and processes differ
 *   by a level offset (a slower core, a busier neighbour, another memory layout) that no number of
 *   samples inside one process can reveal. So a round's *level* (the 20%-trimmed mean of its log
 *   samples: robust to GC pauses and preemption, nearly as efficient as the mean) is the unit, and
 *   the comparison is between the round levels of the two sides (two-level model: rounds random,
 *   samples nested in them; see process-level.ts). The samples only tell how precisely each level
 *   is known. (Earlier versions used block medians; a block of 2 samples has their mean as its
 *   median, so one 3x outlier moved a 15-sample round's level by ~10%.)
 * - `pairs`: instruction counts (callgrind). Each sample is already the difference of two
 *   separately counted regions (N2 - N1 iterations), and a count does not drift with CPU
 *   frequency or cache temperature the way a time does, so each is a unit of its own. Blocks of 2
 *   would leave a quick run (5 pairs) with 2 units a side, too few for any test. Extra work in a
 *   region (a GC, a late tier-up) only ever adds instructions, and shows as a pair far above the
 *   others (+16% in 2 of 5 pairs on a real run, the rest identical): pairs more than
 *   `disturbedPairPct` above their side's median are set aside, so one disturbed pair can neither
 *   fake a change nor hide one.
 *
 * Units are natural logarithms so changes are relative and symmetric (a 2x slowdown and a 2x
 * speed-up are the same distance from zero).
 */
export type UnitKind = 'rounds' | 'pairs';

export interface SideData {
  samples: readonly number[];
  roundEstimates?: readonly number[];
  /** Samples each round contributed, in order (bench-kit `roundSampleCounts`, --rounds > 1). */
  roundSampleCounts?: readonly number[];
}

/**
 * Samples are pooled over rounds in round order; this cuts them back into rounds. The round boundaries are bench-kit's `roundSampleCounts` when recorded
 * (rounds may contribute different numbers of samples); results from before it was recorded are
 * split evenly when they divide, otherwise the pooled sequence is cut as is.
 */
export function splitRounds(samples: readonly number[], rounds: number, counts?: readonly number[]): (readonly number[])[] {
  if (counts && counts.length > 1 && counts.reduce((a, b) => a + b, 0) === samples.length) {
    const out: (readonly number[])[] = [];
    let start = 0;
    for (const c of counts) {
      if (c > 0) out.push(samples.slice(start, start + c));
      start += c;
    }
    return out;
  }
  if (rounds <= 1 || samples.length % rounds !== 0) return [samples];
  const per = samples.length / rounds;
  return Array.from({ length: rounds }, (_, r) => samples.slice(r * per, (r + 1) * per));
}

/** One fresh process of one side: its level (trimmed mean of log samples) and how precisely it is known. */
export interface RoundLevel {
  level: number;
  samples: number;
  /**
   * Squared standard error of `level` from the round's own samples (Tukey-McLaughlin), NaN with
   * fewer than 2. It ignores autocorrelation within the process, so it is a lower bound; what it
   * misses shows up in the scatter of round levels, which the comparison estimates directly.
   */
  withinVariance: number;
}

export interface RoundLevels {
  base: RoundLevel[];
  current: RoundLevel[];
}

/** Share trimmed from each end of a round's log samples for its level. */
export const LEVEL_TRIM = 0.2;

/** The round levels of both sides; rounds come from bench-kit's `roundSampleCounts` (or an even split, see splitRounds). */
export function roundLevels(base: SideData, current: SideData): RoundLevels {
  const levels = (side: SideData) =>
    splitRounds(side.samples, side.roundEstimates?.length ?? 1, side.roundSampleCounts).map((r): RoundLevel => {
      const logs = r.map(Math.log);
      return { level: trimmedMean(logs, LEVEL_TRIM), samples: logs.length, withinVariance: trimmedMeanVariance(logs, LEVEL_TRIM) };
    });
  return { base: levels(base), current: levels(current) };
}

/** Instruction counts: log pair counts of each side, disturbed pairs set aside. */
export function instructionPairs(
  base: SideData,
  current: SideData,
  disturbedPairPct: number,
): { base: number[]; current: number[]; setAside: { base: number; current: number } } {
  const limit = Math.log1p(disturbedPairPct / 100);
  const b = undisturbed(base.samples.map(Math.log), limit);
  const c = undisturbed(current.samples.map(Math.log), limit);
  return { base: b.kept, current: c.kept, setAside: { base: b.setAside, current: c.setAside } };
}

/** Log pair counts without those more than `limit` (log scale) above the side's median. */
export function undisturbed(logUnits: readonly number[], limit: number): { kept: number[]; setAside: number } {
  const m = median(logUnits);
  const kept = logUnits.filter((u) => u - m <= limit);
  return { kept, setAside: logUnits.length - kept.length };
}
