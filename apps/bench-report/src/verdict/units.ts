import { median } from '@workflow-bench/bench-kit';

/**
 * What the verdict treats as independent observations.
 *
 * - `rounds`: each round is a fresh process, so round estimates are independent draws that
 *   include process-to-process variation (JIT decisions, memory layout, CPU frequency). Used when
 *   both sides have at least `minRounds` of them.
 * - `blocks`: otherwise the samples of one process are the only data. They are autocorrelated
 *   (neighbouring samples share caches, GC state, frequency), so they are cut into contiguous
 *   blocks of `blockLength` samples in recorded order and each block's median is one unit. This
 *   is the non-overlapping block idea of block bootstraps; block medians also tame GC outliers.
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
export type UnitKind = 'rounds' | 'blocks' | 'pairs';

export interface Units {
  kind: UnitKind;
  base: number[];
  current: number[];
  /** Samples per block (blocks only). */
  blockLength?: number;
  /** Instruction-count pairs set aside as disturbed on each side (pairs only). */
  setAside?: { base: number; current: number };
}

export interface UnitOptions {
  /** Both sides need this many round estimates for rounds to be the units. */
  minRounds: number;
  /**
   * Samples are instruction counts per region pair: each one is a unit (`pairs`), except those
   * more than `disturbedPairPct` percent above their side's median.
   */
  instructionPairs?: { disturbedPairPct: number };
}

export const DEFAULT_UNIT_OPTIONS: UnitOptions = { minRounds: 6 };

export interface SideData {
  samples: readonly number[];
  roundEstimates?: readonly number[];
  /** Samples each round contributed, in order (bench-kit `roundSampleCounts`, --rounds > 1). */
  roundSampleCounts?: readonly number[];
}

/** Block length n^(1/3) (the usual block-bootstrap rate), at least 2 so neighbours share a block. */
export function blockLengthFor(n: number): number {
  return Math.max(2, Math.round(Math.cbrt(n)));
}

/**
 * Samples are pooled over rounds in round order; blocks are cut inside each round so that no block
 * mixes two processes. The round boundaries are bench-kit's `roundSampleCounts` when recorded
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

/** Log block medians; a short tail is folded into the last block rather than left as a tiny unit. */
export function blockUnits(samples: readonly number[], blockLength: number): number[] {
  const count = Math.max(1, Math.floor(samples.length / blockLength));
  const units: number[] = [];
  for (let b = 0; b < count; b++) {
    const start = b * blockLength;
    const end = b === count - 1 ? samples.length : start + blockLength;
    units.push(Math.log(median(samples.slice(start, end))));
  }
  return units;
}

export function chooseUnits(base: SideData, current: SideData, options: UnitOptions = DEFAULT_UNIT_OPTIONS): Units {
  const br = base.roundEstimates ?? [];
  const cr = current.roundEstimates ?? [];
  if (br.length >= options.minRounds && cr.length >= options.minRounds) {
    return { kind: 'rounds', base: br.map(Math.log), current: cr.map(Math.log) };
  }
  if (options.instructionPairs) {
    const limit = Math.log1p(options.instructionPairs.disturbedPairPct / 100);
    const b = undisturbed(base.samples.map(Math.log), limit);
    const c = undisturbed(current.samples.map(Math.log), limit);
    return { kind: 'pairs', base: b.kept, current: c.kept, setAside: { base: b.setAside, current: c.setAside } };
  }
  const baseRounds = splitRounds(base.samples, br.length, base.roundSampleCounts);
  const currentRounds = splitRounds(current.samples, cr.length, current.roundSampleCounts);
  // One block length for both sides so units carry the same amount of information.
  const shortest = Math.min(...[...baseRounds, ...currentRounds].map((r) => r.length));
  const blockLength = blockLengthFor(shortest);
  return {
    kind: 'blocks',
    base: baseRounds.flatMap((r) => blockUnits(r, blockLength)),
    current: currentRounds.flatMap((r) => blockUnits(r, blockLength)),
    blockLength,
  };
}

/** Log pair counts without those more than `limit` (log scale) above the side's median. */
export function undisturbed(logUnits: readonly number[], limit: number): { kept: number[]; setAside: number } {
  const m = median(logUnits);
  const kept = logUnits.filter((u) => u - m <= limit);
  return { kept, setAside: logUnits.length - kept.length };
}
