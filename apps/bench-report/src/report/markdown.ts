import type { Report } from './report-model.ts';
import { measureOf } from '../measure/measure-key.ts';
import { formatChange, formatP, formatValue, measureLabel, OUTCOME_ICON } from './format.ts';
import { mdCode, mdLink, mdText } from './markdown-text.ts';
import { artefactLabel, artefactsByBench, noIndexText, PROFILE_HINT } from './profiling-view.ts';
import { byIdThenMeasure, measurePairs } from './side-by-side.ts';
import { processSpreadSummary } from '../verdict/process-level.ts';

/** A bot finds its previous comment by this marker and edits it in place instead of adding another. */
export const PR_COMMENT_MARKER = '<!-- workflow-bench:benchmark-report -->';

/** The short summary for a pull-request comment (also the top of the full Markdown report). */
export function renderPrSummary(report: Report): string {
  const s = report.summary;
  const lines = [PR_COMMENT_MARKER, `### Benchmarks: ${s.pass ? '✅ pass' : '❌ fail'}`, ''];
  lines.push(
    `${s.regressed} regressed · ${s.improved} improved · ${s.unchanged} unchanged · ${s.inconclusive} inconclusive · ` +
      `${s.missedTargets} missed target${s.missedTargets === 1 ? '' : 's'}` +
      (s.projectsNotRun ? ` · ${s.projectsNotRun} project${s.projectsNotRun === 1 ? '' : 's'} not run` : '') +
      (s.missing ? ` · ${s.missing} missing (${s.missingRequired} required and unexplained)` : ''),
  );
  lines.push('', report.baseline ? `Baseline: ${mdCode(report.baseline.file, 'text')} (${mdText(report.baseline.reason)})` : `No baseline: ${mdText(report.noBaselineReason)}`);
  const spread = processSpreadSummary(report.comparisons);
  if (spread) lines.push('', mdText(spread));
  const notable = report.comparisons.filter((v) => v.outcome === 'regressed' || v.outcome === 'improved');
  if (notable.length > 0) {
    lines.push('', '| benchmark | measure | Δ (95% CI) | verdict |', '|---|---|---|---|');
    for (const v of notable) lines.push(`| ${mdCode(v.id, 'table')} | ${measureLabel(v.measure)} | ${formatChange(v.comparison?.change)} | ${OUTCOME_ICON[v.outcome!]} |`);
  }
  const missed = report.targets.filter((t) => t.status === 'missed');
  if (missed.length > 0) {
    lines.push('', '| missed target | target | actual |', '|---|---|---|');
    for (const t of missed) lines.push(`| ${mdCode(t.id, 'table')} | ${mdText(t.target.label)} (+${t.thresholdPercent}%) | ${mdText(formatValue(t.actual, t.target.unit))} |`);
  }
  const failing = report.missing.filter((m) => m.fails);
  if (failing.length > 0) {
    lines.push('', '| missing required benchmark | measure | why |', '|---|---|---|');
    for (const m of failing) lines.push(`| ${mdCode(m.id, 'table')} | ${measureLabel(m.measure)} | ${mdText(m.reason)} |`);
  }
  return lines.join('\n') + '\n';
}

export function renderMarkdown(report: Report): string {
  return [renderPrSummary(report), '---', '', '# Benchmark report', '', `Generated ${report.createdAt}.`, '', renderReportBody(report)].join('\n');
}

