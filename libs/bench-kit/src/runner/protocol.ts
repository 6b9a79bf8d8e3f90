import type { PairedClock, Side } from '../results/comparison-schema.ts';
import type { BenchmarkResult, ThroughputUnit } from '../results/schema.ts';

/**
 * What a child measured for one benchmark, before analysis (statistics are computed by the parent):
 * a result's identity, outcome and extras, with the raw values instead of samples and estimates.
 */
export interface RawBenchmark
  extends Pick<
    BenchmarkResult,
    'id' | 'group' | 'name' | 'param' | 'status' | 'reason' | 'error' | 'unit' | 'lowerIsBetter' | 'samplingMode' | 'memory' | 'metrics' | 'details' | 'warnings' | 'durationMs'
  > {
  kind: 'timed' | 'custom';
  /** Per-sample totals (timed) or the values themselves (custom, where iterations are 1). */
  values: number[];
  iterations: number[];
  statistic: 'slope' | 'mean' | 'median';
  throughput?: { unit: ThroughputUnit; perIteration: number };
}

/** One side's part of a paired measurement in one process. */
export interface PairedSideRaw {
  /** The side's own samples, analysed like any result (distributions, estimate). */
  raw: RawBenchmark;
  /**
   * The values that form the quads, per iteration, in the order taken: the samples themselves for
   * timed benchmarks, one statistic per whole measurement for custom ones.
   */
  pairValues: number[];
  pairIterations: number[];
}

/** How a child measures: one revision alone, or two revisions interleaved (`--against`). */
export type ChildMode =
  | { kind: 'single'; file: string }
  | {
      kind: 'paired';
      /** The same bench file in each revision; absent when the file exists on one side only. */
      files: Partial<Record<Side, string>>;
      /** Imported, set up and warmed up first in this process. */
      firstSide: Side;
      /** Seeds the random ABBA/BAAB order of the quads. */
      seed: number;
    };

export interface ChildOptions {
  project: string;
  mode: ChildMode;
  quick: boolean;
  filter: string | null;
  samples?: number;
  resolutionNs: number;
  /** `instructions`: the child runs under callgrind and marks measured regions (see instructions/). */
  measure: 'time' | 'instructions';
}

export type ChildMessage =
  | { type: 'plan'; ids: string[] }
  | { type: 'calibration'; emptyFunctionNs: number }
  | { type: 'start'; id: string }
  | { type: 'phase'; id: string; phase: string; done: number; total: number }
  | { type: 'progress'; id: string; message: string }
  /** A result of one revision; `side` is set in a paired run for ids that exist on one side only. */
  | { type: 'result'; result: RawBenchmark; side?: Side }
  /** Both sides of an id measured interleaved in this process. */
  | { type: 'paired'; id: string; firstSide: Side; quadOrder: ('ABBA' | 'BAAB')[]; clock: PairedClock; base: PairedSideRaw; head: PairedSideRaw }
  /** Instruction mode: the iteration counts of the regions this benchmark ran, in order. */
  | { type: 'regions'; id: string; iterations: number[]; discardPairs: number }
  | { type: 'done' };
