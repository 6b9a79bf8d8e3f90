import { painterFor, PLAIN, type Painter, type Tone } from '@workflow-bench/bench-kit';
import type { Report } from '../report/report-model.ts';
import { displayName } from '../measure/measure-key.ts';
import { formatChange, formatP, formatValue } from '../report/format.ts';
import { byIdThenMeasure } from '../report/side-by-side.ts';
import { processSpreadSummary } from '../verdict/process-level.ts';

/** A text grid; `tone` colours a cell after padding, so columns stay aligned with colour on. */
function grid(header: string[], rows: string[][], tone: (row: number, column: number) => Tone | undefined = () => undefined, paint: Painter = PLAIN): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[], row: number | null) =>
    cells
      .map((c, i) => {
        const padded = i === cells.length - 1 ? c : c.padEnd(widths[i]);
        const t = row === null ? undefined : tone(row, i);
        return t ? paint(t, padded) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(header, null), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r, i) => line(r, i))].join('\n');
}

/** Regressions red, improvements green, inconclusive yellow (where colour is on). */
const OUTCOME_TONE: Partial<Record<string, Tone>> = { regressed: 'worse', improved: 'better', inconclusive: 'unsure' };
const TARGET_TONE: Partial<Record<string, Tone>> = { met: 'ok', missed: 'failed', unknown: 'unsure', tolerated: 'unsure' };

/**
 * The comparison and target tables for a terminal or CI log: coloured only where bench-kit's
 * colour rule allows (a terminal, no NO_COLOR, no CI, unless FORCE_COLOR). Instruction-count
 * results are named `<id> [instructions]`, next to the same id's wall-time row.
 */
export function renderTable(report: Report, paint: Painter = painterFor(process.stdout)): string {
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
        (row, column) => (column === 5 ? OUTCOME_TONE[compared[row].outcome!] : undefined),
        paint,
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
        (row, column) => (column === 4 ? TARGET_TONE[report.targets[row].status] : undefined),
        paint,
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
    `${s.pass ? paint('ok', 'PASS') : paint('worse', 'FAIL')}: ${s.regressed} regressed, ${s.improved} improved, ${s.unchanged} unchanged, ${s.inconclusive} inconclusive, ${s.missedTargets} missed target(s)` +
      (s.missing > 0 ? `, ${s.missing} missing (${s.missingRequired} required and unexplained)` : ''),
  );
  return out.join('\n') + '\n';
}
