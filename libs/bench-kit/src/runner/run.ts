import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ComparisonDeclaration, GoalDefinition } from '../define/suite.ts';
import { relativeSummaries, type RelativeSummary } from '../analysis/relative.ts';
import { analyse } from '../analysis/analyse.ts';
import { evaluateGoal } from '../analysis/goals.ts';
import { collectEnvironment } from '../env/environment.ts';
import { measureTimer } from '../measure/timer.ts';
import { resultsFileName } from '../results/file-names.ts';
import { RESULTS_SCHEMA_VERSION, type BenchmarkResult, type ResultsFile } from '../results/schema.ts';
import { writeJsonAtomic } from '../results/write.ts';
import { median } from '../stats/descriptive.ts';
import { runChild } from './child-process.ts';
import { idsOf, type BenchmarkInstance } from './expand.ts';
import { expectRun, recordedDurations } from './expected-duration.ts';
import { GroupRelatives } from './group-relatives.ts';
import { compileFilter } from './filter.ts';
import { failedRaw } from './lifecycle.ts';
import { loadSuite, SuiteLoadError } from './load-suite.ts';
import { instructionsParent, timeParent } from './parent-measure.ts';
import { Progress } from './progress.ts';
import type { RawBenchmark } from './protocol.ts';

export { ValgrindMissingError } from './parent-measure.ts';

/** What every run of a project is told, whether it measures one revision or compares two. */
export interface ProjectRunOptions {
  project: string;
  /** The project's root folder (holds bench/ and receives bench-results/). */
  root: string;
  quick?: boolean;
  filter?: string | null;
  rounds?: number;
  samples?: number;
  /** Where to write the results; default in `<root>/bench-results/`. */
  out?: string;
  /** Progress output stream (default stderr). */
  progress?: NodeJS.WritableStream;
  /** Extra node flags for the children. */
  execArgv?: string[];
  /** Options for the benchmarks themselves, appended to each child's argv (e.g. `--model=x.gguf`). */
  benchArgs?: string[];
  /** Aborting it (Ctrl-C) kills the running child; the run then rejects with InterruptedError. */
  signal?: AbortSignal;
}

export interface RunOptions extends ProjectRunOptions {
  /** `time` (default) or `instructions` (children under valgrind's callgrind; see instructions/). */
  measure?: 'time' | 'instructions';
}

export interface RunOutcome {
  results: ResultsFile;
  path: string;
  failed: number;
  /** The declared comparisons (`s.compare`) of the run, computed from its final results. */
  relative: RelativeSummary[];
}

