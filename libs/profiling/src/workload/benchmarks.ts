import { compileFilter, findBenchmark, UnknownBenchmarkError } from '@workflow-bench/bench-kit';
import { UnknownBenchError } from '../errors.ts';
import type { WorkspaceProject } from '../workspace.ts';

/** Workload sizes that "memory by workload size" runs side by side when a benchmark has them. */
export const WORKLOAD_SIZES = ['small', 'medium', 'large'] as const;

// bench-kit has no listing call; asking for an id no suite can produce returns every known id.
const NO_SUCH_ID = '\u0000list-all-benchmark-ids';

/** Every benchmark id of a project (importing its bench files in this process). */
export async function listBenchmarkIds(project: WorkspaceProject): Promise<string[]> {
  try {
    await findBenchmark(project.name, project.root, NO_SUCH_ID);
  } catch (err) {
    if (err instanceof UnknownBenchmarkError) return err.known;
    throw err;
  }
  return [];
}

/**
 * The ids a `--bench` argument names: an exact id (the `<lib>/` prefix may be left off), or a
 * pattern with `*` or a `/regex/` over ids. Throws UnknownBenchError listing the ids otherwise.
 */
export async function resolveBenchIds(project: WorkspaceProject, bench: string): Promise<string[]> {
  const known = await listBenchmarkIds(project);
  const prefixed = bench.startsWith(`${project.name}/`) || bench.startsWith('/') ? bench : `${project.name}/${bench}`;
  if (known.includes(prefixed)) return [prefixed];
  if (bench.includes('*') || /^\/.*\/[a-z]*$/.test(bench)) {
    const matches = compileFilter(prefixed);
    const ids = known.filter(matches);
    if (ids.length > 0) return ids;
  }
  throw new UnknownBenchError(project.name, bench, known);
}

/**
 * The small/medium/large siblings of a benchmark whose parameter is a workload size (including
 * itself, in size order), or just the id itself when it has no size parameter.
 */
export async function sizeSiblings(project: WorkspaceProject, id: string): Promise<string[]> {
  const instance = await findBenchmark(project.name, project.root, id);
  const param = instance.param;
  const params = instance.definition.params ?? [];
  if (!param || !(WORKLOAD_SIZES as readonly string[]).includes(param)) return [id];
  const base = id.slice(0, id.length - param.length);
  return WORKLOAD_SIZES.filter((s) => params.includes(s)).map((s) => base + s);
}
