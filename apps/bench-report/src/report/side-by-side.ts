import type { BenchmarkResult } from '@workflow-bench/bench-kit';
import { measureKey, resultKey, measureOf, type ResultMeasure } from '../measure/measure-key.ts';
import type { BenchmarkVerdict } from '../verdict/evaluate.ts';
import type { Report } from './report-model.ts';

/** Orders by id, wall time before instruction counts, so an id's two results sit next to each other. */
export function byIdThenMeasure(a: { id: string; measure: ResultMeasure }, b: { id: string; measure: ResultMeasure }): number {
  return a.id.localeCompare(b.id) || (a.measure === b.measure ? 0 : a.measure === 'time' ? -1 : 1);
}

export interface MeasurePair {
  id: string;
  time: { benchmark: BenchmarkResult; verdict: BenchmarkVerdict | undefined };
  instructions: { benchmark: BenchmarkResult; verdict: BenchmarkVerdict | undefined };
}

/**
 * Benchmarks measured both ways in this run: wall time (latest.json) and instruction counts
 * (instructions.json), with their verdicts, for the side-by-side tables. Wall time says what a
 * user waits; instruction counts say whether the code does more work, without the machine's noise.
 */
export function measurePairs(report: Report): MeasurePair[] {
  const verdicts = new Map(report.comparisons.map((v) => [measureKey(v.id, v.measure), v]));
  const time = new Map<string, BenchmarkResult>();
  const instructions = new Map<string, BenchmarkResult>();
  for (const b of report.benchmarks) (measureOf(b) === 'instructions' ? instructions : time).set(b.id, b);
  const pairs: MeasurePair[] = [];
  for (const [id, t] of time) {
    const i = instructions.get(id);
    if (!i) continue;
    pairs.push({
      id,
      time: { benchmark: t, verdict: verdicts.get(resultKey(t)) },
      instructions: { benchmark: i, verdict: verdicts.get(resultKey(i)) },
    });
  }
  return pairs.sort((a, b) => a.id.localeCompare(b.id));
}