export function discoverBenchFiles(root: string): string[] {
  const dir = join(root, 'bench');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.bench\.(ts|mts|js|mjs)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** What the parent learned by importing a bench file: its (filtered) ids and goals, or why it failed. */
export interface PlannedFile {
  file: string;
  ids: string[];
  goals: GoalDefinition[];
  /** The (filtered) benchmarks, for the expected duration. */
  instances: BenchmarkInstance[];
  /** Relative summaries the suite declares (`s.compare`). */
  comparisons: ComparisonDeclaration[];
  error?: string;
}

export async function planFile(project: string, file: string, matches: (id: string) => boolean): Promise<PlannedFile> {
  try {
    const { suite, instances } = await loadSuite(project, file, matches);
    return { file, ids: idsOf(instances), goals: [...suite.goals], instances, comparisons: [...(suite.comparisons ?? [])] };
  } catch (err) {
    const detail = err instanceof SuiteLoadError ? err.detail : err instanceof Error ? (err.stack ?? err.message) : String(err);
    return { file, ids: [], goals: [], instances: [], comparisons: [], error: detail };
  }
}

/** The id under which a bench file that failed to load is reported. */
export function fileId(project: string, file: string): string {
  return `${project}/${basename(file).replace(/\.bench\.\w+$/, '')}`;
}

/** Groups raw results by id (one entry per round), keeping first-seen order. */
export class RoundCollector {
  readonly order: string[] = [];
  private readonly byId = new Map<string, RawBenchmark[]>();

  add(raw: RawBenchmark): void {
    if (!this.byId.has(raw.id)) {
      this.byId.set(raw.id, []);
      this.order.push(raw.id);
    }
    this.byId.get(raw.id)!.push(raw);
  }

  rounds(id: string): RawBenchmark[] {
    return this.byId.get(id) ?? [];
  }
}

/** Runs every bench file of a project (each in a fresh child), `rounds` times, and writes the results. */
export async function runProject(options: RunOptions): Promise<RunOutcome> {
  const started = performance.now();
  const root = resolve(options.root);
  const quick = options.quick ?? false;
  const rounds = Math.max(1, options.rounds ?? 1);
  const filter = options.filter ?? null;
  const measure = options.measure === 'instructions' ? instructionsParent() : timeParent;
  const matches = compileFilter(filter);
  const files = discoverBenchFiles(root);
  const planned = await Promise.all(files.map((f) => planFile(options.project, f, matches)));
  const total = planned.reduce((a, l) => a + l.ids.length, 0) * rounds;
  const path = resolve(options.out ?? join(root, 'bench-results', resultsFileName(measure.resultsFile, filter)));
  // Last durations: this run's own results file, else the full run's (which has every id).
  const recordedAs = { project: options.project, measure: measure.name, quick };
  const history = recordedDurations(path, recordedAs) ?? recordedDurations(join(root, 'bench-results', measure.resultsFile), recordedAs);
  const expectation = expectRun({ files: planned, rounds, quick, ...(options.samples !== undefined ? { samples: options.samples } : {}), measure: measure.name, history });
  const progress = new Progress(options.progress ?? process.stderr, total, { expectation });
  const envPromise = collectEnvironment(root);
  const timer = measureTimer();
  const empty: number[] = [];

  progress.header(
    `${options.project}: ${files.length} bench file(s), ${total / rounds} benchmark(s)` +
      `${rounds > 1 ? ` × ${rounds} rounds` : ''}${quick ? ' (quick)' : ''}${filter ? ` matching ${filter}` : ''}`,
  );
  const collected = new RoundCollector();
  const analysed = (id: string) => (collected.rounds(id).length ? analyse(collected.rounds(id), { project: options.project, emptyFunctionNs: empty.length ? median(empty) : 0 }) : undefined);
  const relatives = new GroupRelatives(planned.flatMap((p) => p.comparisons), new Set(planned.flatMap((p) => p.ids)), analysed);
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) progress.note(`round ${round}/${rounds}`);
    for (const p of planned) {
      if (p.error) {
        if (round === 1) {
          const raw = failedRaw(fileId(options.project, p.file), `could not load ${p.file}`, p.error);
          collected.add(raw);
          progress.finish(raw);
        }
        continue;
      }
      if (p.ids.length === 0) continue;
      progress.fileStarted();
      const report = await runChild({
        options: {
          project: options.project,
          mode: { kind: 'single', file: p.file },
          quick,
          filter,
          ...(options.samples !== undefined ? { samples: options.samples } : {}),
          resolutionNs: timer.resolutionNs,
          measure: measure.name,
        },
        launch: measure.launch(options.execArgv ?? []),
        benchArgs: options.benchArgs ?? [],
        label: basename(p.file),
        expected: p.ids,
        progress,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (report.emptyFunctionNs !== null) empty.push(report.emptyFunctionNs);
      for (const r of report.results) collected.add(r.raw);
      // After each group of the last round: the comparisons it completed (rounds pool into one result).
      if (round === rounds) progress.relative(relatives.after((id) => collected.rounds(id).length > 0));
    }
  }
  progress.end();

  const emptyFunctionNs = empty.length ? median(empty) : 0;
  const fileOf = new Map(planned.flatMap((p) => p.ids.map((id) => [id, basename(p.file)] as const)));
  const anchors = new Set(planned.flatMap((p) => p.comparisons.flatMap((c) => ('anchor' in c ? [c.anchor] : []))));
  const benchmarks: BenchmarkResult[] = collected.order.map((id) => {
    const b = analyse(collected.rounds(id), { project: options.project, emptyFunctionNs });
    const file = fileOf.get(id);
    return { ...b, ...(file ? { file } : {}), ...(anchors.has(id) ? { anchor: true } : {}) };
  });
  measure.finalize(benchmarks);
  // Goals whose benchmarks were all filtered out of this run are not reported at all.
  const ran = new Set(benchmarks.map((b) => b.id));
  const goals = measure.evaluatesGoals
    ? planned
        .flatMap((p) => p.goals)
        .filter((g) => g.benchmarks.some((id) => ran.has(id)))
        .map((g) => evaluateGoal(g, benchmarks))
    : [];
  const results: ResultsFile = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    project: options.project,
    createdAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    measure: measure.name,
    rounds,
    filter,
    environment: await envPromise,
    timer: { ...timer, emptyFunctionNs },
    benchmarks,
    goals,
    durationMs: performance.now() - started,
  };
  await writeJsonAtomic(path, results);
  const relative = relativeSummaries(planned.flatMap((p) => p.comparisons), benchmarks);
  return { results, path, failed: benchmarks.filter((b) => b.status === 'failed').length, relative };
}
