import { pairedClock } from './paired-clock.ts';
import type { PairedBenchmarkResult, SampleUnit } from '@workflow-bench/bench-kit';
import type { LoadedComparison } from '../input/load-results.ts';
import { pairedProcessDetail, type PairedVerdict } from '../verdict/paired.ts';
import { formatChange, formatP, formatValue } from './format.ts';
import { badge, code, esc, tableStart } from './html.ts';

/** The paired comparisons of a report (`--against` files) and their verdicts, in the files' order. */
export interface PairedInputs {
  comparisons: readonly LoadedComparison[];
  /** evaluatePaired over every file's benchmarks, in order (BH-adjusted together). */
  verdicts: readonly PairedVerdict[];
}

/** What the client draws for one compared benchmark; every number is already a percentage or a sample. */
export interface PairedChartData {
  /** Index in `paired` of the report data: the canvases are `paired-dist-<i>` and `paired-diff-<i>`. */
  index: number;
  id: string;
  unit: SampleUnit;
  base: number[];
  head: number[];
  /** Per process: its quads' changes, its level and that level's interval (head / base − 1, in %). */
  processes: { process: number; quads: number[]; level: number; lower: number | null; upper: number | null }[];
  /** Δ of the verdict with its CI, in %. */
  change: { point: number; lower: number; upper: number };
  /** The noise floor (±T/2 by default) the CI must clear, in %. */
  floor: number;
  outcome: string | null;
}

/** The rendered section and the data its charts are drawn from (html.ts embeds both). */
export interface PairedHtml {
  html: string;
  data: PairedChartData[];
}

const percent = (logRatio: number) => Math.expm1(logRatio) * 100;

/**
 * The paired section of the HTML report (issue 14 §4): per comparison file its revisions, the
 * verdict table with the Markdown's columns and wording, the ids on one side only (new/removed),
 * the reason of every verdict that is not unchanged, then per benchmark both sides' distributions
 * and the paired differences (drawn by html-client.js from `data`).
 */
export function renderPairedHtml({ comparisons, verdicts }: PairedInputs, floorFraction: number): PairedHtml {
  if (comparisons.length === 0) return { html: '', data: [] };
  const data: PairedChartData[] = [];
  const intro =
    'Both revisions ran in the same fresh processes, interleaved in ABBA/BAAB quads. A quad compares the smaller of its two samples a side; ' +
    "a process's level is the trimmed mean of its quads; the verdict's Δ is the mean over processes with a moderated paired t interval. " +
    'Regressed or improved: significant and the whole CI beyond ±T/2 (dashed); unchanged: the CI inside ±T/4.';
  let offset = 0;
  const files = comparisons.map(({ file, comparison: c }) => {
    const own = verdicts.slice(offset, offset + c.benchmarks.length);
    const section = comparisonFile(file, c, own, data, floorFraction);
    offset += c.benchmarks.length;
    return section;
  });
  return { html: `<section id="paired"><h2>Paired comparison (--against)</h2><p class="reason">${esc(intro)}</p>${files.join('')}</section>`, data };
}

function comparisonFile(
  file: string,
  c: LoadedComparison['comparison'],
  verdicts: readonly PairedVerdict[],
  data: PairedChartData[],
  floorFraction: number,
): string {
  const head = `head ${code(c.head.ref)}${c.head.dirty ? ' (uncommitted changes included)' : ''}`;
  const base = `base ${code(c.base.ref)} (${code(c.base.commit.slice(0, 7))})`;
  const title = `<h3>${esc(c.project)}: ${head} vs ${base}, ${c.rounds} fresh processes, ${esc(c.mode)}, ${esc(pairedClock(c))}</h3>`;
  const judged = verdicts.filter((v) => v.presence === 'both');
  const count = (o: string) => `${judged.filter((v) => v.outcome === o).length} ${o}`;
  const counts = `<p>${['regressed', 'improved', 'unchanged', 'inconclusive'].map(count).join(' · ')} <span class="reason">(${code(file)})</span></p>`;
  const columns = ['benchmark', 'base', 'head', 'Δ (95% CI)', 'p (BH)', 'processes', 'verdict'];
  const table = judged.length ? `${tableStart(columns)}${judged.map(verdictRow).join('')}</tbody></table>` : '';
  const list = (items: string[], cls = '') => (items.length ? `<ul${cls ? ` class="${cls}"` : ''}>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '');
  const sides = list(verdicts.filter((v) => v.presence !== 'both').map((v) => `${code(v.id)}: ${v.presence === 'head-only' ? 'new' : 'removed'}`));
  const reasons = list(
    judged.filter((v) => v.outcome !== 'unchanged').map((v) => `${code(v.id)}: ${esc(v.outcome ?? '')}: ${esc(v.reason)}`),
    'reason',
  );
  const cards = verdicts.map((v, i) => (v.presence === 'both' ? pairedCard(v, c.benchmarks[i], data, floorFraction) : '')).join('');
  return `<div class="paired-file">${title}${counts}${table}${sides}${reasons}${cards ? `<div class="grid">${cards}</div>` : ''}</div>`;
}

function verdictRow(v: PairedVerdict): string {
  const c = v.comparison;
  const cells = [
    `<td>${code(v.id)}</td>`,
    `<td class="num">${esc(formatValue(v.baseEstimate, v.unit))}</td>`,
    `<td class="num">${esc(formatValue(v.headEstimate, v.unit))}</td>`,
    `<td class="num">${esc(formatChange(c?.change))}</td>`,
    `<td class="num">${c ? esc(formatP(c.pAdjusted)) : '–'}</td>`,
    `<td class="num">${c ? `${c.processes} (${c.quads} quads)` : '–'}</td>`,
    `<td>${v.outcome ? badge(v.outcome) : '–'}</td>`,
  ];
  return `<tr>${cells.join('')}</tr>`;
}

/** One benchmark's card: verdict, both sides' distributions and the paired differences per process. */
function pairedCard(v: PairedVerdict, b: PairedBenchmarkResult, data: PairedChartData[], floorFraction: number): string {
  const title = `<div class="bench"><h3>${esc(v.id)}</h3><p>${v.outcome ? badge(v.outcome) : ''} <span class="reason">${esc(v.reason)}</span></p>`;
  if (!v.comparison) return `${title}</div>`;
  const index = data.length;
  data.push({
    index,
    id: v.id,
    unit: v.unit,
    base: b.rounds.flatMap((r) => r.base),
    head: b.rounds.flatMap((r) => r.head),
    processes: pairedProcessDetail(b.rounds, b.lowerIsBetter).map((p) => ({
      process: p.process,
      quads: p.quads.map(percent),
      level: percent(p.level),
      lower: p.interval && percent(p.interval.lower),
      upper: p.interval && percent(p.interval.upper),
    })),
    change: { point: v.comparison.change.point * 100, lower: v.comparison.change.lower * 100, upper: v.comparison.change.upper * 100 },
    floor: v.threshold.percent * floorFraction,
    outcome: v.outcome,
  });
  const charts =
    `<div class="charts"><div class="chart-box"><canvas id="paired-dist-${index}"></canvas></div>` +
    `<div class="chart-box"><canvas id="paired-diff-${index}"></canvas></div></div>`;
  return `${title}${charts}</div>`;
}
