import type { BenchmarkResult, GoalResult, ResultsFile } from '../results/schema.ts';
import { formatThroughput, formatValue } from './format.ts';

export function renderTable(headers: string[], rows: string[][], align: ('l' | 'r')[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
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

function goalRow(g: GoalResult): string[] {
  const mark = g.status === 'met' ? '✓ met' : g.status === 'missed' ? '✗ MISSED' : '? unknown';
  const actual = g.actual === undefined ? '—' : formatValue(g.actual, g.unit);
  return [mark, g.name, actual, formatValue(g.target, g.unit), g.reason ?? ''];
}

/** The end-of-run summary: results table, warnings, goals. */
export function renderResults(file: ResultsFile): string {
  const out: string[] = [];
  out.push(
    renderTable(
      ['benchmark', 'estimate', '95% CI', 'throughput', 'n', 'outliers', 'notes'],
      file.benchmarks.map(benchmarkRow),
      ['l', 'r', 'l', 'r', 'r', 'r', 'l'],
    ),
  );
  const warned = file.benchmarks.filter((b) => b.warnings.length > 0);
  if (warned.length) {
    out.push('', 'Warnings:');
    for (const b of warned) for (const w of b.warnings) out.push(`  ⚠ ${b.id}: ${w}`);
  }
  if (file.goals.length) {
    out.push('', 'Goals:', renderTable(['status', 'goal', 'actual', 'target', 'note'], file.goals.map(goalRow)));
  }
  const failed = file.benchmarks.filter((b) => b.status === 'failed');
  if (failed.length) {
    out.push('', 'Failed:');
    for (const b of failed) out.push(`  ✗ ${b.id}: ${b.error ?? b.reason ?? ''}`.split('\n').slice(0, 6).join('\n    '));
  }
  return out.join('\n');
}
