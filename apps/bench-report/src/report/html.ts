import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BenchmarkResult } from '@workflow-bench/bench-kit';
import type { ProfilingArtefact, ProfilingSection } from '../profiling/profiling-index.ts';
import type { BenchmarkVerdict } from '../verdict/evaluate.ts';
import type { HistoryEntry } from './history.ts';
import type { PairedHtml } from './paired-html.ts';
import type { Report } from './report-model.ts';
import { measureKey, resultKey, measureOf, type ResultMeasure } from '../measure/measure-key.ts';
import { formatChange, formatP, formatValue, measureLabel } from './format.ts';
import { artefactLabel, noIndexText, PROFILE_HINT } from './profiling-view.ts';
import { byIdThenMeasure, measurePairs, type MeasurePair } from './side-by-side.ts';

const require = createRequire(import.meta.url);

/** Chart.js's UMD build, inlined so the report works offline from file:// (no CDN). */
function chartJsSource(): string {
  // The package's exports map hides dist/, so locate the package through its main entry.
  return readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
}

const asset = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

/** The report's stylesheet, for pages that share its look (the merged hardware-matrix page). */
export const reportStyle = () => asset('./html-style.css');

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const esc = (s: string | number | null | undefined) => String(s ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** Makes text safe inside a <script> element: no `</script`, no `<!--`. */
const scriptSafe = (s: string) => s.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/** JSON safe inside a <script> element: `<` escaped as \u003c, which JSON.parse reads back. */
const jsonSafe = (value: unknown) =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export const badge = (cls: string | null, text?: string) => `<span class="badge ${esc(cls ?? 'none')}">${esc(text ?? cls ?? 'n/a')}</span>`;

const measureBadge = (m: ResultMeasure) => `<span class="measure ${m}">${esc(measureLabel(m))}</span>`;

/** `<table><thead>…</thead><tbody>` with one header cell per column (callers close the table). */
export const tableStart = (columns: string[], cls?: string) =>
  `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${columns.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>`;

/** A table cell holding a number (right-aligned); `html` is already escaped. */
const num = (html: string | number) => `<td class="num">${html}</td>`;

export const code = (text: string) => `<code>${esc(text)}</code>`;

const verdictBadge = (v: BenchmarkVerdict | undefined) => (v?.outcome ? badge(v.outcome) : badge('none', 'not compared'));

export interface HtmlInputs {
  report: Report;
  /** Oldest first, including the current run. */
  history: HistoryEntry[];
  /** Baseline samples per (id, measure) key (`measureKey`), for the distribution overlays. */
  baselineSamples: Record<string, number[]>;
  /** The paired comparisons (--against), rendered by paired-html.ts; absent when there are none. */
  paired?: PairedHtml;
}

/** One self-contained HTML file: styles, Chart.js, data and drawing code all inline. */
export function renderHtml(inputs: HtmlInputs): string {
  const { report } = inputs;
  return [
    documentHead(report),
    pageHeader(report),
    '<main>',
    summarySection(report),
    hardwareSection(report),
    comparisonSection(report),
    inputs.paired?.html ?? '',
    measurePairsSection(measurePairs(report)),
    targetsSection(report),
    missingSection(report),
    benchmarksSection(report),
    report.profiling ? profilingSection(report.profiling) : '',
    projectsSection(report),
    methodSection(report),
    '</main>',
    scripts(inputs),
    '</body></html>\n',
  ].join('');
}

function documentHead(report: Report): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>Benchmark report ${esc(report.createdAt)}</title><style>${asset('./html-style.css')}</style></head><body>`
  );
}

function pageHeader(report: Report): string {
  const pass = report.summary.pass ? 'pass' : 'fail';
  const projectsRan = report.projects.filter((p) => p.status === 'ran').length;
  return (
    `<header><h1>Benchmark report ${badge(pass, pass)}</h1>` +
    `<div class="meta">${esc(report.createdAt)} · ${report.benchmarks.length} benchmarks from ${projectsRan} project(s)</div></header>`
  );
}

export function summarySection(report: Report): string {
  const s = report.summary;
  const counts = [
    badge('regressed', `${s.regressed} regressed`),
    badge('improved', `${s.improved} improved`),
    badge('unchanged', `${s.unchanged} unchanged`),
    badge('inconclusive', `${s.inconclusive} inconclusive`),
    badge(s.missedTargets ? 'missed' : 'met', `${s.missedTargets} missed targets`),
    ...(s.missing ? [badge(s.missingRequired ? 'missed' : 'unknown', `${s.missing} missing (${s.missingRequired} required and unexplained)`)] : []),
  ];
  const b = report.baseline;
  const baselineText = b
    ? `Baseline ${code(b.file)} (profile ${code(b.name)}): ${esc(b.reason)}.`
    : `No baseline: ${esc(report.noBaselineReason)}.`;
  const otherHardware = b?.sameHardware === false ? ` <strong>The baseline's samples come from different hardware.</strong>` : '';
  return `<section class="summary"><h2>Summary</h2>${counts.map((c) => `<span>${c}</span>`).join('')}<p>${baselineText}${otherHardware}</p></section>`;
}

