import type { LoadedComparison } from '../input/load-results.ts';
import type { PairedVerdict } from '../verdict/paired.ts';
import { formatChange, formatP, formatValue, OUTCOME_ICON } from './format.ts';
import { mdCode, mdText } from './markdown-text.ts';
import { pairedClock } from './paired-clock.ts';

/**
 * The paired comparisons (`--against`) as Markdown, for benchmark_report.md and pr-comment.md:
 * which revisions, one row per id compared (base, head, Δ with CI, BH p, processes, verdict), the
 * new and removed ids, and the reason of every verdict that is not unchanged.
 */
export function renderPairedMarkdown(comparisons: readonly LoadedComparison[], verdicts: readonly PairedVerdict[]): string[] {
  if (comparisons.length === 0) return [];
  const out: string[] = ['', '#### Paired comparison (--against)', ''];
  for (const { comparison: c } of comparisons) {
    out.push(
      `- ${mdText(c.project)}: head ${mdCode(c.head.ref, 'text')}${c.head.dirty ? ' (uncommitted changes included)' : ''} vs base ${mdCode(c.base.ref, 'text')} ` +
        `(${mdCode(c.base.commit.slice(0, 7), 'text')}), ${c.rounds} fresh processes, ${c.mode}, ${pairedClock(c)}`,
    );
  }
  const judged = verdicts.filter((v) => v.presence === 'both');
  const count = (o: string) => judged.filter((v) => v.outcome === o).length;
  out.push('', `${count('regressed')} regressed · ${count('improved')} improved · ${count('unchanged')} unchanged · ${count('inconclusive')} inconclusive`);
  if (judged.length > 0) {
    out.push('', '| benchmark | base | head | Δ (95% CI) | p (BH) | processes | verdict |', '|---|---|---|---|---|---|---|');
    for (const v of judged) {
      out.push(
        `| ${mdCode(v.id, 'table')} | ${mdText(formatValue(v.baseEstimate, v.unit))} | ${mdText(formatValue(v.headEstimate, v.unit))} | ${formatChange(v.comparison?.change)} | ` +
          `${v.comparison ? formatP(v.comparison.pAdjusted) : '–'} | ${v.comparison ? `${v.comparison.processes} (${v.comparison.quads} quads)` : '–'} | ${v.outcome ? OUTCOME_ICON[v.outcome] : '–'} |`,
      );
    }
  }
  const oneSided = verdicts.filter((v) => v.presence !== 'both');
  if (oneSided.length > 0) out.push('', ...oneSided.map((v) => `- ${mdCode(v.id, 'text')}: ${v.presence === 'head-only' ? 'new' : 'removed'}`));
  const explained = judged.filter((v) => v.outcome !== 'unchanged');
  if (explained.length > 0) out.push('', ...explained.map((v) => `- ${mdCode(v.id, 'text')}: ${v.outcome}: ${mdText(v.reason)}`));
  return out;
}
