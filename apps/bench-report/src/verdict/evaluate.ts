import { benjaminiHochberg, median, type BenchmarkResult, type SampleUnit } from '@workflow-bench/bench-kit';
import type { BaselineEntry, BaselineFile } from '../baseline/baseline-file.ts';
import { measureKey, resultKey, measureOf, type ResultMeasure } from '../measure/measure-key.ts';
import { classify, classifyBeyondProcess, pct } from './classify.ts';
import { DEFAULT_POLICY, type Outcome, type VerdictPolicy } from './outcome.ts';
import { roundVariance, runPrior, type RoundVariance } from './process-level.ts';
import { compareInstructionPairs, compareRounds, nonPositive, relative, type SampleComparison, type SampleComparisonFailure } from './sample-comparison.ts';
import { beyondProcessComparisons, type BeyondProcessComparison, type ProcessGroupMember } from './shared-process.ts';
import { checkTarget, type TargetCheck } from './target-check.ts';
import { resolveThreshold, type ResolvedThreshold, type ThresholdConfig } from './thresholds.ts';
import { roundLevels, type RoundLevels, type SideData } from './units.ts';

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

/** "3+3 rounds (45+45 samples)" or "5+5 pairs (0+1 disturbed pairs set aside)". */
function describeUnits(c: SampleComparison): string {
  if (c.units === 'rounds') return `${c.unitsBase}+${c.unitsCurrent} rounds (${c.samplesBase}+${c.samplesCurrent} samples)`;
  const aside = c.setAside && c.setAside.base + c.setAside.current > 0 ? ` (${c.setAside.base}+${c.setAside.current} disturbed pairs set aside)` : '';
  return `${c.unitsBase}+${c.unitsCurrent} pairs${aside}`;
}

/** "; process-level spread ±4.1% (own rounds and run, 23 df)". */
function describeSpread(c: SampleComparison): string {
  const s = c.processSpread;
  if (!s || s.sd === null) return '';
  const df = Number.isFinite(s.df) ? `${Math.round(s.df)} df` : 'the run agrees';
  return `; process-level spread ±${(s.sd * 100).toFixed(1)}% (${s.source}, ${df})`;
}

/** "; beyond the 9 other benchmarks of its processes −0.4% [−2.1%, +1.3%], own spread ±1.2%". */
function describeBeyond(c: SampleComparison): string {
  const b = c.beyondProcess;
  if (!b) return '';
  return `; beyond the ${b.others} other benchmarks of its processes ${pct(b.change.point)} [${pct(b.change.lower)}, ${pct(b.change.upper)}], own spread ±${(b.ownSpread * 100).toFixed(1)}%`;
}

/**
 * When the machine moved (issue 21): a project's anchors (bench-kit `anchor`: platform code its
 * own code is compared with, such as core/hash-raw/*, which no change of the project's code
 * moves) regressed, so this run's machine was slower than the baseline's (busier, another core,
 * another power state), and every benchmark of the project was slowed by it. A regression that
 * rests on the absolute change alone cannot be told from that, and is held as inconclusive; one
 * that also shows beyond the benchmarks of its own processes (shared-process.ts: the machine moves
 * those together) stands. The anchors themselves are held too: their change is the machine's, or
 * the platform's, not the project's. Improvements likewise when the anchors improved.
 * Measured (README "Measured on this machine"): a run under two busy loops against a baseline
 * taken at rest called 17 of core's 23 benchmarks regressed before this rule.
 */
