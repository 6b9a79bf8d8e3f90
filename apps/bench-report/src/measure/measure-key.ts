import type { ResultsFile } from '@workflow-bench/bench-kit';

/**
 * How a benchmark was measured, at the level of the results file it came from: wall clock
 * (`bench-results/latest.json`, measures `time` and `custom`) or instruction counts under
 * callgrind (`bench-results/instructions.json`). One benchmark id can have a result of each, so
 * results, baseline entries, verdicts, exports and history are keyed by (id, measure).
 */
export type ResultMeasure = ResultsFile['measure'];

export const RESULT_MEASURES: readonly ResultMeasure[] = ['time', 'instructions'];

/**
 * THE answer to "which measure is this?", for a result, a baseline's measured part, a history
 * entry or a target (`{ unit: target.unit, measure: 'time' }`): instruction counts (by unit or by
 * declared measure) are `instructions`; everything else, bench-kit's `custom` measures included,
 * is `time`, the wall-clock results of latest.json. Keys, thresholds, tables and exports all use it.
 */
export function measureOf(b: { unit: string; measure: 'time' | 'instructions' | 'custom' }): ResultMeasure {
  return b.unit === 'instructions' || b.measure === 'instructions' ? 'instructions' : 'time';
}

/** The map key of (id, measure); `#` cannot clash with ids, which are `/`-separated names. */
export function measureKey(id: string, measure: ResultMeasure): string {
  return `${id}#${measure}`;
}

/** Key of a result. */
export function resultKey(b: { id: string; unit: string; measure: 'time' | 'instructions' | 'custom' }): string {
  return measureKey(b.id, measureOf(b));
}

/** The id as shown where both measures sit in one list: instruction counts get a suffix. */
export function displayName(id: string, measure: ResultMeasure): string {
  return measure === 'instructions' ? `${id} [instructions]` : id;
}
