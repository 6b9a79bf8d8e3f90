import type { ResultsFile } from '@workflow-bench/bench-kit';

/** Benchmarks that best stand for a lib's hot path, when present and ok. */
export const PREFERRED_PROFILE_TARGETS: Readonly<Record<string, readonly string[]>> = {
  core: ['core/pii-detect/large', 'core/tma-parse/large'],
};

/**
 * The benchmark of a lib to profile: the preferred one if it ran ok, else the ok wall-time
 * benchmark with the most work per call (the biggest estimate: its profile is the least dominated by
 * harness overhead), else any ok benchmark; undefined when nothing ran ok.
 */
export function representativeBenchmark(results: Pick<ResultsFile, 'project' | 'benchmarks'>): string | undefined {
  const ok = results.benchmarks.filter((b) => b.status === 'ok');
  for (const id of PREFERRED_PROFILE_TARGETS[results.project] ?? []) {
    if (ok.some((b) => b.id === id)) return id;
  }
  const timed = ok.filter((b) => b.measure === 'time' && b.estimate);
  timed.sort((a, b) => (b.estimate?.point ?? 0) - (a.estimate?.point ?? 0));
  return timed[0]?.id ?? ok[0]?.id;
}
