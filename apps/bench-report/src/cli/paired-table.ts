import type { LoadedComparison } from '../input/load-results.ts';
import { formatChange, formatP, formatValue } from '../report/format.ts';
import { pairedClock } from '../report/paired-clock.ts';
import type { PairedVerdict } from '../verdict/paired.ts';

function grid(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** "main (3f14d46) vs HEAD+dirty" for each comparison file. */
export function describeComparisons(comparisons: readonly LoadedComparison[]): string[] {
  return comparisons.map(({ file, comparison: c }) => {
    const head = `${c.head.ref}${c.head.dirty ? ' (uncommitted changes included)' : ''}`;
    return `Paired: ${c.project}, head ${head} vs base ${c.base.ref} (${c.base.commit.slice(0, 7)}), ${c.rounds} processes, ${c.mode}, ${pairedClock(c)} (${file})`;
  });
}

/** The paired verdict table for the terminal or a CI log, then the reasons of every verdict that is not unchanged. */
export function renderPairedTable(comparisons: readonly LoadedComparison[], verdicts: readonly PairedVerdict[]): string {
  const out: string[] = [...describeComparisons(comparisons), ''];
  const judged = verdicts.filter((v) => v.presence === 'both');
  if (judged.length > 0) {
    out.push(
      grid(
        ['benchmark', 'base', 'head', 'Δ% (95% CI)', 'p (BH)', 'processes', 'verdict'],
        judged.map((v) => [
          v.id,
          formatValue(v.baseEstimate, v.unit),
          formatValue(v.headEstimate, v.unit),
          formatChange(v.comparison?.change),
          v.comparison ? formatP(v.comparison.pAdjusted) : '–',
          v.comparison ? `${v.comparison.processes} (${v.comparison.quads} quads)` : '–',
          v.outcome ?? '–',
        ]),
      ),
    );
  }
  const oneSided = verdicts.filter((v) => v.presence !== 'both');
  if (oneSided.length > 0) out.push('', ...oneSided.map((v) => `${v.id}: ${v.presence === 'head-only' ? 'new' : 'removed'} (${v.reason})`));
  const explained = judged.filter((v) => v.outcome !== 'unchanged');
  if (explained.length > 0) out.push('', ...explained.map((v) => `${v.id}: ${v.outcome}: ${v.reason}`));
  const count = (o: string) => judged.filter((v) => v.outcome === o).length;
  const regressed = count('regressed');
  out.push(
    '',
    `${regressed > 0 ? 'FAIL' : 'PASS'} (paired): ${regressed} regressed, ${count('improved')} improved, ${count('unchanged')} unchanged, ${count('inconclusive')} inconclusive` +
      (oneSided.length ? `, ${oneSided.filter((v) => v.presence === 'head-only').length} new, ${oneSided.filter((v) => v.presence === 'base-only').length} removed` : ''),
  );
  return out.join('\n') + '\n';
}
