import type { RelativeSummary } from '../analysis/relative.ts';
import type { BenchmarkResult, ResultsFile } from '../results/schema.ts';
import { formatThroughput, formatValue } from './format.ts';
import { mdCode, mdText } from './markdown-text.ts';

function multiple(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function row(b: BenchmarkResult): string {
  const cells =
    b.status !== 'ok' || !b.estimate
      ? [mdCode(b.id, 'table'), `**${b.status}**`, '', '', '', mdText((b.reason ?? '').split('\n')[0].slice(0, 200))]
      : [
          mdCode(b.id, 'table'),
          formatValue(b.estimate.point, b.unit),
          `${formatValue(b.estimate.lower, b.unit)} … ${formatValue(b.estimate.upper, b.unit)}`,
          b.throughput ? formatThroughput(b.throughput.perSecond.point, b.throughput.unit) : '',
          String(b.samples.length),
          b.warnings.length ? `⚠ ${b.warnings.length}` : '',
        ];
  return `| ${cells.join(' | ')} |`;
}

function relativeLine(r: RelativeSummary): string {
  if (!r.ratio) return `- ${mdCode(r.subject, 'text')} vs ${r.kind === 'pair' ? mdCode(r.anchor, 'text') : mdText(r.anchor)}: no relative figure (${mdText(r.note ?? 'unknown')})`;
  const anchor = r.kind === 'pair' ? mdCode(r.anchor, 'text') : mdText(r.anchor);
  const figure = `**${multiple(r.ratio.point)}×** [${multiple(r.ratio.lower)}, ${multiple(r.ratio.upper)}]`;
  return r.sense === 'instructions' ? `- ${mdCode(r.subject, 'text')} used ${figure} the instructions of ${anchor}` : `- ${mdCode(r.subject, 'text')} ran ${figure} as fast as ${anchor}`;
}

/**
 * One run as Markdown (`bench-kit run --markdown <file>`, like hyperfine's --export-markdown): the
 * machine, the results table, relative summaries, goals and warnings. Everything from the inputs is
 * escaped (markdown-text.ts), so the file can go straight into a PR comment or a job summary.
 */
export function renderRunMarkdown(file: ResultsFile, relative: readonly RelativeSummary[] = []): string {
  const env = file.environment;
  const out: string[] = [
    `## ${mdText(file.project)} benchmarks`,
    '',
    `${file.mode} plan, ${file.measure === 'instructions' ? 'instruction counts' : 'wall time'}${file.rounds > 1 ? `, ${file.rounds} rounds` : ''}${file.filter ? `, filter ${mdCode(file.filter, 'text')}` : ''}, ${mdText(file.createdAt)}, ${(file.durationMs / 1000).toFixed(1)} s  `,
    `${mdText(env.cpuModel)} (${env.cpuCores} logical cores), Node ${mdText(env.nodeVersion)}, ${mdText(env.os)}${env.gitSha ? `, git ${mdCode(env.gitSha.slice(0, 12), 'text')}${env.gitDirty ? ' with uncommitted changes' : ''}` : ''}`,
    '',
    '| benchmark | estimate | 95% CI | throughput | n | notes |',
    '|---|--:|---|--:|--:|---|',
    ...file.benchmarks.map(row),
  ];
  if (relative.length) out.push('', '**Relative** (95% CI, bootstrap)', '', ...relative.map(relativeLine));
  if (file.goals.length) {
    out.push('', '**Goals**', '', '| status | goal | actual | target |', '|---|---|--:|--:|');
    for (const g of file.goals) {
      const status = g.status === 'met' ? '✓ met' : g.status === 'missed' ? '✗ **missed**' : '? unknown';
      out.push(`| ${status} | ${mdText(g.name)} | ${g.actual === undefined ? '—' : formatValue(g.actual, g.unit)} | ${formatValue(g.target, g.unit)} |`);
    }
  }
  const warned = file.benchmarks.filter((b) => b.warnings.length);
  if (warned.length) {
    out.push('', '**Warnings**', '');
    for (const b of warned) for (const w of b.warnings) out.push(`- ${mdCode(b.id, 'text')}: ${mdText(w)}`);
  }
  return `${out.join('\n')}\n`;
}
