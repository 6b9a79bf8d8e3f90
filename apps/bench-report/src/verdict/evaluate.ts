import { benjaminiHochberg, median, type BenchmarkResult, type SampleUnit } from '@workflow-bench/bench-kit';
import type { BaselineEntry, BaselineFile } from '../baseline/baseline-file.ts';
import { measureKey, resultKey, measureOf, type ResultMeasure } from '../measure/measure-key.ts';
import { classify } from './classify.ts';
import { DEFAULT_POLICY, type Outcome, type VerdictPolicy } from './outcome.ts';
import { compareSamples, type SampleComparison } from './sample-comparison.ts';
import { checkTarget, type TargetCheck } from './target-check.ts';
import { resolveThreshold, type ResolvedThreshold, type ThresholdConfig } from './thresholds.ts';

export interface BenchmarkVerdict {
  id: string;
  /** Which results the verdict rests on: wall clock (`time`, incl. custom measures) or instruction counts. */
  measure: ResultMeasure;
  unit: SampleUnit;
  lowerIsBetter: boolean;
  threshold: ResolvedThreshold;
  baselineEstimate: number | null;
  currentEstimate: number | null;
  comparison: (SampleComparison & { pAdjusted: number }) | null;
  /** null when there is nothing to compare with (no baseline samples, or not run now). */
  outcome: Outcome | null;
  reason: string;
}

export interface Evaluation {
  verdicts: BenchmarkVerdict[];
  targets: TargetCheck[];
}

export interface EvaluateOptions {
  thresholds?: Partial<ThresholdConfig>;
  policy?: VerdictPolicy;
}

/** The point estimate of a result: its own estimate, else the median of its samples. */
export function estimateOf(b: { estimate?: { point: number }; samples: readonly number[] }): number | null {
  if (b.estimate) return b.estimate.point;
  return b.samples.length > 0 ? median(b.samples) : null;
}

/** FNV-1a, to give each benchmark its own (still deterministic) resampling stream. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Compares every current benchmark with its baseline entry of the same (id, measure), adjusts the
 * p-values of the whole run together (Benjamini-Hochberg), classifies each, and checks targets.
 */
export function evaluate(current: readonly BenchmarkResult[], baseline: BaselineFile | null, options: EvaluateOptions = {}): Evaluation {
  const policy = options.policy ?? DEFAULT_POLICY;
  const thresholds = options.thresholds ?? {};
  const entries = new Map<string, BaselineEntry>((baseline?.benchmarks ?? []).map((e) => [measureKey(e.id, e.measure), e]));
  const byKey = new Map(current.map((b) => [resultKey(b), b]));
  const keyed = new Map<string, { id: string; measure: ResultMeasure }>();
  for (const b of current) keyed.set(resultKey(b), { id: b.id, measure: measureOf(b) });
  for (const [key, e] of entries) if (e.measured && !keyed.has(key)) keyed.set(key, { id: e.id, measure: e.measure });

  type Pending = { verdict: BenchmarkVerdict; comparison: SampleComparison | null };
  const pending: Pending[] = [...keyed].map(([key, { id, measure }]) => {
    const cur = byKey.get(key);
    const entry = entries.get(key);
    const measured = entry?.measured;
    const shape = cur ?? measured!;
    const threshold = resolveThreshold(measure, entry?.thresholdPercent, thresholds);
    const verdict: BenchmarkVerdict = {
      id,
      measure,
      unit: shape.unit,
      lowerIsBetter: shape.lowerIsBetter,
      threshold,
      baselineEstimate: measured ? estimateOf(measured) : null,
      currentEstimate: cur && cur.status === 'ok' ? estimateOf(cur) : null,
      comparison: null,
      outcome: null,
      reason: '',
    };
    if (!measured) {
      verdict.reason = entry ? 'baseline has only a target for this benchmark (compared against the target only)' : 'not in the baseline';
      return { verdict, comparison: null };
    }
    if (!cur) {
      verdict.reason = 'in the baseline but not in the current results (its project did not run, or the benchmark was removed)';
      return { verdict, comparison: null };
    }
    if (cur.status !== 'ok') {
      verdict.outcome = 'inconclusive';
      verdict.reason = `current run ${cur.status}${cur.reason ? `: ${cur.reason}` : ''}`;
      return { verdict, comparison: null };
    }
    if (cur.unit !== measured.unit || cur.lowerIsBetter !== measured.lowerIsBetter) {
      verdict.outcome = 'inconclusive';
      verdict.reason = `not comparable: unit ${measured.unit} in the baseline, ${cur.unit} now`;
      return { verdict, comparison: null };
    }
    const result = compareSamples(
      { samples: measured.samples, roundEstimates: measured.roundEstimates, roundSampleCounts: measured.roundSampleCounts },
      { samples: cur.samples, roundEstimates: cur.roundEstimates, roundSampleCounts: cur.roundSampleCounts },
      { ...policy, seed: (policy.seed ^ hashId(key)) >>> 0 },
      { instructions: measure === 'instructions' },
    );
    if ('error' in result) {
      verdict.outcome = 'inconclusive';
      verdict.reason = result.error;
      return { verdict, comparison: null };
    }
    return { verdict, comparison: result };
  });

  const adjusted = benjaminiHochberg(pending.map((p) => (p.comparison ? p.comparison.p : NaN)));
  pending.forEach((p, i) => {
    if (!p.comparison) {
      if (p.verdict.outcome !== null) p.verdict.reason += ` (measure: ${p.verdict.threshold.measure}, ${p.verdict.unit})`;
      return;
    }
    const v = p.verdict;
    v.comparison = { ...p.comparison, pAdjusted: adjusted[i] };
    const c = classify(p.comparison.change, adjusted[i], v.threshold.percent, v.lowerIsBetter, policy);
    v.outcome = c.outcome;
    const on = `${v.threshold.measure} (${v.unit}), threshold ${v.threshold.percent}% from ${v.threshold.source}`;
    const aside = p.comparison.setAside && p.comparison.setAside.base + p.comparison.setAside.current > 0
      ? ` (${p.comparison.setAside.base}+${p.comparison.setAside.current} disturbed pairs set aside)`
      : '';
    v.reason = `${c.reason}; rests on ${on}, ${p.comparison.unitsBase}+${p.comparison.unitsCurrent} ${p.comparison.units}${aside}, ${p.comparison.test}`;
  });

  const targets: TargetCheck[] = [];
  for (const [key, entry] of entries) {
    if (!entry.target) continue;
    const cur = byKey.get(key);
    const percent = resolveThreshold(entry.measure, entry.thresholdPercent, thresholds).percent;
    let actual: { value: number; unit: string } | null = null;
    let why = !cur ? 'not in the current results (not run yet)' : cur.status !== 'ok' ? `current run ${cur.status}${cur.reason ? `: ${cur.reason}` : ''}` : null;
    if (cur && cur.status === 'ok') {
      if (entry.target.metric) {
        const m = cur.metrics?.[entry.target.metric];
        if (m) actual = { value: m.value, unit: m.unit };
        else why = `the benchmark reports no metric ${JSON.stringify(entry.target.metric)}`;
      } else {
        const value = estimateOf(cur);
        if (value !== null) actual = { value, unit: cur.unit };
      }
    }
    targets.push(checkTarget(entry.id, entry.target, percent, actual, why, entry.measure));
  }
  return { verdicts: pending.map((p) => p.verdict), targets };
}
