import { join, resolve } from 'node:path';
import type { ArtefactEntry, ProfilingArea } from './artefact-index.ts';
import { profileCpu } from './profile-cpu.ts';
import { profileGpu } from './profile-gpu.ts';
import { profileMemory } from './profile-memory.ts';
import type { ProfileRequest } from './profile-request.ts';
import { resolveBenchIds } from './workload/benchmarks.ts';
import { findWorkspaceRoot, resolveProject } from './workspace.ts';

export const PROFILING_AREAS: readonly ProfilingArea[] = ['cpu', 'memory', 'gpu'];

export interface ProfileOptions extends Omit<ProfileRequest, 'workspaceRoot' | 'project' | 'bench' | 'out'> {
  /** Nx project name, e.g. `core`. */
  lib: string;
  /** A benchmark id (`core/pii-detect/large`, the `core/` may be left off) or a `*` pattern / `/regex/`. */
  bench: string;
  /** Which profiles (default all three). */
  areas?: readonly ProfilingArea[];
  /** Output folder (default `<workspace>/reports/profiling`); relative paths are from the workspace root. */
  out?: string;
  /** Where to look for the workspace (default the current directory). */
  cwd?: string;
}

export interface ProfileOutcome {
  benches: string[];
  entries: ArtefactEntry[];
  /** The artefact index, `<out>/index.json`. */
  indexFile: string;
}

/**
 * Profiles the benchmarks `bench` names in `lib`: each asked-for area in turn, each benchmark in
 * its own processes. Unknown lib / bench → UnknownLibError / UnknownBenchError (listing the known).
 */
export async function profile(options: ProfileOptions): Promise<ProfileOutcome> {
  const workspaceRoot = findWorkspaceRoot(options.cwd);
  const project = resolveProject(workspaceRoot, options.lib);
  const benches = await resolveBenchIds(project, options.bench);
  const out = resolve(workspaceRoot, options.out ?? join('reports', 'profiling'));
  const areas = options.areas ?? PROFILING_AREAS;
  const entries: ArtefactEntry[] = [];
  for (const bench of benches) {
    const req: ProfileRequest = { ...options, workspaceRoot, project, bench, out };
    if (areas.includes('cpu')) entries.push(...(await profileCpu(req)));
    if (areas.includes('memory')) entries.push(...(await profileMemory(req)));
    if (areas.includes('gpu')) entries.push(...(await profileGpu(req)));
  }
  return { benches, entries, indexFile: join(out, 'index.json') };
}

/** CPU, memory and GPU profiles of `bench` in `lib`: what the full run's `--profiling` switch calls. */
export function profileAll(options: Omit<ProfileOptions, 'areas'>): Promise<ProfileOutcome> {
  return profile({ ...options, areas: PROFILING_AREAS });
}
