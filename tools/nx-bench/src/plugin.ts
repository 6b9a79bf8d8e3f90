import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  createNodesFromFiles,
  DependencyType,
  type CreateDependencies,
  type CreateNodesContextV2,
  type CreateNodesResult,
  type CreateNodesV2,
  type RawProjectGraphDependency,
} from '@nx/devkit';
import { benchTargetConfiguration, PROFILE_AREAS, profileTargetConfiguration } from './bench-target.ts';

/** Options from the plugin's entry in nx.json `plugins`. */
export interface NxBenchPluginOptions {
  /** Name of the inferred target (default `bench`). */
  targetName?: string;
  /**
   * The project that turns bench results into reports (e.g. `bench-report`). When set, it gets an
   * implicit dependency on every project with benchmarks, so `nx graph` shows the report fed by
   * the bench libs and `nx affected` includes the report whenever a benched lib changes.
   */
  reportProject?: string;
}

/** The same file pattern bench-kit's runner discovers (`<projectRoot>/bench/*.bench.{ts,mts,js,mjs}`). */
export const BENCH_FILE_GLOB = '**/bench/*.bench.{ts,mts,js,mjs}';

/**
 * The project root a bench file belongs to, or null when the folder above `bench/` is not a
 * project (a test fixture, the workspace root): inferring a target there would invent a project.
 */
export function projectRootOfBenchFile(benchFile: string, workspaceRoot: string): string | null {
  const root = dirname(dirname(benchFile));
  if (root === '.' || root === '') return null;
  const isProject = existsSync(join(workspaceRoot, root, 'project.json')) || existsSync(join(workspaceRoot, root, 'package.json'));
  return isProject ? root : null;
}

function inferFromBenchFile(benchFile: string, options: NxBenchPluginOptions | undefined, context: CreateNodesContextV2): CreateNodesResult {
  const root = projectRootOfBenchFile(benchFile, context.workspaceRoot);
  if (root === null) return {};
  const targetName = options?.targetName ?? 'bench';
  const targets: Record<string, ReturnType<typeof benchTargetConfiguration>> = { [targetName]: benchTargetConfiguration(root) };
  for (const [name, area] of Object.entries(PROFILE_AREAS)) targets[name] = profileTargetConfiguration(area);
  return { projects: { [root]: { targets } } };
}

/**
 * One bench file per project is enough to infer its targets; inferring from every file would
 * make Nx merge the same target several times (and concatenate its metadata arrays).
 */
function onePerProject(benchFiles: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...benchFiles].sort().filter((f) => {
    const root = dirname(dirname(f));
    if (seen.has(root)) return false;
    seen.add(root);
    return true;
  });
}

export const createNodesV2: CreateNodesV2<NxBenchPluginOptions> = [
  BENCH_FILE_GLOB,
  (benchFiles, options, context) => createNodesFromFiles(inferFromBenchFile, onePerProject(benchFiles), options ?? {}, context),
];

export const createDependencies: CreateDependencies<NxBenchPluginOptions> = (options, context) => {
  const report = options?.reportProject;
  if (!report || !context.projects[report]) return [];
  const targetName = options?.targetName ?? 'bench';
  const dependencies: RawProjectGraphDependency[] = [];
  for (const [name, project] of Object.entries(context.projects)) {
    if (name === report || !project.targets?.[targetName]) continue;
    dependencies.push({ source: report, target: name, type: DependencyType.implicit });
  }
  return dependencies;
};

export const name = '@workflow-bench/nx-bench';
