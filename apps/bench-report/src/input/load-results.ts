import type { BenchmarkResult, ResultsFile } from '@workflow-bench/bench-kit';
import { relative, resolve } from 'node:path';
import { measureKey, measureOf, type ResultMeasure } from '../measure/measure-key.ts';
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
  /** The results file's measure (wall `time` or `instructions`); null when not run. */
  measure: ResultMeasure | null;
  file: string | null;
}

export interface LoadedRun {
  files: LoadedResults[];
  /** One row per loaded results file, plus one per project with a bench target and no results. */
  projects: ProjectStatus[];
  /** All benchmarks of all files, in file order. */
  benchmarks: BenchmarkResult[];
}

/**
 * Loads the results to report on: the explicit `files` when given, otherwise every
 * `libs/*` and `apps/*` `bench-results/latest.json` and `bench-results/instructions.json`.
 * Everything is validated before returning, so a bad file stops the run before any output is
 * touched. Results are keyed by (id, measure): the same id in latest.json and instructions.json is
 * expected; the same (id, measure) twice is bad input.
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
    paths = discovered.flatMap((p) => p.resultsFiles);
    for (const p of discovered) if (p.resultsFiles.length === 0) projects.push({ project: p.name, status: 'not run', measure: null, file: null });
  }
  const loaded = paths.map((abs) => {
    const file = shown(abs);
    return { file, results: validateResults(file, readJsonFile(abs)) };
  });
  const owner = new Map<string, string>();
  for (const { file, results } of loaded) {
    results.benchmarks.forEach((b, i) => {
      const measure = measureOf(b);
      const key = measureKey(b.id, measure);
      const other = owner.get(key);
      if (other !== undefined) {
        throw new BadInputError(file, `benchmarks[${i}].id`, `duplicate id ${JSON.stringify(b.id)} for measure ${measure} (also in ${other})`);
      }
      owner.set(key, file);
    });
    projects.push({ project: results.project, status: 'ran', measure: results.measure, file });
  }
  // Wall time before instruction counts within a project.
  projects.sort((a, b) => a.project.localeCompare(b.project) || Number(a.measure === 'instructions') - Number(b.measure === 'instructions'));
  return { files: loaded, projects, benchmarks: loaded.flatMap((l) => l.results.benchmarks) };
}
