import { formatValue, OUTCOME_ICON, formatChange, measureLabel } from './format.ts';
import { PR_COMMENT_MARKER, renderReportBody } from './markdown.ts';
import { mdCode, mdText } from './markdown-text.ts';
import { formatTimes, type MatrixReport, type MachineReport } from './matrix.ts';

/** How a machine's baseline relates to it, in a few words. */
export function baselineNote(m: MachineReport): string {
  const b = m.report.baseline;
  if (!b) return `none: ${m.report.noBaselineReason ?? ''}`;
  const hardware = b.sameHardware === false ? 'samples from OTHER hardware' : b.sameHardware ? 'samples from this hardware' : 'targets only';
  return `${b.file} (${b.name}; ${hardware})`;
}

/** The summary for a pull-request comment of a matrix run: one row per machine. */
export function renderMatrixPrSummary(matrix: MatrixReport): string {
  const s = matrix.summary;
  const lines = [PR_COMMENT_MARKER, `### Benchmarks on ${s.machines} machines: ${s.pass ? '✅ pass' : '❌ fail'}`, ''];
  lines.push('| machine | baseline | regressed | improved | unchanged | inconclusive | missed targets | missing (required) | |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const m of matrix.machines) {
    const r = m.report.summary;
    lines.push(
      `| ${mdText(m.label)}: ${mdText(m.name)} | ${mdText(baselineNote(m))} | ` +
        `${r.regressed} | ${r.improved} | ${r.unchanged} | ${r.inconclusive} | ${r.missedTargets} | ` +
        `${r.missing} (${r.missingRequired}) | ${r.pass ? '✅' : '❌'} |`,
    );
  }
  const notable = matrix.machines.flatMap((m) =>
    m.report.comparisons.filter((v) => v.outcome === 'regressed' || v.outcome === 'improved').map((v) => ({ m, v })),
  );
  if (notable.length > 0) {
    lines.push('', '| machine | benchmark | measure | Δ (95% CI) | verdict |', '|---|---|---|---|---|');
    for (const { m, v } of notable) {
      const change = formatChange(v.comparison?.change);
      lines.push(`| ${mdText(m.label)} | ${mdCode(v.id, 'table')} | ${measureLabel(v.measure)} | ${change} | ${OUTCOME_ICON[v.outcome!]} |`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The merged report: summary, the same ids across machines, then one section per machine. */
export function renderMatrixMarkdown(matrix: MatrixReport): string {
  const out = [renderMatrixPrSummary(matrix), '---', '', `# Benchmark report: ${matrix.summary.machines} machines`, '', `Generated ${matrix.createdAt}.`, ''];
  out.push('## Across machines', '', 'Each estimate with its multiple of the fastest machine (1.00× = fastest; for rates, the highest).', '');
  const labels = matrix.machines.map((m) => mdText(m.label));
  out.push(`| benchmark | measure | ${labels.join(' | ')} |`, `|---|---|${labels.map(() => '---|').join('')}`);
  for (const row of matrix.acrossMachines) {
    const cells = row.cells.map((c) => (c.estimate === null ? '–' : `${mdText(formatValue(c.estimate, row.unit))} (${formatTimes(c.times)})`));
    const note = row.note ? ` (${mdText(row.note)})` : '';
    out.push(`| ${mdCode(row.id, 'table')}${note} | ${measureLabel(row.measure)} | ${cells.join(' | ')} |`);
  }
  out.push('');
  for (const m of matrix.machines) {
    out.push(`## Machine ${mdText(m.label)}: ${mdText(m.name)}`, '');
    const folders = m.folders.map((f) => mdCode(f, 'text')).join(', ');
    out.push(`Hardware fingerprint ${mdCode(m.hardwareFingerprint, 'text')}; results from ${folders}; baseline ${mdText(baselineNote(m))}.`, '');
    // The machine's own report, its sections one level down.
    out.push(renderReportBody(m.report).replace(/^(#+) /gm, '#$1 '), '');
  }
  return out.join('\n');
}
