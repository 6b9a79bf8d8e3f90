/**
 * The results file written by every lib's `bench` target to `<projectRoot>/bench-results/latest.json`.
 *
 * This is the contract between bench-kit (writer) and bench-report (reader). Bump
 * RESULTS_SCHEMA_VERSION on any incompatible change; readers refuse versions they do not know.
 */
export const RESULTS_SCHEMA_VERSION = 1;

/** Units a benchmark's samples can be expressed in. Time is always nanoseconds. */
export type SampleUnit =
  | 'ns' // wall time per iteration (the harness's own measure)
  | 'instructions' // instructions per iteration (valgrind/callgrind mode)
  | 'ratio' // dimensionless ratios, e.g. framed / raw throughput
  | 'bytes'
  | 'ops/s' // rates reported by custom measurements (higher is better)
  | 'tokens/s'
  | 'requests/s'
  | 'MiB/s';

export type ThroughputUnit = 'bytes' | 'events' | 'tokens' | 'requests' | 'items';

export type BenchmarkStatus = 'ok' | 'failed' | 'skipped';

/** How the samples were taken. */
export type SamplingMode = 'linear' | 'flat' | 'custom';

/** Which statistic the estimate is. `slope` is the OLS slope of time against iteration count. */
export type EstimateStatistic = 'slope' | 'mean' | 'median';

export interface Estimate {
  point: number;
  /** Bounds of the bootstrap confidence interval (95% unless `confidence` says otherwise). */
  lower: number;
  upper: number;
  statistic: EstimateStatistic;
  confidence: number;
}

export interface SampleStatistics {
  n: number;
  mean: number;
  median: number;
  stdDev: number;
  /** Median absolute deviation, scaled by 1.4826 so it estimates the standard deviation of normal data. */
  mad: number;
  min: number;
  max: number;
  p50: number;
  p75: number;
  p90: number;
  p99: number;
  /** Coefficient of variation: stdDev / mean. */
  cv: number;
  /** OLS slope through the origin of total time against iterations (linear sampling only). */
  slope?: { value: number; r2: number };
}

export interface OutlierCounts {
  lowSevere: number;
  lowMild: number;
  highMild: number;
  highSevere: number;
}

export interface ThroughputResult {
  unit: ThroughputUnit;
  /** Units processed per iteration (e.g. bytes hashed per call). */
  perIteration: number;
  /** Units per second derived from the estimate; lower/upper from the estimate's CI. */
  perSecond: { point: number; lower: number; upper: number };
}

export interface MemoryResult {
  rssBefore: number;
  rssAfter: number;
  rssPeak: number;
  heapUsedBefore: number;
  heapUsedAfter: number;
  heapUsedPeak: number;
  external: number;
  arrayBuffers: number;
}

/** A named extra figure reported by a benchmark (p99 latency, size on disk, time to first token, ...). */
export interface Metric {
  value: number;
  unit: string;
  /** Optional free text, e.g. what the figure means or how it was obtained. */
  note?: string;
}

export interface BenchmarkResult {
  /** `<project>/<group>/<name>[/<param>]` (name and param may be absent). */
  id: string;
  project: string;
  group: string;
  name?: string;
  param?: string;
  status: BenchmarkStatus;
  /** Why a benchmark was skipped or failed (with the install hint for missing tools). */
  reason?: string;
  /** Stack of the error for failed benchmarks. */
  error?: string;
  unit: SampleUnit;
  /** Whether smaller values of `unit` are better (true for time and instructions). */
  lowerIsBetter: boolean;
  /** Which measure the samples are: wall time or instruction counts. */
  measure: 'time' | 'instructions' | 'custom';
  samplingMode: SamplingMode;
  /** Per-iteration values in `unit`, one per sample (pooled over rounds). */
  samples: number[];
  /** Iterations behind each sample, parallel to `samples`. */
  iterations: number[];
  /** Point estimate of each round (fresh process) when run with --rounds > 1. */
  roundEstimates?: number[];
  /**
   * How many of `samples` each round contributed, in order (samples are pooled round by round), so
   * readers can split them back into rounds. Present when run with --rounds > 1.
   */
  roundSampleCounts?: number[];
  /**
   * The bench file this benchmark belongs to (e.g. `tma-parse.bench.ts`). In each round every
   * benchmark of one file runs in the same fresh process, so round r of two benchmarks with the same
   * file shared that process's machine state (a slow core, a busy neighbour): readers can estimate
   * such a shared per-process offset from all of them.
   */
  file?: string;
  /**
   * True for an anchor of a declared comparison (`s.compare(subject, anchor)`, e.g.
   * core/hash-raw/64KiB beside core/hash/64KiB): platform code the project's own code is compared
   * with, which a change of the project's code does not move. When an anchor moves between two
   * runs, the machine moved; bench-report's verdict uses that.
   */
  anchor?: boolean;
  estimate?: Estimate;
  stats?: SampleStatistics;
  outliers?: OutlierCounts;
  throughput?: ThroughputResult;
  memory?: MemoryResult;
  metrics?: Record<string, Metric>;
  warnings: string[];
  /** Wall time the whole benchmark took (setup, warm-up, sampling), in ms. */
  durationMs: number;
  /** Free-form details of the measurement (e.g. V8 flags, model file, server URL). */
  details?: Record<string, string | number | boolean>;
}

export type GoalStatus = 'met' | 'missed' | 'unknown';

export interface GoalResult {
  /** Short name, e.g. `event store write-1000 < 10 ms`. */
  name: string;
  description: string;
  status: GoalStatus;
  /** Measured value and the target it is compared with, in `unit`. */
  actual?: number;
  target: number;
  unit: string;
  /** Ids of the benchmarks the goal rests on. */
  benchmarks: string[];
  reason?: string;
}

export interface GpuInfo {
  vendor: string;
  model: string;
  vramMiB: number | null;
}

export interface EnvironmentInfo {
  hostname: string;
  cpuModel: string;
  cpuCores: number;
  cpuPhysicalCores: number;
  cpuSpeedGHz: number | null;
  memoryBytes: number;
  os: string;
  kernel: string;
  arch: string;
  nodeVersion: string;
  v8Version: string;
  gpus: GpuInfo[];
  gitSha: string | null;
  gitDirty: boolean | null;
  /** Hash of the hardware description (CPU, cores, memory, GPUs): equal fingerprints = comparable machines. */
  hardwareFingerprint: string;
}

export interface TimerInfo {
  /** Smallest non-zero difference between consecutive readings of the clock, ns. */
  resolutionNs: number;
  /** Mean cost of one clock reading, ns. */
  overheadNs: number;
  /** Per-iteration cost of an empty function in the harness loop, ns. */
  emptyFunctionNs: number;
}

export interface ResultsFile {
  schemaVersion: number;
  project: string;
  createdAt: string;
  /** `quick` or `full` sampling plan. */
  mode: 'quick' | 'full';
  measure: 'time' | 'instructions';
  rounds: number;
  filter: string | null;
  environment: EnvironmentInfo;
  timer: TimerInfo;
  benchmarks: BenchmarkResult[];
  goals: GoalResult[];
  /** Wall time of the whole run, ms. */
  durationMs: number;
}
