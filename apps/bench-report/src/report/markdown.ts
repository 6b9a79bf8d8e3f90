import type { Report } from './report-model.ts';
import { resultMeasure } from '../measure/measure-key.ts';
import { formatChange, formatP, formatValue, measureLabel, OUTCOME_ICON } from './format.ts';
import { artefactLabel, artefactsByBench, noIndexText, PROFILE_HINT } from './profiling-view.ts';
import { byIdThenMeasure, measurePairs } from './side-by-side.ts';

/** A bot finds its previous comment by this marker and edits it in place instead of adding another. */
export const PR_COMMENT_MARKER = '<!-- workflow-bench:benchmark-report -->';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The short summary for a pull-request comment (also the top of the full Markdown report). */
export function renderPrSummary(report: Report): string {
  const s = report.summary;
  const lines = [PR_COMMENT_MARKER, `### Benchmarks: ${s.pass ? '✅ pass' : '❌ fail'}`, ''];
  lines.push(
    `${s.regressed} regressed · ${s.improved} improved · ${s.unchanged} unchanged · ${s.inconclusive} inconclusive · ` +
      `${s.missedTargets} missed target${s.missedTargets === 1 ? '' : 's'}` +
      (s.projectsNotRun ? ` · ${s.projectsNotRun} project${s.projectsNotRun === 1 ? '' : 's'} not run` : ''),
  );
  lines.push('', report.baseline ? `Baseline: \`${report.baseline.file}\` (${esc(report.baseline.reason)})` : `No baseline: ${esc(report.noBaselineReason ?? '')}`);
  const notable = report.comparisons.filter((v) => v.outcome === 'regressed' || v.outcome === 'improved');
  if (notable.length > 0) {
    lines.push('', '| benchmark | measure | Δ (95% CI) | verdict |', '|---|---|---|---|');
    for (const v of notable) lines.push(`| \`${v.id}\` | ${measureLabel(v.measure)} | ${formatChange(v.comparison?.change)} | ${OUTCOME_ICON[v.outcome!]} |`);
  }
  const missed = report.targets.filter((t) => t.status === 'missed');
  if (missed.length > 0) {
    lines.push('', '| missed target | target | actual |', '|---|---|---|');
    for (const t of missed) lines.push(`| \`${t.id}\` | ${esc(t.target.label)} (+${t.thresholdPercent}%) | ${formatValue(t.actual, t.target.unit)} |`);
  }
  return lines.join('\n') + '\n';
}

