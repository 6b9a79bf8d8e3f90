import type { Report } from '../report/report-model.ts';
import { displayName } from '../measure/measure-key.ts';
import { formatChange, formatP, formatValue } from '../report/format.ts';
import { byIdThenMeasure } from '../report/side-by-side.ts';
import { processSpreadSummary } from '../verdict/process-level.ts';

function grid(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The comparison and target tables as plain text for a terminal or CI log. Instruction-count
 * results are named `<id> [instructions]`, next to the same id's wall-time row.
 */
export function renderTable(report: Report): string {
  const out: string[] = [];
  out.push(report.baseline ? `Baseline: ${report.baseline.file} (${report.baseline.reason})` : `No baseline: ${report.noBaselineReason}`);
  const compared = report.comparisons.filter((v) => v.outcome !== null).sort(byIdThenMeasure);
  if (compared.length > 0) {
    out.push(
      '',
      grid(
        ['benchmark', 'baseline', 'current', 'Δ% (95% CI)', 'p (BH)', 'verdict'],
        compared.map((v) => [
          displayName(v.id, v.measure),
          formatValue(v.baselineEstimate, v.unit),
          formatValue(v.currentEstimate, v.unit),
          formatChange(v.comparison?.change),
          v.comparison ? formatP(v.comparison.pAdjusted) : '–',
          v.outcome!,
        ]),
      ),
    );
    const spread = processSpreadSummary(compared);
    if (spread) out.push('', spread);
    const explained = compared.filter((v) => v.outcome !== 'unchanged');
    if (explained.length > 0) out.push('', ...explained.map((v) => `${displayName(v.id, v.measure)}: ${v.outcome}: ${v.reason}`));
  } else {
    out.push('', 'No benchmark has baseline samples to compare with.');
  }
  if (report.targets.length > 0) {
    out.push(
      '',
      grid(
        ['benchmark', 'target', 'threshold', 'actual', 'status'],
        report.targets.map((t) => [displayName(t.id, t.measure), t.target.label, `${t.thresholdPercent}%`, formatValue(t.actual, t.target.unit), `${t.status} (${t.reason})`]),
      ),
    );
  }
  if (report.missing.length > 0) {
    out.push(
      '',
      'Missing: in the baseline, not in the current results',
      grid(
        ['benchmark', 'required', 'why'],
        report.missing.map((m) => [displayName(m.id, m.measure), m.fails ? 'yes: FAILS' : m.required ? 'yes' : 'no', m.reason]),
      ),
    );
  }
  const notRun = report.projects.filter((p) => p.status === 'not run').map((p) => p.project);
  if (notRun.length > 0) out.push('', `Not run: ${notRun.join(', ')}`);
  const s = report.summary;
  out.push(
    '',
    `${s.pass ? 'PASS' : 'FAIL'}: ${s.regressed} regressed, ${s.improved} improved, ${s.unchanged} unchanged, ${s.inconclusive} inconclusive, ${s.missedTargets} missed target(s)` +
      (s.missing > 0 ? `, ${s.missing} missing (${s.missingRequired} required and unexplained)` : ''),
  );
  return out.join('\n') + '\n';
}
