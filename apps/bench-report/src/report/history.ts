import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '@workflow-bench/bench-kit';
import { measureKey, measureOf, type ResultMeasure } from '../measure/measure-key.ts';
import type { Report } from './report-model.ts';

/** One run's summary as kept under `reports/history/`: enough to draw a trend per benchmark. */
export interface HistoryEntry {
  createdAt: string;
  gitSha: string | null;
  hardwareFingerprint: string | null;
  baseline: string | null;
  pass: boolean;
  /** Files written before instruction counts were reported have no `measure`: `readHistory` fills it in. */
  benchmarks: { id: string; measure: ResultMeasure; unit: string; estimate: number; lower: number | null; upper: number | null; outcome: string | null }[];
}

export function historyEntry(report: Report): HistoryEntry {
  const outcome = new Map(report.comparisons.map((v) => [measureKey(v.id, v.measure), v.outcome]));
  return {
    createdAt: report.createdAt,
    gitSha: report.environment?.gitSha ?? null,
    hardwareFingerprint: report.environment?.hardwareFingerprint ?? null,
    baseline: report.baseline?.file ?? null,
    pass: report.summary.pass,
    benchmarks: report.benchmarks
      .filter((b) => b.status === 'ok' && (b.estimate || b.stats))
      .map((b) => ({
        id: b.id,
        measure: measureOf(b),
        unit: b.unit,
        estimate: b.estimate?.point ?? b.stats!.median,
        lower: b.estimate?.lower ?? null,
        upper: b.estimate?.upper ?? null,
        outcome: outcome.get(measureKey(b.id, measureOf(b))) ?? null,
      })),
  };
}

/** File name sorts by time: the ISO timestamp with the characters Windows dislikes replaced. */
export function appendHistory(dir: string, entry: HistoryEntry): string {
  const file = join(dir, `${entry.createdAt.replace(/[:.]/g, '-')}.json`);
  writeFileAtomicSync(file, JSON.stringify(entry, null, 2) + '\n');
  return file;
}

/**
 * Earlier summaries, oldest first. History is our own by-product, so an unreadable entry is
 * skipped with a warning instead of failing the report.
 */
export function readHistory(dir: string, warn: (message: string) => void = () => {}): HistoryEntry[] {
  if (!existsSync(dir)) return [];
  const entries: HistoryEntry[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    try {
      const e = JSON.parse(readFileSync(join(dir, name), 'utf8')) as HistoryEntry;
      if (typeof e.createdAt !== 'string' || !Array.isArray(e.benchmarks)) throw new Error('not a history entry');
      // Older entries have no `measure`; their unit still tells instruction counts from wall time.
      entries.push({ ...e, benchmarks: e.benchmarks.map((b) => ({ ...b, measure: b.measure ?? measureOf({ unit: b.unit, measure: 'time' }) })) });
    } catch (err) {
      warn(`skipping history entry ${join(dir, name)}: ${(err as Error).message}`);
    }
  }
  return entries;
}
