import type { BenchmarkResult, ResultsFile } from '@workflow-bench/bench-kit';
import type { ThinnedBenchmark } from '../input/load-results.ts';
import { measureKey, resultKey, measureOf } from '../measure/measure-key.ts';
import { BASELINE_FORMAT, BASELINE_SCHEMA_VERSION, type BaselineEntry, type BaselineFile, type MeasuredBaseline } from './baseline-file.ts';

export interface SavedBaseline {
  baseline: BaselineFile;
  /** Entries whose measured part came from these results (replaced or new). */
  saved: number;
  /** Ids (with measure) of entries that kept an earlier measured part because these results do not cover them. */
  kept: string[];
}

/**
 * A baseline from the current results, samples included. When the target file already exists,
 * its entries are updated, never lost:
 * - an entry these results measured (status ok) gets the new measured part; its target,
 *   threshold, description and `required` stay;
 * - an entry these results do not cover (not run, filtered out, failed or skipped now) is kept as
 *   it was, measured part included: a partial or failed run must not wipe measurements. Each
 *   measured part records its own `createdAt`, so a kept one is never mistaken for a fresh one;
 *   to start afresh, save to a new file.
 *
 * Entries are keyed by (id, measure): saving wall-time and instruction-count results of the same
 * benchmark gives two entries with that id, `measure: "time"` and `measure: "instructions"`.
 */
export function makeBaseline(
  runs: readonly { results: ResultsFile; thinned?: readonly ThinnedBenchmark[] }[],
  previous: BaselineFile | null,
  name: string,
  now: Date = new Date(),
): SavedBaseline {
  const measured = new Map<string, { id: string; measured: MeasuredBaseline }>();
  for (const { results, thinned = [] } of runs) {
    const thinnedFrom = new Map(thinned.map((t) => [measureKey(t.id, t.measure), t.from]));
    for (const b of results.benchmarks) {
      if (b.status === 'ok' && b.samples.length > 0) measured.set(resultKey(b), { id: b.id, measured: toMeasured(b, results, thinnedFrom.get(resultKey(b))) });
    }
  }
  const entries: BaselineEntry[] = [];
  const kept: string[] = [];
  const previousKeys = new Set<string>();
  for (const old of previous?.benchmarks ?? []) {
    const key = measureKey(old.id, old.measure);
    previousKeys.add(key);
    const m = measured.get(key);
    if (m) entries.push({ ...old, measured: m.measured });
    else {
      entries.push(old);
      if (old.measured) kept.push(old.measure === 'instructions' ? `${old.id} [instructions]` : old.id);
    }
  }
  for (const [key, m] of measured) {
    if (!previousKeys.has(key)) entries.push({ id: m.id, measure: measureOf(m.measured), measured: m.measured });
  }
  const first = runs[0]?.results;
  const baseline: BaselineFile = {
    format: BASELINE_FORMAT,
    schemaVersion: BASELINE_SCHEMA_VERSION,
    name: previous?.name ?? name,
    description: previous?.description ?? `Saved by bench-report save-baseline from ${[...new Set(runs.map((r) => r.results.project))].join(', ')}`,
    savedAt: now.toISOString(),
    environment: first?.environment ?? null,
    gitSha: first?.environment.gitSha ?? null,
    benchmarks: entries,
  };
  return { baseline, saved: measured.size, kept };
}

function toMeasured(b: BenchmarkResult, r: ResultsFile, thinnedFrom: number | undefined): MeasuredBaseline {
  return {
    unit: b.unit,
    lowerIsBetter: b.lowerIsBetter,
    measure: b.measure,
    samples: [...b.samples],
    ...(b.roundEstimates ? { roundEstimates: [...b.roundEstimates] } : {}),
    ...(b.roundSampleCounts ? { roundSampleCounts: [...b.roundSampleCounts] } : {}),
    ...(b.estimate ? { estimate: b.estimate } : {}),
    ...(b.stats ? { stats: b.stats } : {}),
    rounds: r.rounds,
    ...(b.file ? { file: b.file } : {}),
    mode: r.mode,
    createdAt: r.createdAt,
    ...(thinnedFrom !== undefined ? { thinnedFrom } : {}),
  };
}
