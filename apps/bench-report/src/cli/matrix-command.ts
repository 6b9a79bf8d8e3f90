import { join, resolve } from 'node:path';
import { selectBaseline } from '../baseline/load-baseline.ts';
import { loadMachines } from '../input/machines.ts';
import { buildReport } from '../report/build-report.ts';
import { toGithubActionBenchmark } from '../report/exports.ts';
import { formatValue } from '../report/format.ts';
import { buildMatrixReport, formatTimes, type MatrixReport } from '../report/matrix.ts';
import { renderMatrixHtml } from '../report/matrix-html.ts';
import { renderMatrixMarkdown, renderMatrixPrSummary } from '../report/matrix-markdown.ts';
import { displayName } from '../measure/measure-key.ts';
import { DEFAULT_POLICY } from '../verdict/outcome.ts';
import type { CliOptions } from './options.ts';
import { renderTable } from './table.ts';
import { renderReport, writeOutputs, type RenderedOutput } from './write-report.ts';

type Io = { stdout: (t: string) => void; stderr: (t: string) => void; cwd: string; now: () => Date };

/**
 * `report` / `compare` over `--results-dir`: results of several machines (one folder per CI job),
 * grouped by hardware fingerprint. Each machine is compared with the baseline its own GPUs select
 * (the usual rule) unless `--baseline` names one for all, and judged on its own; the run passes
 * when every machine passes. `report` writes the merged page, Markdown and PR comment at the top of
 * the output folder and each machine's full report under `machines/<fingerprint>/` (with its own
 * history, so trends never mix hardware).
 */
export async function runMatrix(options: CliOptions, root: string, io: Io): Promise<{ matrix: MatrixReport }> {
  const dir = resolve(io.cwd, options.resultsDir!);
  const machines = loadMachines(root, dir, { maxInputMiB: options.maxInputMiB });
  const explicit = options.baseline && resolve(io.cwd, options.baseline);
  const now = io.now();
  const outputDir = options.outputDir ? resolve(io.cwd, options.outputDir) : join(root, 'reports');
  const judged = [];
  for (const machine of machines) {
    const selection = await selectBaseline(root, explicit, async () => machine.gpus, options.maxInputMiB);
    const report = buildReport(machine.run, selection, { thresholds: options.thresholds, policy: DEFAULT_POLICY, now, allowMissing: options.allowMissing });
    judged.push({ machine, report, baselineEntries: selection.used?.baseline.benchmarks ?? [] });
  }
  const matrix = buildMatrixReport(judged, now);
  if (options.command === 'report') {
    const outputs: RenderedOutput[] = judged.map(({ machine, report, baselineEntries }) =>
      renderReport(report, baselineEntries, join(outputDir, 'machines', machine.slug), options, io),
    );
    const merged: [string, string][] = [];
    if (options.formats.includes('json')) merged.push(['benchmark_report.json', JSON.stringify(matrix, null, 2) + '\n']);
    if (options.formats.includes('markdown')) {
      merged.push(['benchmark_report.md', renderMatrixMarkdown(matrix)], ['pr-comment.md', renderMatrixPrSummary(matrix)]);
    }
    if (options.formats.includes('html')) merged.push(['benchmark_report.html', renderMatrixHtml(matrix)]);
    // One github-action-benchmark file for all machines: series named `<machine>: <id>`, so one
    // action step charts every machine and no machine's series overwrites another's.
    for (const [file, smaller] of [['github-action-benchmark.json', true], ['github-action-benchmark-bigger.json', false]] as const) {
      const entries = matrix.machines.flatMap((m) => toGithubActionBenchmark(m.report, smaller).map((e) => ({ ...e, name: `${m.label}: ${e.name}` })));
      if (smaller || entries.length > 0) merged.push([file, JSON.stringify(entries, null, 2) + '\n']);
    }
    writeOutputs([...outputs, { dir: outputDir, files: merged, history: null }], io);
  }
  io.stdout(renderMatrixTable(matrix));
  return { matrix };
}

/** Each machine's table, then the same ids across machines, then the overall verdict. */
export function renderMatrixTable(matrix: MatrixReport): string {
  const out: string[] = [];
  for (const m of matrix.machines) {
    out.push(`== Machine ${m.label}: ${m.name} (fingerprint ${m.hardwareFingerprint}; results from ${m.folders.join(', ')}) ==`);
    if (m.report.baseline?.sameHardware === false) out.push(`⚠ the baseline's samples come from other hardware (${m.report.baseline.file})`);
    out.push(renderTable(m.report));
  }
  const header = ['benchmark', ...matrix.machines.map((m) => m.label)];
  const rows = matrix.acrossMachines.map((r) => [
    displayName(r.id, r.measure),
    ...r.cells.map((c) => (c.estimate === null ? '–' : `${formatValue(c.estimate, r.unit)} ${formatTimes(c.times)}`)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  out.push('Across machines (× the fastest):', line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '');
  const s = matrix.summary;
  out.push(
    `${s.pass ? 'PASS' : 'FAIL'} on ${s.machines} machines: ` +
      `${s.regressed} regressed, ${s.missedTargets} missed target(s), ${s.missingRequired} missing required` +
      (s.baselineOnOtherHardware ? `; ${s.baselineOnOtherHardware} machine(s) compared with samples from other hardware` : ''),
  );
  return out.join('\n') + '\n';
}
