import type { RelativeSummary } from '../analysis/relative.ts';
import { PLAIN, type Painter } from './colour.ts';

function multiple(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/**
 * `core/hash/64KiB ran 1.06× [1.01, 1.11] as fast as core/hash-raw/64KiB` (95% CI in brackets);
 * instruction counts: `… used 1.02× [1.01, 1.03] the instructions of …`; or why there is no figure.
 */
export function formatRelative(s: RelativeSummary, paint: Painter = PLAIN): string {
  if (!s.ratio) return paint('dim', `${s.subject} vs ${s.anchor}: no relative figure (${s.note ?? 'unknown'})`);
  const r = s.ratio;
  const figure = `${paint('strong', `${multiple(r.point)}×`)} [${multiple(r.lower)}, ${multiple(r.upper)}]`;
  return s.sense === 'instructions' ? `${s.subject} used ${figure} the instructions of ${s.anchor}` : `${s.subject} ran ${figure} as fast as ${s.anchor}`;
}