function holdWhereTheMachineMoved(items: readonly { verdict: BenchmarkVerdict; result: BenchmarkResult | undefined; beyondCall: Outcome | undefined }[]): void {
  const moved = new Map<string, { outcome: Outcome; anchors: string[] }>();
  const conflicting = new Set<string>();
  // Per project and measure: instruction counts do not move with the machine's load, times do.
  const scope = (verdict: BenchmarkVerdict, result: BenchmarkResult) => `${result.project}\u0000${verdict.measure}`;
  for (const { verdict, result } of items) {
    if (!result?.anchor || (verdict.outcome !== 'regressed' && verdict.outcome !== 'improved')) continue;
    const key = scope(verdict, result);
    const seen = moved.get(key);
    if (seen && seen.outcome !== verdict.outcome) conflicting.add(key);
    const change = verdict.comparison?.change.point;
    const anchor = change === undefined ? verdict.id : `${verdict.id} ${pct(change)}`;
    moved.set(key, { outcome: verdict.outcome, anchors: [...(seen?.anchors ?? []), anchor] });
  }
  for (const { verdict, result, beyondCall } of items) {
    const move = result && !conflicting.has(scope(verdict, result)) ? moved.get(scope(verdict, result)) : undefined;
    if (!move || verdict.outcome !== move.outcome) continue;
    if (!result!.anchor && beyondCall === move.outcome) continue;
    const anchors = move.anchors.join(', ');
    const slower = move.outcome === 'regressed';
    const why = result!.anchor
      ? `this anchor is platform code the project's code is compared with: its change is the machine's (or the platform's), not the project's`
      : `a change of the project's code would show beyond the benchmarks it shares processes with, and this one ${verdict.comparison?.beyondProcess ? 'does not' : 'has no such comparison'}`;
    verdict.reason =
      `held: the machine was ${slower ? 'slower' : 'faster'} in this run than in the baseline's (the project's anchors ${slower ? 'regressed' : 'improved'} too: ${anchors}); ` +
      `${why}; by the absolute change alone it would be ${move.outcome}: ${verdict.reason}`;
    verdict.outcome = 'inconclusive';
  }
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

  // First pass: what each benchmark has to compare. Wall-time and custom results wait for the
  // run-wide prior on process-level variance (process-level.ts), which needs every benchmark.
  type Pending = {
    verdict: BenchmarkVerdict;
    comparison: SampleComparison | null;
    levels?: RoundLevels;
    /** Which prior the levels share: bench-kit's measure (wall time and custom measures move differently between processes). */
    priorGroup?: string;
    /** The benchmarks that shared its processes: same project, bench file and measure (shared-process.ts). */
    processGroup?: string;
    /** What the comparison beyond those benchmarks alone would call (classifyBeyondProcess). */
    beyondCall?: Outcome;
    key: string;
  };
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
    const done = (reason: string, outcome: Outcome | null = 'inconclusive'): Pending => {
      verdict.outcome = outcome;
      verdict.reason = reason;
      return { verdict, comparison: null, key };
    };
    if (!measured) return done(entry ? 'baseline has only a target for this benchmark (compared against the target only)' : 'not in the baseline', null);
    if (!cur) return done('in the baseline but not in the current results (its project did not run, or the benchmark was removed)', null);
    if (cur.status !== 'ok') return done(`current run ${cur.status}${cur.reason ? `: ${cur.reason}` : ''}`);
    if (cur.unit !== measured.unit || cur.lowerIsBetter !== measured.lowerIsBetter) return done(`not comparable: unit ${measured.unit} in the baseline, ${cur.unit} now`);
    const baseSide: SideData = { samples: measured.samples, roundEstimates: measured.roundEstimates, roundSampleCounts: measured.roundSampleCounts };
    const curSide: SideData = { samples: cur.samples, roundEstimates: cur.roundEstimates, roundSampleCounts: cur.roundSampleCounts };
    const bad = nonPositive(baseSide.samples, 'baseline') ?? nonPositive(curSide.samples, 'current');
    if (bad) return done(bad.error);
    if (measure === 'instructions') {
      const result = compareInstructionPairs(baseSide, curSide, { ...policy, seed: (policy.seed ^ hashId(key)) >>> 0 });
      return 'error' in result ? done(result.error) : { verdict, comparison: result, key };
    }
    // A baseline saved before bench files were recorded is taken to have run the same files.
    const processGroup = cur.file && (measured.file === undefined || measured.file === cur.file) ? `${cur.project}\u0000${cur.file}\u0000${cur.measure}` : undefined;
    return { verdict, comparison: null, key, levels: roundLevels(baseSide, curSide), priorGroup: cur.measure, processGroup };
  });

  // The benchmarks of one bench file shared each round's process: each one's change beyond the
  // others (shared-process.ts), and how much independent evidence their round variances hold.
  const groups = new Map<string, (ProcessGroupMember & { p: Pending })[]>();
  for (const p of pending) {
    if (!p.levels || !p.processGroup) continue;
    const list = groups.get(p.processGroup) ?? [];
    list.push({ key: p.key, levels: p.levels, p });
    groups.set(p.processGroup, list);
  }
  const evidence = new Map<string, number>();
  const beyond = new Map<string, BeyondProcessComparison>();
  for (const [group, members] of groups) {
    const analysis = beyondProcessComparisons(members, policy.confidence);
    evidence.set(group, analysis.evidenceDf);
    for (const [key, b] of analysis.comparisons) beyond.set(key, b);
  }

  // The prior on a round level's variance, per bench-kit measure (wall time and custom results
  // differ in how much processes move them), from every benchmark of the run with two rounds on a side.
  const variances = new Map<string, RoundVariance[]>();
  for (const p of pending) {
    if (!p.levels) continue;
    const list = variances.get(p.priorGroup!) ?? [];
    list.push(p.processGroup ? { ...roundVariance(p.levels), process: p.processGroup } : roundVariance(p.levels));
    variances.set(p.priorGroup!, list);
  }
  const priors = new Map([...variances].map(([m, list]) => [m, runPrior(list, evidence)]));
  for (const p of pending) {
    if (!p.levels) continue;
    const result: SampleComparison | SampleComparisonFailure = compareRounds(p.levels, priors.get(p.priorGroup!) ?? null, policy);
    if ('error' in result) {
      p.verdict.outcome = 'inconclusive';
      p.verdict.reason = result.error;
      continue;
    }
    p.comparison = result;
    const b = beyond.get(p.key);
    if (b && result.processSpread?.source !== 'unseen') {
      result.beyondProcess = { change: relative(b.delta), p: b.p, others: b.others, othersChange: Math.expm1(b.othersDelta), ownSpread: b.ownSd, df: b.df };
    }
  }
  const withBeyond = pending.filter((p) => p.comparison?.beyondProcess);
  benjaminiHochberg(withBeyond.map((p) => p.comparison!.beyondProcess!.p)).forEach((q, i) => (withBeyond[i]!.comparison!.beyondProcess!.pAdjusted = q));

  const adjusted = benjaminiHochberg(pending.map((p) => (p.comparison ? p.comparison.p : NaN)));
  pending.forEach((p, i) => {
    if (!p.comparison) {
      if (p.verdict.outcome !== null) p.verdict.reason += ` (measure: ${p.verdict.threshold.measure}, ${p.verdict.unit})`;
      return;
    }
    const v = p.verdict;
    const c = p.comparison;
    v.comparison = { ...c, pAdjusted: adjusted[i] };
    const on = `${v.threshold.measure} (${v.unit}), threshold ${v.threshold.percent}% from ${v.threshold.source}`;
    const units = describeUnits(c);
    if (c.processSpread?.source === 'unseen') {
      v.outcome = 'inconclusive';
      v.reason =
        `one round (fresh process) on each side and no benchmark of this run has two: the spread between processes cannot be seen, ` +
        `so no significance is claimed (the ${Math.round(c.change.confidence * 100)}% CI [${pct(c.change.lower)}, ${pct(c.change.upper)}] covers within-process noise only); ` +
        `run with --rounds ≥ 2 or compare with --against; rests on ${on}, ${units}`;
      return;
    }
    const cl = classify(c.change, adjusted[i], v.threshold.percent, v.lowerIsBetter, policy);
    const b = c.beyondProcess;
    const beyond = b ? classifyBeyondProcess(b.change, b.pAdjusted ?? NaN, c.change, { count: b.others, change: b.othersChange }, v.threshold.percent, v.lowerIsBetter, policy) : null;
    const called = cl.outcome === 'regressed' || cl.outcome === 'improved';
    p.beyondCall = beyond?.outcome;
    v.outcome = (called ? cl : (beyond ?? cl)).outcome;
    v.reason = `${(called ? cl : (beyond ?? cl)).reason}; rests on ${on}, ${units}, ${c.test}${describeSpread(c)}${describeBeyond(c)}`;
  });
  holdWhereTheMachineMoved(pending.map((p) => ({ verdict: p.verdict, result: byKey.get(p.key), beyondCall: p.beyondCall })));

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
