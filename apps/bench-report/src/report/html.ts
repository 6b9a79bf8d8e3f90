import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { HistoryEntry } from './history.ts';
import type { Report } from './report-model.ts';
import { measureKey, resultKey, resultMeasure } from '../measure/measure-key.ts';
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

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Makes text safe inside a <script> element: no `</script`, no `<!--`. */
const scriptSafe = (s: string) => s.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/** JSON safe inside a <script> element: `<` escaped as \u003c, which JSON.parse reads back. */
const jsonSafe = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

const badge = (cls: string | null, text?: string) => `<span class="badge ${esc(cls ?? 'none')}">${esc(text ?? cls ?? 'n/a')}</span>`;

export interface HtmlInputs {
  report: Report;
  /** Oldest first, including the current run. */
  history: HistoryEntry[];
  /** Baseline samples per (id, measure) key (`measureKey`), for the distribution overlays. */
  baselineSamples: Record<string, number[]>;
}

/** One self-contained HTML file: styles, Chart.js, data and drawing code all inline. */
export function renderHtml({ report, history, baselineSamples }: HtmlInputs): string {
  const s = report.summary;
  const e = report.environment;
  const verdictOf = new Map(report.comparisons.map((v) => [measureKey(v.id, v.measure), v]));
  const measureBadge = (m: 'time' | 'instructions') => `<span class="measure ${m}">${esc(measureLabel(m))}</span>`;
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`);
  parts.push(`<title>Benchmark report ${esc(report.createdAt)}</title><style>${asset('./html-style.css')}</style></head><body>`);
  parts.push(`<header><h1>Benchmark report ${badge(s.pass ? 'pass' : 'fail', s.pass ? 'pass' : 'fail')}</h1>`);
  parts.push(`<div class="meta">${esc(report.createdAt)} · ${report.benchmarks.length} benchmarks from ${report.projects.filter((p) => p.status === 'ran').length} project(s)</div></header><main>`);

  parts.push(`<section class="summary"><h2>Summary</h2>`);
  parts.push(`<span>${badge('regressed', `${s.regressed} regressed`)}</span><span>${badge('improved', `${s.improved} improved`)}</span>`);
  parts.push(`<span>${badge('unchanged', `${s.unchanged} unchanged`)}</span><span>${badge('inconclusive', `${s.inconclusive} inconclusive`)}</span>`);
  parts.push(`<span>${badge(s.missedTargets ? 'missed' : 'met', `${s.missedTargets} missed targets`)}</span>`);
  parts.push(`<p>${report.baseline ? `Baseline <code>${esc(report.baseline.file)}</code> (profile <code>${esc(report.baseline.name)}</code>): ${esc(report.baseline.reason)}.` : `No baseline: ${esc(report.noBaselineReason)}.`}`);
  if (report.baseline?.sameHardware === false) parts.push(` <strong>The baseline's samples come from different hardware.</strong>`);
  parts.push(`</p></section>`);

  parts.push(`<section><h2>Hardware</h2>`);
  if (e) {
    parts.push(`<table><tbody>`);
    const row = (k: string, v: string) => parts.push(`<tr><th>${esc(k)}</th><td>${v}</td></tr>`);
    row('CPU', `${esc(e.cpuModel)} (${e.cpuCores} logical / ${e.cpuPhysicalCores} physical${e.cpuSpeedGHz ? `, ${e.cpuSpeedGHz} GHz` : ''})`);
    row('Memory', `${(e.memoryBytes / 2 ** 30).toFixed(1)} GiB`);
    row('GPU', e.gpus.length ? e.gpus.map((g) => esc(`${g.vendor} ${g.model}${g.vramMiB ? ` (${g.vramMiB} MiB)` : ''}`)).join('<br>') : 'none');
    row('OS', esc(`${e.os} (${e.kernel}, ${e.arch})`));
    row('Runtime', esc(`Node ${e.nodeVersion}, V8 ${e.v8Version}`));
    row('Git', esc(`${e.gitSha ?? 'unknown'}${e.gitDirty ? ' (dirty)' : ''}`));
    row('Fingerprint', `<code>${esc(e.hardwareFingerprint)}</code>`);
    for (const o of report.otherEnvironments) row(`⚠ ${o.project}`, `ran on other hardware: ${esc(o.environment.cpuModel)}`);
    parts.push(`</tbody></table>`);
  } else parts.push(`<p>No results.</p>`);
  parts.push(`</section>`);

  parts.push(`<section><h2>Comparison with the baseline</h2><div class="wide-chart" id="comparison-box"><canvas id="comparison-chart"></canvas></div>`);
  parts.push(`<table><thead><tr><th>benchmark</th><th>measure</th><th>baseline</th><th>current</th><th>Δ% (95% CI)</th><th>p (BH)</th><th>verdict</th><th>why</th></tr></thead><tbody>`);
  for (const v of [...report.comparisons].sort(byIdThenMeasure)) {
    parts.push(
      `<tr><td><code>${esc(v.id)}</code></td><td>${measureBadge(v.measure)}</td><td class="num">${esc(formatValue(v.baselineEstimate, v.unit))}</td><td class="num">${esc(formatValue(v.currentEstimate, v.unit))}</td>` +
        `<td class="num">${esc(formatChange(v.comparison?.change))}</td><td class="num">${v.comparison ? esc(formatP(v.comparison.pAdjusted)) : '–'}</td>` +
        `<td>${v.outcome ? badge(v.outcome) : badge('none', 'not compared')}</td><td class="reason">${esc(v.reason)}</td></tr>`,
    );
  }
  parts.push(`</tbody></table></section>`);

  const pairs = measurePairs(report);
  if (pairs.length > 0) {
    parts.push(`<section><h2>Wall time and instructions</h2><p class="reason">Benchmarks measured both ways: wall time is what a user waits for; instruction counts (valgrind) show whether the code does more work, free of the machine's noise.</p>`);
    parts.push(`<table><thead><tr><th>benchmark</th><th>wall time</th><th>Δ time</th><th>verdict</th><th>instructions</th><th>Δ instructions</th><th>verdict</th></tr></thead><tbody>`);
    const cells = (side: MeasurePair['time']) => {
      const b = side.benchmark;
      const est = b.status === 'ok' ? formatValue(b.estimate?.point ?? b.stats?.median, b.unit) : b.status;
      const v = side.verdict;
      return `<td class="num">${esc(est)}</td><td class="num">${esc(formatChange(v?.comparison?.change))}</td><td>${v?.outcome ? badge(v.outcome) : badge('none', 'not compared')}</td>`;
    };
    for (const p of pairs) parts.push(`<tr><td><code>${esc(p.id)}</code></td>${cells(p.time)}${cells(p.instructions)}</tr>`);
    parts.push(`</tbody></table></section>`);
  }

  parts.push(`<section><h2>Targets</h2>`);
  if (report.targets.length === 0) parts.push(`<p>No targets in the baseline.</p>`);
  else {
    parts.push(`<table><thead><tr><th>benchmark</th><th>measure</th><th>target</th><th>threshold</th><th>actual</th><th>status</th></tr></thead><tbody>`);
    for (const t of report.targets) {
      parts.push(
        `<tr><td><code>${esc(t.id)}</code></td><td>${measureBadge(t.measure)}</td><td>${esc(t.target.label)}</td><td class="num">${t.thresholdPercent}%</td><td class="num">${esc(formatValue(t.actual, t.target.unit))}</td>` +
          `<td>${badge(t.status)} <span class="reason">${esc(t.reason)}</span></td></tr>`,
      );
    }
    parts.push(`</tbody></table>`);
  }
  parts.push(`</section>`);

  parts.push(`<section><h2>Benchmarks</h2><div class="grid">`);
  // Sorted by id, wall time first, so an id's two measures sit side by side; `i` stays the
  // benchmark's index in report.benchmarks, which the client code uses to find its canvases.
  const ordered = report.benchmarks.map((b, i) => ({ b, i, id: b.id, measure: resultMeasure(b) })).sort(byIdThenMeasure);
  for (const { b, i, measure } of ordered) {
    const v = verdictOf.get(resultKey(b));
    parts.push(`<div class="bench"><h3>${esc(b.id)} ${measureBadge(measure)}</h3>`);
    if (b.status !== 'ok') {
      parts.push(`<p>${badge(b.status === 'failed' ? 'fail' : 'unknown', b.status)} ${esc(b.reason ?? '')}</p></div>`);
      continue;
    }
    parts.push(`<p>${v?.outcome ? badge(v.outcome) : ''} <span class="reason">${esc(v?.reason ?? '')}</span></p>`);
    parts.push(`<div class="charts"><div class="chart-box"><canvas id="hist-${i}"></canvas></div><div class="chart-box"><canvas id="trend-${i}"></canvas></div></div>`);
    const st = b.stats;
    const f = (x: number | undefined) => esc(formatValue(x, b.unit));
    parts.push(`<table class="stats"><tbody>`);
    if (b.estimate) parts.push(`<tr><th>estimate (${esc(b.estimate.statistic)})</th><td class="num">${f(b.estimate.point)} [${f(b.estimate.lower)}, ${f(b.estimate.upper)}]</td></tr>`);
    if (st) {
      parts.push(`<tr><th>mean ± sd</th><td class="num">${f(st.mean)} ± ${f(st.stdDev)} (cv ${(st.cv * 100).toFixed(1)}%)</td></tr>`);
      parts.push(`<tr><th>median / MAD</th><td class="num">${f(st.median)} / ${f(st.mad)}</td></tr>`);
      parts.push(`<tr><th>min / p90 / p99 / max</th><td class="num">${f(st.min)} / ${f(st.p90)} / ${f(st.p99)} / ${f(st.max)}</td></tr>`);
    }
    if (b.outliers) parts.push(`<tr><th>outliers (mild/severe)</th><td class="num">low ${b.outliers.lowMild}/${b.outliers.lowSevere}, high ${b.outliers.highMild}/${b.outliers.highSevere}</td></tr>`);
    parts.push(`<tr><th>samples</th><td class="num">${b.samples.length}${b.roundEstimates ? ` in ${b.roundEstimates.length} rounds` : ''}</td></tr></tbody></table></div>`);
  }
  parts.push(`</div></section>`);

  if (report.profiling) {
    const p = report.profiling;
    parts.push(`<section id="profiling"><h2>Profiling</h2>`);
    for (const w of p.warnings) parts.push(`<p class="warning">⚠ ${esc(w)}</p>`);
    if (p.status === 'absent' || (p.status === 'ok' && p.artefacts.length === 0)) {
      parts.push(`<p>${p.status === 'absent' ? esc(noIndexText(p)) : `<code>${esc(p.index)}</code> lists no artefacts. Produce some with`} <code>${esc(PROFILE_HINT)}</code>.</p>`);
    } else if (p.status === 'ok') {
      parts.push(`<p class="reason">From <code>${esc(p.index)}</code>${p.updatedAt ? `, updated ${esc(p.updatedAt)}` : ''}. Links are relative to this report.</p>`);
      parts.push(`<table><thead><tr><th>kind</th><th>lib</th><th>benchmark</th><th>artefact</th><th>summary</th><th>created</th></tr></thead><tbody>`);
      for (const a of p.artefacts) {
        const link =
          a.href === null
            ? badge('unknown', 'skipped')
            : `<a href="${esc(encodeURI(a.href))}">${esc(artefactLabel(a))}</a>${a.exists ? '' : ' <span class="reason">(missing)</span>'}`;
        const status = a.status === 'flagged' ? ` ${badge('missed', 'flagged')}` : a.status === 'skipped' && a.href !== null ? ` ${badge('unknown', 'skipped')}` : '';
        parts.push(
          `<tr class="artefact ${esc(a.status)}"><td>${esc(a.kind)}</td><td>${esc(a.lib)}</td><td><code>${esc(a.bench)}</code></td><td>${link}${status}</td>` +
            `<td class="reason">${esc(a.summary)}</td><td class="num">${esc(a.createdAt.replace('T', ' ').slice(0, 19))}</td></tr>`,
        );
      }
      parts.push(`</tbody></table>`);
    }
    parts.push(`</section>`);
  }

  parts.push(`<section><h2>Projects</h2><table><thead><tr><th>project</th><th>measure</th><th>status</th><th>mode</th><th>rounds</th><th>benchmarks</th><th>file</th></tr></thead><tbody>`);
  for (const p of report.projects) {
    parts.push(`<tr><td>${esc(p.project)}</td><td>${p.measure ? measureBadge(p.measure) : '–'}</td><td>${badge(p.status === 'ran' ? 'met' : 'unknown', p.status)}</td><td>${esc(p.mode ?? '–')}</td><td>${esc(p.rounds ?? '–')}</td><td>${p.benchmarks}</td><td><code>${esc(p.file ?? '')}</code></td></tr>`);
  }
  parts.push(`</tbody></table></section>`);
  parts.push(
    `<section><h2>Method</h2><p class="reason">Δ is the relative change of the geometric mean of independent units (round estimates, or block medians of the samples) with an expanded-percentile bootstrap ${Math.round(report.policy.confidence * 100)}% CI; p from an exact permutation test or Mann-Whitney U, adjusted across the run by Benjamini-Hochberg (FDR ${report.policy.alpha}). ` +
      `Instruction counts: each region pair is a unit (pairs more than ${report.policy.disturbedPairPct}% above their side's median are set aside as disturbed) and p comes from Welch's t. ` +
      `Regressed: significant and the CI entirely above +threshold×${report.policy.floorFraction}; unchanged: CI inside ±threshold. Thresholds: time ${report.thresholds.time}%, instructions ${report.thresholds.instructions}%, custom ${report.thresholds.custom}% unless the baseline sets one.</p></section>`,
  );
  parts.push(`</main>`);
  parts.push(`<script type="application/json" id="report-data">${jsonSafe({ report, history, baselineSamples, keys: report.benchmarks.map(resultKey) })}</script>`);
  parts.push(`<script>${scriptSafe(chartJsSource())}</script>`);
  parts.push(`<script>${scriptSafe(asset('./html-client.js'))}</script>`);
  parts.push(`</body></html>\n`);
  return parts.join('');
}
