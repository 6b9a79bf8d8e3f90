import type { LoadedRun } from '../input/load-results.ts';
import type { BaselineSelection } from '../baseline/load-baseline.ts';
import { MAX_SAMPLES_PER_BENCHMARK } from '../input/input-limits.ts';
import type { ProfilingSection } from '../profiling/profiling-index.ts';
import { evaluate } from '../verdict/evaluate.ts';
import type { VerdictPolicy } from '../verdict/outcome.ts';
import { DEFAULT_THRESHOLDS, type ThresholdConfig } from '../verdict/thresholds.ts';
import { findMissing } from './missing.ts';
import { REPORT_FORMAT, REPORT_SCHEMA_VERSION, type Report } from './report-model.ts';

export function buildReport(
  run: LoadedRun,
  selection: BaselineSelection,
  options: { thresholds: Partial<ThresholdConfig>; policy: VerdictPolicy; now?: Date; profiling?: ProfilingSection; allowMissing?: boolean },
): Report {
  const baseline = selection.used?.baseline ?? null;
  const { verdicts, targets } = evaluate(run.benchmarks, baseline, { thresholds: options.thresholds, policy: options.policy });
  const first = run.files[0]?.results.environment ?? null;
  const otherEnvironments = run.files
    .filter((f) => first && f.results.environment.hardwareFingerprint !== first.hardwareFingerprint)
    .map((f) => ({ project: f.results.project, environment: f.results.environment }));
  const count = (o: string) => verdicts.filter((v) => v.outcome === o).length;
  const missedTargets = targets.filter((t) => t.status === 'missed').length;
  const missing = findMissing(run, baseline, options.allowMissing ?? false);
  const missingRequired = missing.filter((m) => m.fails).length;
  const summary = {
    regressed: count('regressed'),
    improved: count('improved'),
    unchanged: count('unchanged'),
    inconclusive: count('inconclusive'),
    notCompared: verdicts.filter((v) => v.outcome === null).length,
    missedTargets,
    failedBenchmarks: run.benchmarks.filter((b) => b.status === 'failed').length,
    skippedBenchmarks: run.benchmarks.filter((b) => b.status === 'skipped').length,
    projectsNotRun: run.projects.filter((p) => p.status === 'not run').length,
    missing: missing.length,
    missingRequired,
    pass: count('regressed') === 0 && missedTargets === 0 && missingRequired === 0,
  };
  const savedFingerprint = baseline?.environment?.hardwareFingerprint;
  return {
    format: REPORT_FORMAT,
    schemaVersion: REPORT_SCHEMA_VERSION,
    createdAt: (options.now ?? new Date()).toISOString(),
    environment: first,
    otherEnvironments,
    baseline: selection.used
      ? {
          file: selection.used.file,
          name: selection.used.baseline.name,
          reason: selection.used.reason,
          savedAt: selection.used.baseline.savedAt,
          sameHardware: savedFingerprint === undefined || first === null ? null : savedFingerprint === first.hardwareFingerprint,
        }
      : null,
    noBaselineReason: selection.used ? null : selection.reason,
    thresholds: { ...DEFAULT_THRESHOLDS, ...options.thresholds },
    policy: options.policy,
    projects: run.projects.map((p) => {
      const f = run.files.find((x) => x.file === p.file);
      return f
        ? { ...p, mode: f.results.mode, rounds: f.results.rounds, createdAt: f.results.createdAt, benchmarks: f.results.benchmarks.length }
        : { ...p, benchmarks: 0 };
    }),
    benchmarks: run.benchmarks,
    goals: run.files.flatMap((f) => f.results.goals.map((g) => ({ ...g, project: f.results.project }))),
    comparisons: verdicts,
    targets,
    missing,
    sampleCap: { maxSamplesPerBenchmark: MAX_SAMPLES_PER_BENCHMARK, thinned: run.files.flatMap((f) => f.thinned.map((t) => ({ ...t, file: f.file }))) },
    summary,
    profiling: options.profiling ?? null,
  };
}
