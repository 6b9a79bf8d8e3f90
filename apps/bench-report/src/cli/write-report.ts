import { join } from 'node:path';
import { writeFileAtomicSync } from '@workflow-bench/bench-kit';
import type { BaselineEntry } from '../baseline/baseline-file.ts';
import { measureKey } from '../measure/measure-key.ts';
import { toBencher, toGithubActionBenchmark } from '../report/exports.ts';
import { appendHistory, historyEntry, readHistory, type HistoryEntry } from '../report/history.ts';
import { renderHtml } from '../report/html.ts';
import { renderMarkdown, renderPrSummary } from '../report/markdown.ts';
import { renderPairedHtml, type PairedInputs } from '../report/paired-html.ts';
import { renderPairedMarkdown } from '../report/paired-markdown.ts';
import type { Report } from '../report/report-model.ts';
import type { CliOptions } from './options.ts';

/** The files of one report, rendered and not yet written; `history` is appended after writing. */
export interface RenderedOutput {
  dir: string;
  files: [name: string, content: string][];
  history: { dir: string; entry: HistoryEntry } | null;
}

type Io = { stdout: (t: string) => void; stderr: (t: string) => void };

/** Renders one report's outputs (JSON, Markdown, PR comment, HTML, exports) for `dir`, in memory. */
export function renderReport(
  report: Report,
  baselineEntries: readonly BaselineEntry[],
  dir: string,
  options: CliOptions,
  io: Io,
  paired: PairedInputs | null = null,
): RenderedOutput {
  const historyDir = join(dir, 'history');
  const entry = historyEntry(report);
  const history = [...readHistory(historyDir, (m) => io.stderr(`bench-report: ${m}\n`)), entry];
  const files: [string, string][] = [];
  if (options.formats.includes('json')) files.push(['benchmark_report.json', JSON.stringify(report, null, 2) + '\n']);
  if (options.formats.includes('markdown')) {
    const pairedMarkdown = paired ? renderPairedMarkdown(paired.comparisons, paired.verdicts) : [];
    const pairedText = pairedMarkdown.length ? pairedMarkdown.join('\n') + '\n' : '';
    // The paired section follows the summary in both; pr-comment.md keeps its marker on line 1.
    const summary = renderPrSummary(report);
    files.push(['benchmark_report.md', renderMarkdown(report).replace(summary, summary + pairedText)]);
    files.push(['pr-comment.md', summary + pairedText]);
  }
  if (options.formats.includes('html')) {
    const baselineSamples = Object.fromEntries(baselineEntries.filter((e) => e.measured).map((e) => [measureKey(e.id, e.measure), e.measured!.samples]));
    const pairedHtml = paired && paired.comparisons.length > 0 ? renderPairedHtml(paired, report.policy.floorFraction) : undefined;
    files.push(['benchmark_report.html', renderHtml({ report, history, baselineSamples, paired: pairedHtml })]);
  }
  files.push(['bencher.json', JSON.stringify(toBencher(report), null, 2) + '\n']);
  files.push(['github-action-benchmark.json', JSON.stringify(toGithubActionBenchmark(report, true), null, 2) + '\n']);
  const bigger = toGithubActionBenchmark(report, false);
  if (bigger.length > 0) files.push(['github-action-benchmark-bigger.json', JSON.stringify(bigger, null, 2) + '\n']);
  return { dir, files, history: options.skipHistory ? null : { dir: historyDir, entry } };
}

/**
 * Writes rendered outputs. Everything is rendered before this is called, so a rendering failure
 * leaves every previous report untouched; each file is written atomically.
 */
export function writeOutputs(outputs: readonly RenderedOutput[], io: Io): void {
  const written: string[] = [];
  for (const o of outputs) {
    for (const [name, content] of o.files) {
      writeFileAtomicSync(join(o.dir, name), content);
      written.push(join(o.dir, name));
    }
  }
  for (const o of outputs) if (o.history) appendHistory(o.history.dir, o.history.entry);
  io.stdout(`Wrote ${written.join(', ')}\n`);
}
