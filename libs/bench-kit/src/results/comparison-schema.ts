import type { BenchmarkResult, BenchmarkStatus, EnvironmentInfo, SampleUnit, TimerInfo } from './schema.ts';

/**
 * The comparison file written by `bench-kit run --against <ref>` to
 * `<projectRoot>/bench-results/comparison.json`: two revisions of the same code measured in the same
 * processes, interleaved, so both see the same machine at the same moment.
 *
 * This is the contract between bench-kit (writer) and bench-report's paired verdict (reader).
 * Bump COMPARISON_SCHEMA_VERSION on any incompatible change; readers refuse versions they do not know.
 *
 * Vocabulary: the *base* is the revision named by `--against` (A), the *head* is the working tree as
 * it is, uncommitted changes included (B).
 */
export const COMPARISON_SCHEMA_VERSION = 1;

export type Side = 'base' | 'head';

export interface RevisionInfo {
  /** What the user named: `main`, `HEAD~1`, a sha; for the head, `HEAD` (or `HEAD+dirty`). */
  ref: string;
  /** Full commit sha the code came from (the head's HEAD commit, even when dirty). */
  commit: string;
  /** Head only: uncommitted changes were part of what ran. */
  dirty?: boolean;
  /** Where the code ran from: the git worktree of the base, the workspace root for the head. */
  root: string;
}

/**
 * One fresh process of an A/B comparison (a "round"). Each process imports the bench file of both
 * revisions, in the order `firstSide` says (alternated between processes, so neither side is always
 * warmed first or laid out first in memory), and then alternates their samples in quads.
 *
 * Quad q is made of `base[2q]`, `base[2q+1]`, `head[2q]`, `head[2q+1]`, taken in the order
 * `quadOrder[q]`: `ABBA` = base, head, head, base; `BAAB` = head, base, base, head. Values are
 * per-iteration, in the benchmark's unit (ns per call for timed benchmarks; a custom benchmark's
 * statistic of one whole measurement, e.g. requests/s, for custom ones).
 *
 * The natural paired unit is the quad's log ratio `log((head[2q] + head[2q+1]) / (base[2q] + base[2q+1]))`;
 * quads of one process share that process's layout and state, so the process is their block.
 */
/**
 * The time a paired sample is taken as:
 * - `wall`: wall-clock time of the sample;
 * - `cpu`: the process's CPU time (user + system) during the sample, which a neighbour preempting
 *   the process does not inflate, but the process's other threads (GC, compiler) do;
 * - `least`: per sample, the smaller of the two. Each only ever overstates the time the benchmark's
 *   thread ran (wall by preemption, CPU by other threads at work beside it), so the smaller is the
 *   less disturbed reading, as a quad takes the smaller of its two samples a side.
 */
export type PairedClock = 'wall' | 'cpu' | 'least';

/** Samples read on `clock`, from each sample's wall and CPU time (parallel arrays, same unit). */
export function timesOnClock(clock: PairedClock, wall: readonly number[], cpu: readonly number[]): number[] {
  if (clock === 'wall') return [...wall];
  if (clock === 'cpu') return [...cpu];
  return wall.map((w, i) => Math.min(w, cpu[i]));
}

export interface PairedRound {
  /** 1-based process number. */
  process: number;
  /** The side imported, set up and warmed up first in this process. */
  firstSide: Side;
  base: number[];
  head: number[];
  /** Iterations behind each value of `base` / `head` (parallel arrays). */
  baseIterations: number[];
  headIterations: number[];
  quadOrder: ('ABBA' | 'BAAB')[];
  /**
   * What the values of timed benchmarks measure (see `PairedClock`). Custom benchmarks' values are
   * their own statistic (`wall`). Absent in older files: `wall`.
   */
  clock?: PairedClock;
}

export interface PairedBenchmarkResult {
  /** `<project>/<group>/<name>[/<param>]`. */
  id: string;
  project: string;
  group: string;
  name?: string;
  param?: string;
  /**
   * `both`: the id exists in both revisions and is compared. `head-only`: new in the head.
   * `base-only`: removed in the head. One-sided ids are listed, never an error.
   */
  presence: 'both' | 'head-only' | 'base-only';
  /** `ok` when every process measured the id on every side it exists on. */
  status: BenchmarkStatus;
  reason?: string;
  error?: string;
  /** For a failed or skipped id: the side it happened on (absent when both). */
  side?: Side;
  /** `timed` benchmarks are interleaved sample by sample; `custom` ones by whole measurements. */
  kind: 'timed' | 'custom';
  unit: SampleUnit;
  lowerIsBetter: boolean;
  /**
   * Each side analysed on its own as an ordinary result (samples pooled over processes, estimate,
   * CI, stats), for the reports' distributions. Present for every side the id ran ok on.
   */
  base?: BenchmarkResult;
  head?: BenchmarkResult;
  /** The paired measurements, one entry per process; empty unless presence is `both` and status `ok`. */
  rounds: PairedRound[];
  warnings: string[];
  /** Wall time spent on this id over all processes, ms. */
  durationMs: number;
}

export interface ComparisonFile {
  schemaVersion: number;
  kind: 'comparison';
  project: string;
  createdAt: string;
  mode: 'quick' | 'full';
  measure: 'time';
  /** Fresh processes per bench file. */
  rounds: number;
  filter: string | null;
  /** Seed of the side order and the quads' ABBA/BAAB draws (replays a run's order). */
  seed: number;
  /** BENCH_KIT_PAIRED_PLAN, when an experiment overrode the paired plan with it. */
  planOverride?: string;
  base: RevisionInfo;
  head: RevisionInfo;
  environment: EnvironmentInfo;
  timer: TimerInfo;
  benchmarks: PairedBenchmarkResult[];
  /** Wall time of the whole run (worktree preparation included), ms. */
  durationMs: number;
}

/** Whether a parsed JSON value claims to be a comparison file (readers still validate it). */
export function isComparisonFile(value: unknown): value is ComparisonFile {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'comparison';
}