export function hardwareSection(report: Report): string {
  const e = report.environment;
  if (!e) return `<section><h2>Hardware</h2><p>No results.</p></section>`;
  const row = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`;
  const speed = e.cpuSpeedGHz ? `, ${e.cpuSpeedGHz} GHz` : '';
  const gpus = e.gpus.map((g) => esc(`${g.vendor} ${g.model}${g.vramMiB ? ` (${g.vramMiB} MiB)` : ''}`));
  const rows = [
    row('CPU', `${esc(e.cpuModel)} (${e.cpuCores} logical / ${e.cpuPhysicalCores} physical${speed})`),
    row('Memory', `${(e.memoryBytes / 2 ** 30).toFixed(1)} GiB`),
    row('GPU', gpus.length ? gpus.join('<br>') : 'none'),
    row('OS', esc(`${e.os} (${e.kernel}, ${e.arch})`)),
    row('Runtime', esc(`Node ${e.nodeVersion}, V8 ${e.v8Version}`)),
    row('Git', esc(`${e.gitSha ?? 'unknown'}${e.gitDirty ? ' (dirty)' : ''}`)),
    row('Fingerprint', code(e.hardwareFingerprint)),
    ...report.otherEnvironments.map((o) => row(`⚠ ${o.project}`, `ran on other hardware: ${esc(o.environment.cpuModel)}`)),
  ];
  return `<section><h2>Hardware</h2><table><tbody>${rows.join('')}</tbody></table></section>`;
}

function comparisonSection(report: Report): string {
  const columns = ['benchmark', 'measure', 'baseline', 'current', 'Δ% (95% CI)', 'p (BH)', 'verdict', 'why'];
  const rows = [...report.comparisons].sort(byIdThenMeasure).map(comparisonRow);
  return (
    `<section><h2>Comparison with the baseline</h2><div class="wide-chart" id="comparison-box"><canvas id="comparison-chart"></canvas></div>` +
    `${tableStart(columns)}${rows.join('')}</tbody></table></section>`
  );
}

export function comparisonRow(v: BenchmarkVerdict): string {
  const cells = [
    `<td>${code(v.id)}</td>`,
    `<td>${measureBadge(v.measure)}</td>`,
    num(esc(formatValue(v.baselineEstimate, v.unit))),
    num(esc(formatValue(v.currentEstimate, v.unit))),
    num(esc(formatChange(v.comparison?.change))),
    num(v.comparison ? esc(formatP(v.comparison.pAdjusted)) : '–'),
    `<td>${verdictBadge(v)}</td>`,
    `<td class="reason">${esc(v.reason)}</td>`,
  ];
  return `<tr>${cells.join('')}</tr>`;
}

function measurePairsSection(pairs: MeasurePair[]): string {
  if (pairs.length === 0) return '';
  const intro =
    'Benchmarks measured both ways: wall time is what a user waits for; instruction counts (valgrind) show whether the code does more work, ' +
    "free of the machine's noise.";
  const columns = ['benchmark', 'wall time', 'Δ time', 'verdict', 'instructions', 'Δ instructions', 'verdict'];
  const rows = pairs.map((p) => `<tr><td>${code(p.id)}</td>${measurePairCells(p.time)}${measurePairCells(p.instructions)}</tr>`);
  return `<section><h2>Wall time and instructions</h2><p class="reason">${intro}</p>${tableStart(columns)}${rows.join('')}</tbody></table></section>`;
}

function measurePairCells(side: MeasurePair['time']): string {
  const b = side.benchmark;
  const estimate = b.status === 'ok' ? formatValue(b.estimate?.point ?? b.stats?.median, b.unit) : b.status;
  return `${num(esc(estimate))}${num(esc(formatChange(side.verdict?.comparison?.change)))}<td>${verdictBadge(side.verdict)}</td>`;
}

export function targetsSection(report: Report): string {
  if (report.targets.length === 0) return `<section><h2>Targets</h2><p>No targets in the baseline.</p></section>`;
  const columns = ['benchmark', 'measure', 'target', 'threshold', 'actual', 'status'];
  const rows = report.targets.map((t) => {
    const cells = [
      `<td>${code(t.id)}</td>`,
      `<td>${measureBadge(t.measure)}</td>`,
      `<td>${esc(t.target.label)}</td>`,
      num(`${t.thresholdPercent}%`),
      num(esc(formatValue(t.actual, t.target.unit))),
      `<td>${badge(t.status)} <span class="reason">${esc(t.reason)}</span></td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<section><h2>Targets</h2>${tableStart(columns)}${rows.join('')}</tbody></table></section>`;
}

export function missingSection(report: Report): string {
  if (report.missing.length === 0) return '';
  const columns = ['benchmark', 'measure', 'required', 'why'];
  const rows = report.missing.map((m) => {
    const required = m.fails ? badge('fail', 'required: fails') : m.required ? badge('unknown', 'required') : badge('none', 'optional');
    return `<tr><td>${code(m.id)}</td><td>${measureBadge(m.measure)}</td><td>${required}</td><td class="reason">${esc(m.reason)}</td></tr>`;
  });
  const intro = 'In the baseline, with no result now. Required ones (a target, or "required": true) fail the run unless explained.';
  const table = `${tableStart(columns)}${rows.join('')}</tbody></table>`;
  return `<section id="missing"><h2>Missing from the current results</h2><p class="reason">${intro}</p>${table}</section>`;
}

function benchmarksSection(report: Report): string {
  const verdictOf = new Map(report.comparisons.map((v) => [measureKey(v.id, v.measure), v]));
  // Sorted by id, wall time first, so an id's two measures sit side by side; `index` stays the
  // benchmark's index in report.benchmarks, which the client code uses to find its canvases.
  const ordered = report.benchmarks.map((b, index) => ({ b, index, id: b.id, measure: measureOf(b) })).sort(byIdThenMeasure);
  const cards = ordered.map(({ b, index, measure }) => benchmarkCard(b, index, measure, verdictOf.get(resultKey(b))));
  return `<section><h2>Benchmarks</h2><div class="grid">${cards.join('')}</div></section>`;
}

/** One benchmark's card: verdict, histogram and trend canvases (drawn by html-client.js), statistics. */
function benchmarkCard(b: BenchmarkResult, index: number, measure: ResultMeasure, v: BenchmarkVerdict | undefined): string {
  const title = `<div class="bench"><h3>${esc(b.id)} ${measureBadge(measure)}</h3>`;
  if (b.status !== 'ok') return `${title}<p>${badge(b.status === 'failed' ? 'fail' : 'unknown', b.status)} ${esc(b.reason ?? '')}</p></div>`;
  const charts =
    `<div class="charts"><div class="chart-box"><canvas id="hist-${index}"></canvas></div>` +
    `<div class="chart-box"><canvas id="trend-${index}"></canvas></div></div>`;
  const verdict = `<p>${v?.outcome ? badge(v.outcome) : ''} <span class="reason">${esc(v?.reason ?? '')}</span></p>`;
  return `${title}${verdict}${charts}<table class="stats"><tbody>${statisticsRows(b).join('')}</tbody></table></div>`;
}

function statisticsRows(b: BenchmarkResult): string[] {
  const f = (x: number | undefined) => esc(formatValue(x, b.unit));
  const row = (label: string, value: string) => `<tr><th>${label}</th>${num(value)}</tr>`;
  const rows: string[] = [];
  const e = b.estimate;
  if (e) rows.push(row(`estimate (${esc(e.statistic)})`, `${f(e.point)} [${f(e.lower)}, ${f(e.upper)}]`));
  const st = b.stats;
  if (st) {
    rows.push(row('mean ± sd', `${f(st.mean)} ± ${f(st.stdDev)} (cv ${(st.cv * 100).toFixed(1)}%)`));
    rows.push(row('median / MAD', `${f(st.median)} / ${f(st.mad)}`));
    rows.push(row('min / p90 / p99 / max', `${f(st.min)} / ${f(st.p90)} / ${f(st.p99)} / ${f(st.max)}`));
  }
  const o = b.outliers;
  if (o) rows.push(row('outliers (mild/severe)', `low ${o.lowMild}/${o.lowSevere}, high ${o.highMild}/${o.highSevere}`));
  rows.push(row('samples', `${b.samples.length}${b.roundEstimates ? ` in ${b.roundEstimates.length} rounds` : ''}`));
  return rows;
}

function profilingSection(p: ProfilingSection): string {
  const warnings = p.warnings.map((w) => `<p class="warning">⚠ ${esc(w)}</p>`).join('');
  let body = '';
  if (p.status === 'absent' || (p.status === 'ok' && p.artefacts.length === 0)) {
    const lead = p.status === 'absent' ? esc(noIndexText(p)) : `${code(p.index)} lists no artefacts. Produce some with`;
    body = `<p>${lead} ${code(PROFILE_HINT)}.</p>`;
  } else if (p.status === 'ok') {
    const columns = ['kind', 'lib', 'benchmark', 'artefact', 'summary', 'created'];
    const updated = p.updatedAt ? `, updated ${esc(p.updatedAt)}` : '';
    body =
      `<p class="reason">From ${code(p.index)}${updated}. Links are relative to this report.</p>` +
      `${tableStart(columns)}${p.artefacts.map(artefactRow).join('')}</tbody></table>`;
  }
  return `<section id="profiling"><h2>Profiling</h2>${warnings}${body}</section>`;
}

function artefactRow(a: ProfilingArtefact): string {
  const link =
    a.href === null
      ? badge('unknown', 'skipped')
      : `<a href="${esc(encodeURI(a.href))}">${esc(artefactLabel(a))}</a>${a.exists ? '' : ' <span class="reason">(missing)</span>'}`;
  const status = a.status === 'flagged' ? ` ${badge('missed', 'flagged')}` : a.status === 'skipped' && a.href !== null ? ` ${badge('unknown', 'skipped')}` : '';
  const cells = [
    `<td>${esc(a.kind)}</td>`,
    `<td>${esc(a.lib)}</td>`,
    `<td>${code(a.bench)}</td>`,
    `<td>${link}${status}</td>`,
    `<td class="reason">${esc(a.summary)}</td>`,
    num(esc(a.createdAt.replace('T', ' ').slice(0, 19))),
  ];
  return `<tr class="artefact ${esc(a.status)}">${cells.join('')}</tr>`;
}

function projectsSection(report: Report): string {
  const columns = ['project', 'measure', 'status', 'mode', 'rounds', 'benchmarks', 'file'];
  const rows = report.projects.map((p) => {
    const cells = [
      `<td>${esc(p.project)}</td>`,
      `<td>${p.measure ? measureBadge(p.measure) : '–'}</td>`,
      `<td>${badge(p.status === 'ran' ? 'met' : 'unknown', p.status)}</td>`,
      `<td>${esc(p.mode ?? '–')}</td>`,
      `<td>${esc(p.rounds ?? '–')}</td>`,
      `<td>${p.benchmarks}</td>`,
      `<td>${code(p.file ?? '')}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  const thinned = report.sampleCap.thinned;
  const note = thinned.length
    ? `<p class="reason">Samples thinned to at most ${report.sampleCap.maxSamplesPerBenchmark} per benchmark ` +
      `(evenly within each round; estimates are from all samples): ${thinned.map((t) => `${code(t.id)} ${t.from} → ${t.kept}`).join(', ')}.</p>`
    : '';
  return `<section><h2>Projects</h2>${tableStart(columns)}${rows.join('')}</tbody></table>${note}</section>`;
}

