/**
 * Exit codes of `npm run bench:all`, aligned with bench-report's own: a CI job can treat both the
 * same way.
 */
export const BENCH_ALL_EXIT = {
  pass: 0,
  /** A regression, a missed performance target, or a benchmark that failed to run. */
  regression: 1,
  /** Bad flags, no project with benchmarks, unreadable results or baseline. */
  badInput: 2,
  /** The typecheck (build) failed, or a tool crashed. */
  internal: 3,
} as const;

export type BenchAllVerdict = keyof typeof BENCH_ALL_EXIT;

export interface StepStatuses {
  /** Exit status of `nx run-many -t bench` (null when killed by a signal). */
  bench: number | null;
  /** Exit status of `bench-report report --detect-regressions` (null when killed, undefined when not run). */
  report: number | null | undefined;
}

/**
 * The verdict from the report's exit code (bench-report: 0 pass, 1 regression or missed target,
 * 2 bad input, 3 internal error). A benchmark that failed (bench step non-zero) must not pass
 * silently, even when the report only compares the benchmarks that did run.
 */
export function verdictOf(s: StepStatuses): BenchAllVerdict {
  if (s.report === undefined || s.report === null) return 'internal';
  let verdict: BenchAllVerdict;
  switch (s.report) {
    case 0:
      verdict = 'pass';
      break;
    case 1:
      verdict = 'regression';
      break;
    case 2:
      verdict = 'badInput';
      break;
    default:
      verdict = 'internal';
  }
  if (verdict === 'pass' && s.bench !== 0) verdict = 'regression';
  return verdict;
}

export function describeVerdict(verdict: BenchAllVerdict, s: StepStatuses): string {
  switch (verdict) {
    case 'pass':
      return 'PASS: no regression, every target met';
    case 'regression':
      return s.report === 1
        ? 'FAIL: regression or missed target (see the report)'
        : `FAIL: the benchmarks did not all run (nx run-many exited ${s.bench})`;
    case 'badInput':
      return 'ERROR: bench-report could not read its input (results or baseline)';
    case 'internal':
      return s.report === undefined ? 'ERROR: the report was not produced' : `ERROR: bench-report failed (exit ${s.report ?? 'signal'})`;
  }
}
