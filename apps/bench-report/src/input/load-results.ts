import { isComparisonFile, type BenchmarkResult, type ComparisonFile, type ResultsFile } from '@workflow-bench/bench-kit';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { measureKey, measureOf, type ResultMeasure } from '../measure/measure-key.ts';
import { discoverProjects } from '../workspace/discover.ts';
import { BadInputError } from './bad-input-error.ts';
import { DEFAULT_MAX_INPUT_MIB } from './input-limits.ts';
import { readJsonFile } from './read-json.ts';
import { validateComparison } from './validate-comparison.ts';
import { capSamples, type Thinning } from './sample-cap.ts';
import { validateResults } from './validate-results.ts';

export interface LoadedResults {
  /** Path as shown to the user (relative to the workspace root when inside it). */
  file: string;
  /** Validated, with each benchmark's samples capped (`capSamples`). */
  results: ResultsFile;
  /** Benchmarks whose samples were thinned on loading. */
  thinned: ThinnedBenchmark[];
}

export interface ThinnedBenchmark extends Thinning {
  id: string;
  measure: ResultMeasure;
}

export interface LoadOptions {
  /** Files larger than this are refused before they are read (default `DEFAULT_MAX_INPUT_MIB`). */
  maxInputMiB?: number;
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
  /** Paired comparisons (`--against`): discovered as bench-results/comparison.json, or given with --results (told apart by `kind: 'comparison'`). */
  comparisons: LoadedComparison[];
}

/** A comparison file of `bench-kit run --against <ref>`, beside a project's latest.json. */
export const COMPARISON_FILE_NAME = 'comparison.json';

export interface LoadedComparison {
  file: string;
  comparison: ComparisonFile;
}

/**
 * Loads the results to report on: the explicit `files` when given, otherwise every
 * `libs/*` and `apps/*` `bench-results/latest.json` and `bench-results/instructions.json`.
 * Everything is validated before returning, so a bad file stops the run before any output is
 * touched. Results are keyed by (id, measure): the same id in latest.json and instructions.json is
 * expected; the same (id, measure) twice is bad input.
 */
export function loadRun(workspaceRoot: string, files?: readonly string[], options: LoadOptions = {}): LoadedRun {
  const notRun: ProjectStatus[] = [];
  let paths: string[];
  if (files && files.length > 0) {
    paths = files.map((f) => resolve(f));
  } else {
    const discovered = discoverProjects(workspaceRoot);
    const comparisonsOf = (root: string) => [join(workspaceRoot, root, 'bench-results', COMPARISON_FILE_NAME)].filter((f) => existsSync(f));
    paths = discovered.flatMap((p) => [...p.resultsFiles, ...comparisonsOf(p.root)]);
    for (const p of discovered) {
      if (p.resultsFiles.length === 0 && comparisonsOf(p.root).length === 0) notRun.push({ project: p.name, status: 'not run', measure: null, file: null });
    }
  }
  // Comparison files are told apart by content (`kind: 'comparison'`), so --results takes both.
  const comparisons: LoadedComparison[] = [];
  const resultPaths: string[] = [];
  for (const abs of paths) {
    const raw = readJsonFile(abs, options.maxInputMiB ?? DEFAULT_MAX_INPUT_MIB);
    if (!isComparisonFile(raw)) {
      resultPaths.push(abs);
      continue;
    }
    const rel = relative(workspaceRoot, abs);
    const file = rel.startsWith('..') ? abs : rel;
    comparisons.push({ file, comparison: validateComparison(file, raw) });
  }
  const pairedOwner = new Map<string, string>();
  for (const { file, comparison } of comparisons) {
    comparison.benchmarks.forEach((b, i) => {
      const other = pairedOwner.get(b.id);
      if (other !== undefined) throw new BadInputError(file, `benchmarks[${i}].id`, `duplicate id ${JSON.stringify(b.id)} in comparisons (also in ${other})`);
      pairedOwner.set(b.id, file);
    });
  }
  return { ...assembleRun(loadResultsFiles(workspaceRoot, resultPaths, options), notRun), comparisons };
}

/** Reads, validates and caps each file; the path shown is relative to the workspace root when inside it. */
export function loadResultsFiles(workspaceRoot: string, paths: readonly string[], options: LoadOptions = {}): LoadedResults[] {
  return paths.map((abs) => {
    const rel = relative(workspaceRoot, abs);
    const file = rel.startsWith('..') ? abs : rel;
    const raw = validateResults(file, readJsonFile(abs, options.maxInputMiB ?? DEFAULT_MAX_INPUT_MIB));
    const thinned: ThinnedBenchmark[] = [];
    const benchmarks = raw.benchmarks.map((b) => {
      const { series, thinning } = capSamples(b);
      if (thinning) thinned.push({ id: b.id, measure: measureOf(b), ...thinning });
      return series;
    });
    return { file, results: { ...raw, benchmarks }, thinned };
  });
}

/**
 * One run from loaded files (of one machine): the same (id, measure) in two files is bad input.
 * `notRun` lists projects with a bench target and no results.
 */
export function assembleRun(loaded: LoadedResults[], notRun: readonly ProjectStatus[] = []): LoadedRun {
  const projects: ProjectStatus[] = [...notRun];
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
  return { files: loaded, projects, benchmarks: loaded.flatMap((l) => l.results.benchmarks), comparisons: [] };
}
