import type { BenchmarkResult, ResultsFile } from '@workflow-bench/bench-kit';
import { measureKey, resultKey, measureOf } from '../measure/measure-key.ts';
import { BASELINE_FORMAT, BASELINE_SCHEMA_VERSION, type BaselineEntry, type BaselineFile, type MeasuredBaseline } from './baseline-file.ts';

/**
 * A baseline from the current results, samples included. When the target file already exists
 * its targets, thresholds and descriptions are kept and only the measured parts are replaced, so
 * saving over `baselines/baseline_cpu_only.json` never loses the seed's targets.
 *
 * Entries are keyed by (id, measure): saving wall-time and instruction-count results of the same
 * benchmark gives two entries with that id, `measure: "time"` and `measure: "instructions"`.
 */
export function makeBaseline(
  runs: readonly { results: ResultsFile }[],
  previous: BaselineFile | null,
  name: string,
  now: Date = new Date(),
): BaselineFile {
  const measured = new Map<string, { b: BenchmarkResult; r: ResultsFile }>();
  for (const { results } of runs) {
    for (const b of results.benchmarks) if (b.status === 'ok' && b.samples.length > 0) measured.set(resultKey(b), { b, r: results });
  }
  const entries: BaselineEntry[] = [];
  const previousKeys = new Set<string>();
  for (const old of previous?.benchmarks ?? []) {
    const key = measureKey(old.id, old.measure);
    previousKeys.add(key);
    const m = measured.get(key);
    const { measured: _dropped, ...kept } = old;
    // Entries that only held samples and were not measured now are dropped: stale samples would be
    // compared with a future run as if they were fresh.
    if (m) entries.push({ ...kept, measured: toMeasured(m.b, m.r) });
    else if (old.target || old.thresholdPercent !== undefined) entries.push(kept);
  }
  for (const [key, m] of measured) {
    if (!previousKeys.has(key)) entries.push({ id: m.b.id, measure: measureOf(m.b), measured: toMeasured(m.b, m.r) });
  }
  const first = runs[0]?.results;
  return {
    format: BASELINE_FORMAT,
    schemaVersion: BASELINE_SCHEMA_VERSION,
    name: previous?.name ?? name,
    description: previous?.description ?? `Saved by bench-report save-baseline from ${[...new Set(runs.map((r) => r.results.project))].join(', ')}`,
    savedAt: now.toISOString(),
    environment: first?.environment ?? null,
    gitSha: first?.environment.gitSha ?? null,
    benchmarks: entries,
  };
}

function toMeasured(b: BenchmarkResult, r: ResultsFile): MeasuredBaseline {
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
    mode: r.mode,
    createdAt: r.createdAt,
  };
}
