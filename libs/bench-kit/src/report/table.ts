import type { RelativeSummary } from '../analysis/relative.ts';
import type { BenchmarkResult, GoalResult, ResultsFile } from '../results/schema.ts';
import { PLAIN, type Painter, type Tone } from './colour.ts';
import { formatThroughput, formatValue } from './format.ts';
import { formatRelative } from './relative.ts';

/**
 * A text table. `tone` may colour a cell (by row and column): widths come from the plain text and
 * colour is applied after padding, so columns stay aligned.
 */
export function renderTable(
  headers: string[],
  rows: string[][],
  align: ('l' | 'r')[] = [],
  tone?: (row: number, column: number) => Tone | undefined,
  paint: Painter = PLAIN,
): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[], row: number | null) =>
    cells
      .map((c, i) => {
        const padded = align[i] === 'r' ? c.padStart(widths[i]) : i === cells.length - 1 ? c : c.padEnd(widths[i]);
        const t = row === null ? undefined : tone?.(row, i);
        return t ? paint(t, padded) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(headers, null), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((r, i) => line(r, i))].join('\n');
}

function outlierText(b: BenchmarkResult): string {
  if (!b.outliers) return '';
  const mild = b.outliers.highMild + b.outliers.lowMild;
  const severe = b.outliers.highSevere + b.outliers.lowSevere;
  return mild + severe === 0 ? '0' : `${mild}m ${severe}s`;
}

function benchmarkRow(b: BenchmarkResult): string[] {
  if (b.status !== 'ok' || !b.estimate) {
    return [b.id, b.status.toUpperCase(), '', '', '', '', (b.reason ?? '').split('\n')[0].slice(0, 80)];
  }
  const e = b.estimate;
  const ci = `[${formatValue(e.lower, b.unit)} … ${formatValue(e.upper, b.unit)}]`;
  const tp = b.throughput ? formatThroughput(b.throughput.perSecond.point, b.throughput.unit) : '';
  const notes = b.warnings.length ? `⚠ ${b.warnings.length}` : '';
  return [b.id, formatValue(e.point, b.unit), ci, tp, String(b.samples.length), outlierText(b), notes];
}

const STATUS_TONE: Record<BenchmarkResult['status'], Tone> = { ok: 'ok', skipped: 'skipped', failed: 'failed' };

function goalRow(g: GoalResult): string[] {
  const mark = g.status === 'met' ? '✓ met' : g.status === 'missed' ? '✗ MISSED' : '? unknown';
  const actual = g.actual === undefined ? '—' : formatValue(g.actual, g.unit);
  return [mark, g.name, actual, formatValue(g.target, g.unit), g.reason ?? ''];
}

const GOAL_TONE: Record<GoalResult['status'], Tone> = { met: 'ok', missed: 'failed', unknown: 'skipped' };

export interface RenderOptions {
  /** Declared comparisons of the run (`s.compare`), listed under the table. */
  relative?: readonly RelativeSummary[];
  paint?: Painter;
}

/**
 * The end-of-run summary: results table (status coloured where colour is on: ok green, skipped
 * yellow, failed red), relative summaries, warnings (dim), goals, failures.
 */
export function renderResults(file: ResultsFile, options: RenderOptions = {}): string {
  const paint = options.paint ?? PLAIN;
  const out: string[] = [];
  out.push(
    renderTable(
      ['benchmark', 'estimate', '95% CI', 'throughput', 'n', 'outliers', 'notes'],
      file.benchmarks.map(benchmarkRow),
      ['l', 'r', 'l', 'r', 'r', 'r', 'l'],
      (row, column) => {
        const b = file.benchmarks[row];
        if (column === 0 || (column === 1 && b.status !== 'ok')) return b.status === 'ok' ? undefined : STATUS_TONE[b.status];
        return column === 6 || column === 5 ? 'dim' : undefined;
      },
      paint,
    ),
  );
  if (options.relative?.length) {
    out.push('', 'Relative (95% CI, bootstrap):');
    for (const r of options.relative) out.push(`  ${formatRelative(r, paint)}`);
  }
  const warned = file.benchmarks.filter((b) => b.warnings.length > 0);
  if (warned.length) {
    out.push('', 'Warnings:');
    for (const b of warned) for (const w of b.warnings) out.push(paint('warning', `  ⚠ ${b.id}: ${w}`));
  }
  if (file.goals.length) {
    out.push('', 'Goals:', renderTable(['status', 'goal', 'actual', 'target', 'note'], file.goals.map(goalRow), [], (row, column) => (column === 0 ? GOAL_TONE[file.goals[row].status] : undefined), paint));
  }
  const failed = file.benchmarks.filter((b) => b.status === 'failed');
  if (failed.length) {
    out.push('', 'Failed:');
    for (const b of failed) out.push(paint('failed', `  ✗ ${b.id}: ${b.error ?? b.reason ?? ''}`.split('\n').slice(0, 6).join('\n    ')));
  }
  return out.join('\n');
}
