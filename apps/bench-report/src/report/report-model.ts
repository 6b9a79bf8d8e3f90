import type { BenchmarkResult, EnvironmentInfo, GoalResult } from '@workflow-bench/bench-kit';
import type { ProjectStatus, ThinnedBenchmark } from '../input/load-results.ts';
import type { ProfilingSection } from '../profiling/profiling-index.ts';
import type { BenchmarkVerdict } from '../verdict/evaluate.ts';
import type { VerdictPolicy } from '../verdict/outcome.ts';
import type { TargetCheck } from '../verdict/target-check.ts';
import type { ThresholdConfig } from '../verdict/thresholds.ts';
import type { MissingBenchmark } from './missing.ts';

export const REPORT_FORMAT = 'workflow-bench-report';
/** 2: results, verdicts and targets carry a `measure` (wall `time` or `instructions`); `profiling` section. */
export const REPORT_SCHEMA_VERSION = 2;

export interface ReportSummary {
  regressed: number;
  improved: number;
  unchanged: number;
  inconclusive: number;
  notCompared: number;
  missedTargets: number;
  failedBenchmarks: number;
  skippedBenchmarks: number;
  projectsNotRun: number;
  /** Baselined benchmarks with no current result (see `Report.missing`). */
  missing: number;
  /** Of those, the required ones nothing explains: each fails the run. */
  missingRequired: number;
  /** No regression, no missed target and no unexplained missing required benchmark. */
  pass: boolean;
}

/** The merged report: everything the Markdown and HTML views show, in one JSON document. */
export interface Report {
  format: typeof REPORT_FORMAT;
  schemaVersion: number;
  createdAt: string;
  environment: EnvironmentInfo | null;
  /** Projects whose results came from another machine than the first results file. */
  otherEnvironments: { project: string; environment: EnvironmentInfo }[];
  baseline: {
    file: string;
    name: string;
    reason: string;
    savedAt: string | null;
    /** Whether the baseline's samples came from the same hardware (null: no samples saved). */
    sameHardware: boolean | null;
  } | null;
  /** Why no baseline was used, when none was. */
  noBaselineReason: string | null;
  thresholds: ThresholdConfig;
  policy: VerdictPolicy;
  projects: (ProjectStatus & { mode?: 'quick' | 'full'; rounds?: number; createdAt?: string; benchmarks: number })[];
  benchmarks: BenchmarkResult[];
  goals: (GoalResult & { project: string })[];
  comparisons: BenchmarkVerdict[];
  targets: TargetCheck[];
  /** Every baselined (id, measure) without a current result, with why, and whether it fails the run. */
  missing: MissingBenchmark[];
  /** Samples beyond `maxSamplesPerBenchmark` were thinned on loading; `thinned` says where. */
  sampleCap: { maxSamplesPerBenchmark: number; thinned: (ThinnedBenchmark & { file: string })[] };
  summary: ReportSummary;
  /** Profiling artefacts listed in reports/profiling/index.json (null for `compare`, which lists none). */
  profiling: ProfilingSection | null;
}
