/** Human formatting shared by the Markdown, HTML and terminal views. */

/** A value in its unit, times scaled to ns/µs/ms/s, large counts with SI prefixes. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (unit === 'ns') {
    const abs = Math.abs(value);
    if (abs >= 1e9) return `${sig(value / 1e9)} s`;
    if (abs >= 1e6) return `${sig(value / 1e6)} ms`;
    if (abs >= 1e3) return `${sig(value / 1e3)} µs`;
    return `${sig(value)} ns`;
  }
  if (unit === 'instructions') {
    const abs = Math.abs(value);
    if (abs >= 1e9) return `${sig(value / 1e9)} G instr`;
    if (abs >= 1e6) return `${sig(value / 1e6)} M instr`;
    if (abs >= 1e3) return `${sig(value / 1e3)} k instr`;
    return `${sig(value)} instr`;
  }
  return `${sig(value)} ${unit}`;
}

function sig(x: number): string {
  const abs = Math.abs(x);
  if (abs >= 100) return x.toFixed(0);
  if (abs >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

export function formatPercent(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
}

export function formatChange(change: { point: number; lower: number; upper: number } | undefined | null): string {
  if (!change) return '–';
  return `${formatPercent(change.point)} [${formatPercent(change.lower)}, ${formatPercent(change.upper)}]`;
}

export { formatP } from '../verdict/classify.ts';

export const OUTCOME_ICON: Record<string, string> = {
  regressed: '🔴 regressed',
  improved: '🟢 improved',
  unchanged: '⚪ unchanged',
  inconclusive: '🟡 inconclusive',
};

/** How a results-file measure is named in tables. */
export function measureLabel(measure: 'time' | 'instructions'): string {
  return measure === 'instructions' ? 'instructions' : 'wall time';
}