export function renderMarkdown(report: Report): string {
  const out: string[] = [renderPrSummary(report), '---', '', '# Benchmark report', '', `Generated ${report.createdAt}.`, ''];
  out.push('## Hardware', '');
  const e = report.environment;
  if (e) {
    out.push(
      `- CPU: ${esc(e.cpuModel)} (${e.cpuCores} logical / ${e.cpuPhysicalCores} physical cores${e.cpuSpeedGHz ? `, ${e.cpuSpeedGHz} GHz` : ''})`,
      `- Memory: ${(e.memoryBytes / 2 ** 30).toFixed(1)} GiB`,
      `- GPU: ${e.gpus.length ? e.gpus.map((g) => `${esc(g.vendor)} ${esc(g.model)}${g.vramMiB ? ` (${g.vramMiB} MiB)` : ''}`).join(', ') : 'none'}`,
      `- OS: ${esc(e.os)} (${esc(e.kernel)}, ${e.arch}); Node ${e.nodeVersion}, V8 ${e.v8Version}`,
      `- Git: ${e.gitSha ?? 'unknown'}${e.gitDirty ? ' (dirty)' : ''}; hardware fingerprint \`${e.hardwareFingerprint}\``,
    );
    for (const o of report.otherEnvironments) out.push(`- ⚠ ${o.project} ran on other hardware: ${esc(o.environment.cpuModel)} (\`${o.environment.hardwareFingerprint}\`)`);
  } else {
    out.push('No results, so no hardware description.');
  }
  out.push('', '## Baseline', '');
  if (report.baseline) {
    const b = report.baseline;
    out.push(`\`${b.file}\` (profile \`${b.name}\`): ${esc(b.reason)}.`);
    out.push(b.savedAt ? `Samples saved ${b.savedAt}${b.sameHardware === false ? ' **on different hardware** (comparisons mix machine and code changes)' : ''}.` : 'Targets only (no samples saved yet): benchmarks are compared with targets, not with earlier runs.');
  } else {
    out.push(`None: ${esc(report.noBaselineReason ?? '')}.`);
  }
  out.push('', '## Projects', '', '| project | measure | status | mode | rounds | benchmarks |', '|---|---|---|---|---|---|');
  for (const p of report.projects) out.push(`| ${p.project} | ${p.measure ? measureLabel(p.measure) : '–'} | ${p.status} | ${p.mode ?? '–'} | ${p.rounds ?? '–'} | ${p.benchmarks} |`);

  out.push('', '## Results by category', '');
  const byProject = new Map<string, typeof report.benchmarks>();
  for (const b of report.benchmarks) byProject.set(b.project, [...(byProject.get(b.project) ?? []), b]);
  for (const [project, list] of byProject) {
    out.push(`### ${project}`, '', '| benchmark | measure | status | estimate (95% CI) | median | cv | samples |', '|---|---|---|---|---|---|---|');
    const ordered = list.map((b) => ({ b, id: b.id, measure: resultMeasure(b) })).sort(byIdThenMeasure);
    for (const { b, measure } of ordered) {
      const est = b.estimate ? `${formatValue(b.estimate.point, b.unit)} [${formatValue(b.estimate.lower, b.unit)}, ${formatValue(b.estimate.upper, b.unit)}] (${b.estimate.statistic})` : '–';
      const status = b.status === 'ok' ? 'ok' : `${b.status}${b.reason ? `: ${esc(b.reason)}` : ''}`;
      out.push(`| \`${b.id}\` | ${measureLabel(measure)} | ${status} | ${est} | ${formatValue(b.stats?.median, b.unit)} | ${b.stats ? `${(b.stats.cv * 100).toFixed(1)}%` : '–'} | ${b.samples.length} |`);
    }
    out.push('');
  }

  const pairs = measurePairs(report);
  if (pairs.length > 0) {
    out.push(
      '## Wall time and instructions',
      '',
      'Benchmarks measured both ways: wall time is what a user waits for; instruction counts (valgrind) show whether the code does more work, free of the machine\'s noise.',
      '',
      '| benchmark | wall time | Δ time | verdict (time) | instructions | Δ instructions | verdict (instructions) |',
      '|---|---|---|---|---|---|---|',
    );
    const cell = (side: (typeof pairs)[number]['time']) => {
      const est = side.benchmark.status === 'ok' ? formatValue(side.benchmark.estimate?.point ?? side.benchmark.stats?.median, side.benchmark.unit) : side.benchmark.status;
      const v = side.verdict;
      return `${est} | ${formatChange(v?.comparison?.change)} | ${v?.outcome ? OUTCOME_ICON[v.outcome] : 'not compared'}`;
    };
    for (const p of pairs) out.push(`| \`${p.id}\` | ${cell(p.time)} | ${cell(p.instructions)} |`);
    out.push('');
  }

  out.push('## Comparison with the baseline', '');
  const compared = report.comparisons.filter((v) => v.outcome !== null).sort(byIdThenMeasure);
  if (compared.length === 0) {
    out.push('No benchmark has baseline samples to compare with.', '');
  } else {
    out.push('| benchmark | measure | baseline | current | Δ% (95% CI) | p (BH) | verdict | why |', '|---|---|---|---|---|---|---|---|');
    for (const v of compared) {
      out.push(
        `| \`${v.id}\` | ${measureLabel(v.measure)} | ${formatValue(v.baselineEstimate, v.unit)} | ${formatValue(v.currentEstimate, v.unit)} | ${formatChange(v.comparison?.change)} | ` +
          `${v.comparison ? formatP(v.comparison.pAdjusted) : '–'} | ${OUTCOME_ICON[v.outcome!]} | ${esc(v.reason)} |`,
      );
    }
    out.push('');
  }
  const uncompared = report.comparisons.filter((v) => v.outcome === null);
  if (uncompared.length > 0) {
    out.push('<details><summary>Not compared</summary>', '');
    for (const v of uncompared) out.push(`- \`${v.id}\` (${measureLabel(v.measure)}): ${esc(v.reason)}`);
    out.push('', '</details>', '');
  }

  out.push('## Targets', '');
  if (report.targets.length === 0) out.push('No targets in the baseline.', '');
  else {
    out.push('| benchmark | measure | target | threshold | actual | status |', '|---|---|---|---|---|---|');
    for (const t of report.targets) out.push(`| \`${t.id}\` | ${measureLabel(t.measure)} | ${esc(t.target.label)} | ${t.thresholdPercent}% | ${formatValue(t.actual, t.target.unit)} | ${t.status}: ${esc(t.reason)} |`);
    out.push('');
  }
  if (report.goals.length > 0) {
    out.push('## Goals declared by the suites', '', '| project | goal | target | actual | status |', '|---|---|---|---|---|');
    for (const g of report.goals) out.push(`| ${g.project} | ${esc(g.name)} | ${g.target} ${g.unit} | ${g.actual ?? '–'} | ${g.status} |`);
    out.push('');
  }
  if (report.profiling) out.push(...profilingMarkdown(report.profiling), '');
  out.push(
    '## Method',
    '',
    `Δ is the relative change of the geometric mean of independent units (round estimates, or block medians of the samples), with an expanded-percentile bootstrap ${Math.round(report.policy.confidence * 100)}% CI. ` +
      `p comes from an exact permutation test or Mann-Whitney U and is adjusted across the run (Benjamini-Hochberg, FDR ${report.policy.alpha}). ` +
      `Instruction counts: each region pair is a unit (pairs more than ${report.policy.disturbedPairPct}% above their side's median are set aside as disturbed) and p comes from Welch's t. ` +
      `Regressed: significant and the CI entirely above +threshold×${report.policy.floorFraction}; unchanged: CI inside ±threshold. See apps/bench-report/README.md.`,
    '',
  );
  return out.join('\n');
}

