import type { BenchmarkResult, ResultsFile } from '@workflow-bench/bench-kit';
import { relative, resolve } from 'node:path';
import { discoverProjects } from '../workspace/discover.ts';
import { BadInputError } from './bad-input-error.ts';
import { readJsonFile } from './read-json.ts';
import { validateResults } from './validate-results.ts';

export interface LoadedResults {
  /** Path as shown to the user (relative to the workspace root when inside it). */
  file: string;
  results: ResultsFile;
}

export interface ProjectStatus {
  project: string;
  status: 'ran' | 'not run';
  file: string | null;
}

export interface LoadedRun {
  files: LoadedResults[];
  projects: ProjectStatus[];
  /** All benchmarks of all files, in file order. */
  benchmarks: BenchmarkResult[];
}

/**
 * Loads the results to report on: the explicit `files` when given, otherwise every
 * `libs/*` and `apps/*` `bench-results/latest.json`. Everything is validated before returning, so
 * a bad file stops the run before any output is touched. Duplicate ids across files are bad input.
 */
export function loadRun(workspaceRoot: string, files?: readonly string[]): LoadedRun {
  const shown = (abs: string) => {
    const rel = relative(workspaceRoot, abs);
    return rel.startsWith('..') ? abs : rel;
  };
  const projects: ProjectStatus[] = [];
  let paths: string[];
  if (files && files.length > 0) {
    paths = files.map((f) => resolve(f));
  } else {
    const discovered = discoverProjects(workspaceRoot);
    paths = discovered.flatMap((p) => (p.resultsFile ? [p.resultsFile] : []));
    for (const p of discovered) if (!p.resultsFile) projects.push({ project: p.name, status: 'not run', file: null });
  }
  const loaded = paths.map((abs) => {
    const file = shown(abs);
    return { file, results: validateResults(file, readJsonFile(abs)) };
  });
  const owner = new Map<string, string>();
  for (const { file, results } of loaded) {
    results.benchmarks.forEach((b, i) => {
      const other = owner.get(b.id);
      if (other !== undefined) throw new BadInputError(file, `benchmarks[${i}].id`, `duplicate id ${JSON.stringify(b.id)} (also in ${other})`);
      owner.set(b.id, file);
    });
    projects.push({ project: results.project, status: 'ran', file });
  }
  projects.sort((a, b) => a.project.localeCompare(b.project));
  return { files: loaded, projects, benchmarks: loaded.flatMap((l) => l.results.benchmarks) };
}