function methodSection(report: Report): string {
  const { policy, thresholds } = report;
  const text =
    `Wall time: each round (a fresh process) is a unit, its level the 20%-trimmed mean of its log samples; Δ is the change of the geometric mean ` +
    `of round levels with a ${Math.round(policy.confidence * 100)}% two-level t interval (rounds random, samples nested; the spread between processes ` +
    `moderated by a prior fitted on the whole run); with one round a side and nothing to estimate that spread from, no significance is claimed. ` +
    `p-values are adjusted across the run by Benjamini-Hochberg (FDR ${policy.alpha}). ` +
    `Instruction counts: each region pair is a unit (pairs more than ${policy.disturbedPairPct}% above their side's median are set aside as disturbed) ` +
    `with an expanded-percentile bootstrap CI, and p comes from Welch's t. ` +
    `Regressed: significant and the CI entirely above +threshold×${policy.floorFraction}; unchanged: CI inside ±threshold. ` +
    `Thresholds: time ${thresholds.time}% (custom measures included), instructions ${thresholds.instructions}% unless the baseline sets one.`;
  return `<section><h2>Method</h2><p class="reason">${text}</p></section>`;
}

/** The data the client code draws from, Chart.js and the client code, all inline. */
function scripts({ report, history, baselineSamples, paired }: HtmlInputs): string {
  const data = jsonSafe({ report, history, baselineSamples, keys: report.benchmarks.map(resultKey), measures: report.benchmarks.map(measureOf), paired: paired?.data ?? [] });
  return (
    `<script type="application/json" id="report-data">${data}</script>` +
    `<script>${scriptSafe(chartJsSource())}</script>` +
    `<script>${scriptSafe(asset('./html-client.js'))}</script>`
  );
}
