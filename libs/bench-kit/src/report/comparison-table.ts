import type { ComparisonFile, PairedBenchmarkResult, PairedRound } from '../results/comparison-schema.ts';
import { median } from '../stats/descriptive.ts';
import { formatValue } from './format.ts';
import { renderTable } from './table.ts';

/** log(head / base) of each quad: the sum of the head's two samples over the base's two. */
export function quadLogRatios(round: PairedRound): number[] {
  const out: number[] = [];
  for (let q = 0; 2 * q + 1 < round.base.length && 2 * q + 1 < round.head.length; q++) {
    out.push(Math.log((round.head[2 * q] + round.head[2 * q + 1]) / (round.base[2 * q] + round.base[2 * q + 1])));
  }
  return out;
}

/**
 * A descriptive head/base ratio: the geometric mean over processes of each process's median quad
 * ratio. The verdict (with its test and interval) is bench-report's; this is what the run saw.
 */
export function pairedRatio(b: PairedBenchmarkResult): number | null {
  const perProcess = b.rounds.map(quadLogRatios).filter((r) => r.length > 0).map(median);
  if (perProcess.length === 0) return null;
  return Math.exp(perProcess.reduce((a, x) => a + x, 0) / perProcess.length);
}

function row(b: PairedBenchmarkResult): string[] {
  const est = (side: 'base' | 'head') => {
    const r = b[side];
    return r?.estimate ? formatValue(r.estimate.point, r.unit) : '—';
  };
  if (b.status !== 'ok') return [b.id, b.status.toUpperCase() + (b.side ? ` (${b.side})` : ''), '', '', '', (b.reason ?? '').split('\n')[0].slice(0, 80)];
  if (b.presence !== 'both') return [b.id, est('base'), est('head'), '', '', b.presence === 'head-only' ? 'new in the head' : 'removed in the head'];
  const ratio = pairedRatio(b);
  const quads = b.rounds.reduce((a, r) => a + r.quadOrder.length, 0);
  const better = ratio === null ? '' : (b.lowerIsBetter ? ratio < 1 : ratio > 1) ? 'head better' : ratio === 1 ? '' : 'head worse';
  return [b.id, est('base'), est('head'), ratio === null ? '—' : `${ratio.toFixed(3)}×`, `${b.rounds.length}×${Math.round(quads / Math.max(1, b.rounds.length))}`, better];
}

/** The end-of-run summary of a comparison (no verdicts: `bench-report compare` gives those). */
export function renderComparison(file: ComparisonFile): string {
  const out = [
    `head ${file.head.commit.slice(0, 10)}${file.head.dirty ? ' + uncommitted changes' : ''} against ${file.base.ref} (${file.base.commit.slice(0, 10)}), ${file.rounds} processes per bench file`,
    '',
    renderTable(['benchmark', 'base', 'head', 'head/base', 'proc×quads', 'note'], file.benchmarks.map(row), ['l', 'r', 'r', 'r', 'r', 'l']),
  ];
  const failed = file.benchmarks.filter((b) => b.status === 'failed');
  if (failed.length) {
    out.push('', 'Failed:');
    for (const b of failed) out.push(`  ✗ ${b.id}${b.side ? ` (${b.side})` : ''}: ${b.error ?? b.reason ?? ''}`.split('\n').slice(0, 6).join('\n    '));
  }
  return out.join('\n');
}
