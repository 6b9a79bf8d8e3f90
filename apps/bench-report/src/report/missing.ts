import { compileFilter } from '@workflow-bench/bench-kit';
import type { BaselineEntry, BaselineFile } from '../baseline/baseline-file.ts';
import type { LoadedRun } from '../input/load-results.ts';
import { measureKey, resultKey, type ResultMeasure } from '../measure/measure-key.ts';

/** A baselined (id, measure) with no result in the current run. */
export interface MissingBenchmark {
  id: string;
  measure: ResultMeasure;
  /** The entry's `required`, else whether it has a target. */
  required: boolean;
  /**
   * What makes the absence expected, or null when nothing does: its project's results were
   * filtered (`--filter` recorded in the file), its project did not run (no results file for
   * that measure), or `--allow-missing`.
   */
  explainedBy: 'filter' | 'not run' | 'allow-missing' | null;
  reason: string;
  /** Required and not explained: fails the run. */
  fails: boolean;
}

/** The project an id belongs to: ids are `<project>/<group>/<name>`. */
const projectOf = (id: string) => id.split('/')[0];

/**
 * Every baseline entry (target or samples) with no current result of the same (id, measure).
 * An absence is explained when the results of the entry's project (for that measure) were made
 * with a `--filter` that does not match the id, or when that project has no results for that
 * measure in this run at all (it is then listed as not run, e.g. under `nx affected`). Otherwise
 * the benchmark vanished from a run that should have had it: listed, and failing when required.
 */
export function findMissing(run: LoadedRun, baseline: BaselineFile | null, allowMissing: boolean): MissingBenchmark[] {
  if (!baseline) return [];
  const present = new Set(run.benchmarks.map(resultKey));
  const missing: MissingBenchmark[] = [];
  for (const entry of baseline.benchmarks) {
    if (present.has(measureKey(entry.id, entry.measure))) continue;
    missing.push(describeMissing(entry, run, allowMissing));
  }
  return missing.sort((a, b) => a.id.localeCompare(b.id) || a.measure.localeCompare(b.measure));
}

function describeMissing(entry: BaselineEntry, run: LoadedRun, allowMissing: boolean): MissingBenchmark {
  const required = entry.required ?? entry.target !== undefined;
  const base = { id: entry.id, measure: entry.measure, required };
  const project = projectOf(entry.id);
  const files = run.files.filter((f) => f.results.project === project && f.results.measure === entry.measure);
  const what = entry.measure === 'instructions' ? 'instruction-count results' : 'results';
  if (files.length === 0) {
    return { ...base, explainedBy: 'not run', reason: `project ${project} has no ${what} in this run (not run)`, fails: false };
  }
  const unfiltered = files.filter((f) => compileFilter(f.results.filter)(entry.id));
  if (unfiltered.length === 0) {
    const f = files[0];
    return { ...base, explainedBy: 'filter', reason: `${f.file} was run with --filter ${JSON.stringify(f.results.filter)}, which excludes it`, fails: false };
  }
  const filtered = unfiltered[0].results.filter ? ' with a --filter that includes it' : '';
  const reason = `not in ${unfiltered.map((f) => f.file).join(', ')}, which ran its project${filtered}`;
  if (allowMissing) return { ...base, explainedBy: 'allow-missing', reason: `${reason} (allowed by --allow-missing)`, fails: false };
  return { ...base, explainedBy: null, reason, fails: required };
}