/** Everything below the title: hardware, baseline, projects, results, comparisons, targets, … (`##` sections). */
export function renderReportBody(report: Report): string {
  const out: string[] = [];
  out.push('## Hardware', '');
  const e = report.environment;
  if (e) {
    out.push(
      `- CPU: ${mdText(e.cpuModel)} (${e.cpuCores} logical / ${e.cpuPhysicalCores} physical cores${e.cpuSpeedGHz ? `, ${e.cpuSpeedGHz} GHz` : ''})`,
      `- Memory: ${(e.memoryBytes / 2 ** 30).toFixed(1)} GiB`,
      `- GPU: ${e.gpus.length ? e.gpus.map((g) => `${mdText(g.vendor)} ${mdText(g.model)}${g.vramMiB ? ` (${g.vramMiB} MiB)` : ''}`).join(', ') : 'none'}`,
      `- OS: ${mdText(e.os)} (${mdText(e.kernel)}, ${mdText(e.arch)}); Node ${mdText(e.nodeVersion)}, V8 ${mdText(e.v8Version)}`,
      `- Git: ${mdText(e.gitSha ?? 'unknown')}${e.gitDirty ? ' (dirty)' : ''}; hardware fingerprint ${mdCode(e.hardwareFingerprint, 'text')}`,
    );
    for (const o of report.otherEnvironments) out.push(`- ⚠ ${mdText(o.project)} ran on other hardware: ${mdText(o.environment.cpuModel)} (${mdCode(o.environment.hardwareFingerprint, 'text')})`);
  } else {
    out.push('No results, so no hardware description.');
  }
  out.push('', '## Baseline', '');
  if (report.baseline) {
    const b = report.baseline;
    out.push(`${mdCode(b.file, 'text')} (profile ${mdCode(b.name, 'text')}): ${mdText(b.reason)}.`);
    out.push(b.savedAt ? `Samples saved ${mdText(b.savedAt)}${b.sameHardware === false ? ' **on different hardware** (comparisons mix machine and code changes)' : ''}.` : 'Targets only (no samples saved yet): benchmarks are compared with targets, not with earlier runs.');
  } else {
    out.push(`None: ${mdText(report.noBaselineReason)}.`);
  }
  out.push('', '## Projects', '', '| project | measure | status | mode | rounds | benchmarks |', '|---|---|---|---|---|---|');
  for (const p of report.projects) out.push(`| ${mdText(p.project)} | ${p.measure ? measureLabel(p.measure) : '–'} | ${p.status} | ${p.mode ?? '–'} | ${p.rounds ?? '–'} | ${p.benchmarks} |`);
  const thinned = report.sampleCap.thinned;
  if (thinned.length > 0) {
    const list = thinned.map((t) => `${mdCode(t.id, 'text')} ${t.from} → ${t.kept}`).join(', ');
    out.push('', `Samples thinned to at most ${report.sampleCap.maxSamplesPerBenchmark} per benchmark (evenly within each round; estimates are from all samples): ${list}.`);
  }

  out.push('', '## Results by category', '');
  const byProject = new Map<string, typeof report.benchmarks>();
  for (const b of report.benchmarks) byProject.set(b.project, [...(byProject.get(b.project) ?? []), b]);
  for (const [project, list] of byProject) {
    out.push(`### ${mdText(project)}`, '', '| benchmark | measure | status | estimate (95% CI) | median | cv | samples |', '|---|---|---|---|---|---|---|');
    const ordered = list.map((b) => ({ b, id: b.id, measure: measureOf(b) })).sort(byIdThenMeasure);
    for (const { b, measure } of ordered) {
      const est = b.estimate ? `${formatValue(b.estimate.point, b.unit)} [${formatValue(b.estimate.lower, b.unit)}, ${formatValue(b.estimate.upper, b.unit)}] (${b.estimate.statistic})` : '–';
      const status = b.status === 'ok' ? 'ok' : `${b.status}${b.reason ? `: ${mdText(b.reason)}` : ''}`;
      out.push(`| ${mdCode(b.id, 'table')} | ${measureLabel(measure)} | ${status} | ${est} | ${formatValue(b.stats?.median, b.unit)} | ${b.stats ? `${(b.stats.cv * 100).toFixed(1)}%` : '–'} | ${b.samples.length} |`);
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
    for (const p of pairs) out.push(`| ${mdCode(p.id, 'table')} | ${cell(p.time)} | ${cell(p.instructions)} |`);
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
        `| ${mdCode(v.id, 'table')} | ${measureLabel(v.measure)} | ${formatValue(v.baselineEstimate, v.unit)} | ${formatValue(v.currentEstimate, v.unit)} | ${formatChange(v.comparison?.change)} | ` +
          `${v.comparison ? formatP(v.comparison.pAdjusted) : '–'} | ${OUTCOME_ICON[v.outcome!]} | ${mdText(v.reason)} |`,
      );
    }
    out.push('');
  }
  const uncompared = report.comparisons.filter((v) => v.outcome === null);
  if (uncompared.length > 0) {
    out.push('<details><summary>Not compared</summary>', '');
    for (const v of uncompared) out.push(`- ${mdCode(v.id, 'text')} (${measureLabel(v.measure)}): ${mdText(v.reason)}`);
    out.push('', '</details>', '');
  }

  out.push('## Targets', '');
  if (report.targets.length === 0) out.push('No targets in the baseline.', '');
  else {
    out.push('| benchmark | measure | target | threshold | actual | status |', '|---|---|---|---|---|---|');
    for (const t of report.targets) {
      const actual = mdText(formatValue(t.actual, t.target.unit));
      out.push(`| ${mdCode(t.id, 'table')} | ${measureLabel(t.measure)} | ${mdText(t.target.label)} | ${t.thresholdPercent}% | ${actual} | ${t.status}: ${mdText(t.reason)} |`);
    }
    out.push('');
  }
  if (report.missing.length > 0) {
    out.push('## Missing from the current results', '', 'In the baseline, with no result now. Required ones (a target, or `"required": true`) fail the run unless explained.', '');
    out.push('| benchmark | measure | required | why |', '|---|---|---|---|');
    for (const m of report.missing) out.push(`| ${mdCode(m.id, 'table')} | ${measureLabel(m.measure)} | ${m.fails ? '❌ yes, fails' : m.required ? 'yes' : 'no'} | ${mdText(m.reason)} |`);
    out.push('');
  }
  if (report.goals.length > 0) {
    out.push('## Goals declared by the suites', '', '| project | goal | target | actual | status |', '|---|---|---|---|---|');
    for (const g of report.goals) out.push(`| ${mdText(g.project)} | ${mdText(g.name)} | ${g.target} ${mdText(g.unit)} | ${g.actual ?? '–'} | ${g.status} |`);
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
  for (const w of section.warnings) out.push(`> ⚠ ${mdText(w)}`, '');
  if (section.status === 'absent') {
    out.push(`${mdText(noIndexText(section))} ${mdCode(PROFILE_HINT, 'text')}.`);
    return out;
  }
  if (section.status === 'invalid') return out;
  if (section.artefacts.length === 0) {
    out.push(`${mdText(section.index)} lists no artefacts. Produce some with ${mdCode(PROFILE_HINT, 'text')}.`);
    return out;
  }
  out.push(`From ${mdCode(section.index, 'text')}${section.updatedAt ? ` (updated ${mdText(section.updatedAt)})` : ''}:`, '');
  for (const g of artefactsByBench(section)) {
    const parts = g.artefacts.map((a) => {
      if (a.status === 'skipped' || a.href === null) return `${artefactLabel(a)} skipped: ${mdText(a.summary.replace(/^skipped:\s*/i, ''))}`;
      const link = `${mdLink(artefactLabel(a), a.href)}${a.exists ? '' : ' (missing)'}`;
      return a.status === 'flagged' ? `⚠ ${link}: ${mdText(a.summary)}` : link;
    });
    out.push(`- ${mdCode(g.bench, 'text')} (${mdText(g.lib)}): ${parts.join(' · ')}`);
  }
  return out;
}
