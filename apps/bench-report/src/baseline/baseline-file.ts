import type { EnvironmentInfo, Estimate, SampleStatistics, SampleUnit } from '@workflow-bench/bench-kit';
import type { ResultMeasure } from '../measure/measure-key.ts';

export const BASELINE_FORMAT = 'workflow-bench-baseline';
export const BASELINE_SCHEMA_VERSION = 1;

/**
 * A target a benchmark is held to: its estimate, or one of its named metrics when `metric` is
 * set (e.g. the AI lib reports tokens/s samples but a `total_ms` metric for "100 tokens < 2 s").
 * Time units (ns, µs, ms, s) are converted; other units must match.
 */
export interface Target {
  value: number;
  unit: string;
  metric?: string;
  /** `<`: the estimate should be below the value (times); `>`: above it (rates). */
  comparison: '<' | '>';
  /** Human form, e.g. `< 10 ms`. */
  label: string;
}

/** What `save-baseline` records of one benchmark: enough to rerun the verdict later. */
export interface MeasuredBaseline {
  unit: SampleUnit;
  lowerIsBetter: boolean;
  measure: 'time' | 'instructions' | 'custom';
  samples: number[];
  roundEstimates?: number[];
  /** Samples per round, in order, so blocks can be cut at round boundaries (bench-kit `roundSampleCounts`). */
  roundSampleCounts?: number[];
  estimate?: Estimate;
  stats?: SampleStatistics;
  rounds: number;
  /** The bench file it ran in (bench-kit `file`): benchmarks of one file shared each round's process. */
  file?: string;
  mode: 'quick' | 'full';
  createdAt: string;
  /**
   * Set when the run had more samples than bench-report keeps (`MAX_SAMPLES_PER_BENCHMARK`): how
   * many there were. `samples` then holds evenly spaced ones from each round (`capSamples`).
   */
  thinnedFrom?: number;
}

/**
 * One (id, measure) of a baseline. A benchmark with both wall-time and instruction-count results
 * has two entries with the same id, told apart by `measure`.
 */
export interface BaselineEntry {
  id: string;
  /**
   * Which results the entry belongs to: `time` (latest.json) or `instructions`
   * (instructions.json). Optional in a hand-written file: validation fills it in with `measureOf`
   * of the measured samples, else of the target (`time` unless the target is in instructions).
   */
  measure: ResultMeasure;
  description?: string;
  /** Percent; overrides the per-measure default threshold for both the verdict and the target. */
  thresholdPercent?: number;
  /**
   * Whether a run must include this benchmark: a required one missing from its project's results
   * fails `compare` (and `report --detect-regressions`) unless `--allow-missing` or the run's
   * `--filter` explains it. Default: required when it has a target.
   */
  required?: boolean;
  target?: Target;
  measured?: MeasuredBaseline;
}

export interface BaselineFile {
  format: typeof BASELINE_FORMAT;
  schemaVersion: number;
  /** Hardware profile, e.g. `cpu_only` or `rtx3080`. */
  name: string;
  description: string;
  /** When samples were last saved into it, and from which machine. */
  savedAt: string | null;
  environment: EnvironmentInfo | null;
  gitSha: string | null;
  benchmarks: BaselineEntry[];
}
