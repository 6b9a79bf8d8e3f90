import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findBenchmark, type BenchmarkResult, type ResultsFile } from '@workflow-bench/bench-kit';
import { ProfilingInputError } from './errors.ts';
import { listBenchmarkIds } from './workload/benchmarks.ts';
import type { WorkspaceProject } from './workspace.ts';

/**
 * The one home of "which benchmark stands for a lib": `nx run <lib>:profile-cpu` without
 * `--bench` and `npm run bench:all -- --profiling` both profile the benchmark chosen here.
 */

/** Benchmarks that best stand for a lib's hot path, when present and ok. */
export const PREFERRED_PROFILE_TARGETS: Readonly<Record<string, readonly string[]>> = {
  core: ['core/pii-detect/large', 'core/tma-parse/large'],
};

export interface RepresentativeChoice {
  id: string;
  /** Why this one, for the "profiling <id>: <why>" line. */
  why: string;
}

/**
 * From a run's results: the preferred benchmark if it ran ok, else the ok wall-time benchmark with
 * the most work per call (the biggest estimate: its profile is the least dominated by harness
 * overhead), else any ok benchmark; undefined when nothing ran ok. `known` (the ids the bench files
 * declare today) drops results of benchmarks that no longer exist.
 */
export function representativeFromResults(results: Pick<ResultsFile, 'project' | 'benchmarks'>, known?: readonly string[]): RepresentativeChoice | undefined {
  const ok = results.benchmarks.filter((b) => b.status === 'ok' && (!known || known.includes(b.id)));
  for (const id of PREFERRED_PROFILE_TARGETS[results.project] ?? []) {
    if (ok.some((b) => b.id === id)) return { id, why: `the preferred hot path of ${results.project}` };
  }
  const timed = ok.filter((b): b is BenchmarkResult & { estimate: NonNullable<BenchmarkResult['estimate']> } => b.measure === 'time' && b.estimate !== undefined);
  timed.sort((a, b) => b.estimate.point - a.estimate.point);
  if (timed[0]) return { id: timed[0].id, why: 'the wall-time benchmark with the most work per call in the last results' };
  return ok[0] ? { id: ok[0].id, why: 'the first benchmark that ran ok in the last results' } : undefined;
}

/** The lib's last wall-time results, or why there are none (missing, unreadable, another project). */
function lastResults(project: WorkspaceProject, workspaceRoot: string): { results?: ResultsFile; file: string; note?: string } {
  const path = join(project.root, 'bench-results', 'latest.json');
  const file = relative(workspaceRoot, path) || path;
  if (!existsSync(path)) return { file, note: `no results yet in ${file}` };
  try {
    const results = JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
    if (results.project !== project.name || !Array.isArray(results.benchmarks)) return { file, note: `${file} is not ${project.name}'s results file` };
    return { results, file };
  } catch (err) {
    return { file, note: `${file} could not be read (${err instanceof Error ? err.message : String(err)})` };
  }
}

/**
 * The lib's representative benchmark: from its last results (`<lib>/bench-results/latest.json`)
 * when they have an ok benchmark; otherwise the preferred id, or the first timed benchmark its
 * bench files declare, with the reason saying there were no usable results.
 */
export async function representativeBenchmark(project: WorkspaceProject, workspaceRoot: string): Promise<RepresentativeChoice> {
  const known = await listBenchmarkIds(project);
  if (known.length === 0) throw new ProfilingInputError(`${project.name} has no benchmarks (bench/*.bench.ts) to profile`);
  const last = lastResults(project, workspaceRoot);
  if (last.results) {
    const chosen = representativeFromResults(last.results, known);
    if (chosen) return { id: chosen.id, why: `${chosen.why} (${last.file}, ${last.results.mode} run of ${last.results.createdAt})` };
  }
  const note = last.note ?? `nothing ran ok in ${last.file}`;
  const preferred = (PREFERRED_PROFILE_TARGETS[project.name] ?? []).find((id) => known.includes(id));
  if (preferred) return { id: preferred, why: `the preferred hot path of ${project.name} (${note})` };
  for (const id of known) {
    if ((await findBenchmark(project.name, project.root, id)).definition.kind !== 'custom') return { id, why: `the first timed benchmark ${project.name} declares (${note})` };
  }
  return { id: known[0], why: `the first benchmark ${project.name} declares (${note})` };
}
