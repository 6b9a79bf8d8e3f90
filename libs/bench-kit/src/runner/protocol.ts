import type { BenchmarkStatus, Metric, MemoryResult, SampleUnit, SamplingMode, ThroughputUnit } from '../results/schema.ts';

/** What a child measured for one benchmark, before analysis (statistics are computed by the parent). */
export interface RawBenchmark {
  id: string;
  group: string;
  name?: string;
  param?: string;
  status: BenchmarkStatus;
  reason?: string;
  error?: string;
  kind: 'timed' | 'custom';
  unit: SampleUnit;
  lowerIsBetter: boolean;
  samplingMode: SamplingMode;
  /** Per-sample totals (timed) or the values themselves (custom, where iterations are 1). */
  values: number[];
  iterations: number[];
  statistic: 'slope' | 'mean' | 'median';
  throughput?: { unit: ThroughputUnit; perIteration: number };
  memory?: MemoryResult;
  metrics?: Record<string, Metric>;
  details?: Record<string, string | number | boolean>;
  warnings: string[];
  durationMs: number;
}

export interface ChildOptions {
  project: string;
  file: string;
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
  | { type: 'result'; result: RawBenchmark }
  /** Instruction mode: the iteration counts of the regions this benchmark ran, in order. */
  | { type: 'regions'; id: string; iterations: number[]; discardPairs: number }
  | { type: 'done' };
