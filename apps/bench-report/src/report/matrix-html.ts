import { formatChange, formatValue } from './format.ts';
import { badge, code, comparisonRow, esc, hardwareSection, missingSection, reportStyle, summarySection, tableStart, targetsSection } from './html.ts';
import { formatTimes, type MachineReport, type MatrixReport } from './matrix.ts';
import { baselineNote } from './matrix-markdown.ts';
import { byIdThenMeasure } from './side-by-side.ts';

/** Where each machine's full report (charts, trends, profiling) is written, relative to the merged one. */
export const machineReportHref = (m: MachineReport) => `machines/${encodeURIComponent(m.slug)}/benchmark_report.html`;

/**
 * The merged page of a hardware matrix: the machines side by side, the same ids across machines,
 * then one section per machine with its hardware, baseline (flagged when its samples came from
 * other hardware), verdicts, targets and missing benchmarks. Each machine's full report, with its
 * charts and trends, is its own self-contained page, linked from here.
 */
export function renderMatrixHtml(matrix: MatrixReport): string {
  const s = matrix.summary;
  const pass = s.pass ? 'pass' : 'fail';
  return [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>Benchmark report ${esc(matrix.createdAt)}: ${s.machines} machines</title><style>${reportStyle()}</style></head><body>`,
    `<header><h1>Benchmark report: ${s.machines} machines ${badge(pass, pass)}</h1><div class="meta">${esc(matrix.createdAt)}</div></header><main>`,
    machinesSummary(matrix),
    acrossMachinesSection(matrix),
    ...matrix.machines.map(machineSection),
    '</main></body></html>\n',
  ].join('');
}

function machinesSummary(matrix: MatrixReport): string {
  const columns = ['machine', 'hardware', 'baseline', 'regressed', 'improved', 'unchanged', 'inconclusive', 'missed targets', 'missing (required)', 'verdict'];
  const rows = matrix.machines.map((m) => {
    const r = m.report.summary;
    const cells = [
      `<td><a href="#machine-${esc(m.slug)}">${esc(m.label)}</a></td>`,
      `<td>${esc(m.name)}<br>${code(m.hardwareFingerprint)}</td>`,
      `<td>${esc(baselineNote(m))}${m.report.baseline?.sameHardware === false ? ` ${badge('missed', 'other hardware')}` : ''}</td>`,
      ...[r.regressed, r.improved, r.unchanged, r.inconclusive, r.missedTargets].map((n) => `<td class="num">${n}</td>`),
      `<td class="num">${r.missing} (${r.missingRequired})</td>`,
      `<td>${badge(r.pass ? 'pass' : 'fail', r.pass ? 'pass' : 'fail')}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<section class="summary"><h2>Machines</h2>${tableStart(columns)}${rows.join('')}</tbody></table></section>`;
}

function acrossMachinesSection(matrix: MatrixReport): string {
  const columns = ['benchmark', 'measure', ...matrix.machines.map((m) => esc(m.label))];
  const rows = matrix.acrossMachines.map((row) => {
    const cells = row.cells.map((c) => {
      const fastest = c.times !== null && c.times < 1.0005;
      if (c.estimate === null) return `<td class="num">–</td>`;
      return `<td class="num">${esc(formatValue(c.estimate, row.unit))} ${fastest ? badge('met', '1.00×') : esc(formatTimes(c.times))}</td>`;
    });
    const note = row.note ? ` <span class="reason">${esc(row.note)}</span>` : '';
    return `<tr><td>${code(row.id)}${note}</td><td>${esc(row.measure === 'instructions' ? 'instructions' : 'wall time')}</td>${cells.join('')}</tr>`;
  });
  const intro = 'Each estimate with its multiple of the fastest machine (1.00× = fastest; for rates, the highest).';
  return `<section id="across-machines"><h2>Across machines</h2><p class="reason">${intro}</p>${tableStart(columns)}${rows.join('')}</tbody></table></section>`;
}

function machineSection(m: MachineReport): string {
  const r = m.report;
  const demote = (html: string) => html.replace(/<(\/?)h2>/g, '<$1h3>');
  const compared = [...r.comparisons].sort(byIdThenMeasure);
  const columns = ['benchmark', 'measure', 'baseline', 'current', 'Δ% (95% CI)', 'p (BH)', 'verdict', 'why'];
  const comparison = `<section><h3>Comparison with the baseline</h3>${tableStart(columns)}${compared.map(comparisonRow).join('')}</tbody></table></section>`;
  const regressed = r.comparisons.filter((v) => v.outcome === 'regressed').map((v) => `${esc(v.id)} ${esc(formatChange(v.comparison?.change))}`);
  const headline = regressed.length ? ` <span class="reason">regressed: ${regressed.join(', ')}</span>` : '';
  const link = `<a href="${esc(machineReportHref(m))}">Full report of this machine</a> (charts, trends, profiling)`;
  return (
    `<section class="machine" id="machine-${esc(m.slug)}"><h2>Machine ${esc(m.label)}: ${esc(m.name)}${headline}</h2>` +
    `<p class="reason">Results from ${m.folders.map((f) => code(f)).join(', ')}. ${link}.</p>` +
    [summarySection(r), hardwareSection(r), comparison, targetsSection(r), missingSection(r)].map(demote).join('') +
    `</section>`
  );
}
