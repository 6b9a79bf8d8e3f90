import type { MemorySummary } from '../memory/sampler.ts';

/** What the profiling parent asks one workload process to do (written as JSON to a file). */
export interface WorkloadRequest {
  project: string;
  root: string;
  id: string;
  seconds: number;
  quick: boolean;
  /** Where the process writes its WorkloadReport. */
  reportPath: string;
  cpuProfile?: { path: string; samplingIntervalUs: number };
  heapProfile?: { path: string; samplingIntervalBytes: number };
  memory?: { csvPath: string; intervalMs: number };
  /** Leak check: run the workload `rounds` times (seconds split between them), GC after each. */
  leak?: { rounds: number };
}

/** What a workload process reports back. */
export interface WorkloadReport {
  status: 'ok' | 'skipped';
  /** Why the benchmark skipped itself (e.g. a tool or model is not installed). */
  skipReason?: string;
  kind?: 'timed' | 'custom';
  repetitions: number;
  elapsedMs: number;
  memory?: MemorySummary;
  /** Leak check: heapUsed / rss after forced GC at the end of each round, bytes. */
  leak?: { heapAfterGc: number[]; rssAfterGc: number[]; repetitions: number[] };
  /** Profile call frames moved to positions in the source files (see source-positions.ts). */
  remappedFrames?: number;
}
