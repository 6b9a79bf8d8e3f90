import type { RelativeSummary } from '../analysis/relative.ts';
import type { ResultsFile } from '../results/schema.ts';
import { PLAIN, type Painter } from './colour.ts';
import { formatNs } from './format.ts';
import { renderResults } from './table.ts';

export interface RunSummaryOptions {
  relative?: readonly RelativeSummary[];
  paint?: Painter;
  /** The results file as shown to the user (relative to the working directory). */
  resultsPath: string;
  /** Extra files written (exports), as shown. */
  exports?: readonly string[];
}

/** What `bench-kit run` prints on stdout when it ends: the table and sections, then the totals and where the results went. */
export function renderRunSummary(r: ResultsFile, options: RunSummaryOptions): string {
  const paint = options.paint ?? PLAIN;
  const counts = { ok: 0, failed: 0, skipped: 0 };
  for (const b of r.benchmarks) counts[b.status]++;
  const tally = [
    paint('ok', `${counts.ok} ok`),
    counts.failed ? paint('failed', `${counts.failed} failed`) : `${counts.failed} failed`,
    counts.skipped ? paint('skipped', `${counts.skipped} skipped`) : `${counts.skipped} skipped`,
  ].join(', ');
  const lines = [
    '',
    renderResults(r, { ...(options.relative ? { relative: options.relative } : {}), paint }),
    '',
    paint('dim', `timer: resolution ${formatNs(r.timer.resolutionNs)}, overhead ${formatNs(r.timer.overheadNs)}, empty function ${formatNs(r.timer.emptyFunctionNs)}`),
    `${r.benchmarks.length} benchmarks: ${tally} in ${(r.durationMs / 1000).toFixed(1)} s`,
    `results: ${options.resultsPath}${r.filter && /\.filter-/.test(options.resultsPath) ? ' (a filtered run: latest.json keeps the last full run)' : ''}`,
    ...(options.exports ?? []).map((f) => `exported: ${f}`),
  ];
  return `${lines.join('\n')}\n`;
}