/** A short list: one line per profiled benchmark with links to its artefacts, skipped parts with their reason. */
function profilingMarkdown(section: NonNullable<Report['profiling']>): string[] {
  const out = ['## Profiling', ''];
  for (const w of section.warnings) out.push(`> ⚠ ${esc(w)}`, '');
  if (section.status === 'absent') {
    out.push(`${noIndexText(section)} \`${PROFILE_HINT}\`.`);
    return out;
  }
  if (section.status === 'invalid') return out;
  if (section.artefacts.length === 0) {
    out.push(`${section.index} lists no artefacts. Produce some with \`${PROFILE_HINT}\`.`);
    return out;
  }
  out.push(`From \`${section.index}\`${section.updatedAt ? ` (updated ${section.updatedAt})` : ''}:`, '');
  for (const g of artefactsByBench(section)) {
    const parts = g.artefacts.map((a) => {
      if (a.status === 'skipped' || a.href === null) return `${artefactLabel(a)} skipped: ${esc(a.summary.replace(/^skipped:\s*/i, ''))}`;
      const link = `[${artefactLabel(a)}](${encodeURI(a.href)})${a.exists ? '' : ' (missing)'}`;
      return a.status === 'flagged' ? `⚠ ${link}: ${esc(a.summary)}` : link;
    });
    out.push(`- \`${g.bench}\` (${g.lib}): ${parts.join(' · ')}`);
  }
  return out;
}
