import {
  benjaminiHochberg,
  fitVariancePrior,
  mean,
  moderatedVariance,
  studentTQuantile,
  studentTTwoSided,
  trimmedMean,
  trimmedMeanVariance,
  variance,
  type PairedBenchmarkResult,
  type PairedRound,
  type SampleUnit,
} from '@workflow-bench/bench-kit';
import { formatP, pct } from './classify.ts';
import { DEFAULT_POLICY, type Outcome, type VerdictPolicy } from './outcome.ts';
import { resolveThreshold, type ResolvedThreshold, type ThresholdConfig } from './thresholds.ts';

/**
 * The paired verdict for a comparison file (`bench-kit run --against <ref>`): both revisions ran in
 * the same fresh processes, interleaved in ABBA/BAAB quads (bench-kit results/comparison-schema.ts).
 *
 * Unit: the quad's log ratio log(head / base), each side the less disturbed of its two samples
 * (the smaller time, the larger rate: see quadLogRatios), so load shared by the four samples of a
 * quad cancels. Quads of one process are NOT independent: each process loads two copies of the
 * code in a random order, and identical copies differ by a process-wide "copy bias" (up to 2.3%
 * measured, different in every process). So the process is the unit of inference: its paired
 * level D_r is the 20%-trimmed mean of its quads' log ratios (heavy-tailed quads under load), and
 * Δ = mean_r D_r, with
 * Var(Δ) = τ²/R where τ² = variance of one process's D_r (copy bias + quad noise / Q).
 *
 * τ² is this benchmark's own scatter of D_r (R − 1 df) moderated by a prior fitted on every paired
 * benchmark of the run (bench-kit fitVariancePrior; the prior's level is the pooled variance plus
 * this benchmark's own quad-noise part), as for the unpaired verdict (process-level.ts): with 4-8
 * processes a benchmark's own variance is too uncertain alone. Test: the moderated paired t of Δ
 * (df = d0 + R − 1), then Benjamini-Hochberg across the run. A sign-flip permutation test over
 * processes cannot go below p = 2/2^R (0.03 with 6 processes), which BH over a run of 12 makes
 * "never significant"; over quads it would treat the copy bias as noise and call A/A runs regressed.
 * CI: Δ ± t·SE.
 *
 * Outcome, threshold T (10% by default, 2% for instruction counts), worse = slower (lower for rates):
 * - regressed: significant and the whole CI beyond +T/2 (as unpaired);
 * - improved: significant and the whole CI beyond −T/2;
 * - unchanged: the whole CI inside ±T/4 — stricter than unpaired (±T): a paired comparison is
 *   precise enough to say more, and a slowdown of T/2 (5%) must never be called unchanged;
 * - inconclusive: otherwise, with the reason.
 */
export interface PairedComparison {
  /** Processes (fresh processes with quads on both sides) and quads in all. */
  processes: number;
  quads: number;
  /** Relative change head/base − 1 of the geometric mean, with its CI. */
  change: { point: number; lower: number; upper: number; confidence: number };
  /** Two-sided p, unadjusted, and after Benjamini-Hochberg over the run's paired verdicts. */
  p: number;
  pAdjusted: number;
  /** sd of one process's paired level (copy bias + quad noise), relative, and where it came from. */
  processSpread: { sd: number; source: 'own processes' | 'own processes and run'; df: number };
  /** sd of a quad's log ratio within a process (pooled), relative. */
  quadSpread: number;
  test: 'paired t (processes, moderated)';
}

export interface PairedVerdict {
  id: string;
  presence: PairedBenchmarkResult['presence'];
  unit: SampleUnit;
  lowerIsBetter: boolean;
  threshold: ResolvedThreshold;
  baseEstimate: number | null;
  headEstimate: number | null;
  comparison: PairedComparison | null;
  /** null for ids on one side only (new or removed): listed, not judged. */
  outcome: Outcome | null;
  reason: string;
}

/** Share of the threshold inside which a paired CI must lie to call the benchmark unchanged. */
export const PAIRED_UNCHANGED_FRACTION = 0.25;

/**
 * Log ratios of the quads of one process: log(head / base), each side the less disturbed of its
 * two samples. Interference inside a process (preemption, a GC pause, a neighbour's burst) only
 * ever makes the code slower: it adds time to a time-like sample (the smaller one is the less
 * disturbed: the argument for the minimum in Chen & Revels, "Robust benchmarking in noisy
 * environments", 2016) and lowers a rate (a custom benchmark's requests/s or MiB/s, where higher
 * is better: the larger one is the less disturbed). With the mean, one preempted sample in a quad
 * (+50-200%) moved its ratio by up to 60%. Both sides are treated alike, so this adds no bias to
 * the ratio.
 */
export function quadLogRatios(round: PairedRound, lowerIsBetter: boolean): number[] {
  const quads = Math.min(Math.floor(round.base.length / 2), Math.floor(round.head.length / 2), round.quadOrder.length);
  const lessDisturbed = lowerIsBetter ? Math.min : Math.max;
  const side = (values: number[], q: number) => lessDisturbed(values[2 * q], values[2 * q + 1]);
  const out: number[] = [];
  for (let q = 0; q < quads; q++) out.push(Math.log(side(round.head, q) / side(round.base, q)));
  return out;
}

/** Share trimmed from each end of a process's quad log ratios for its paired level. */
const PROCESS_TRIM = 0.2;

/** One process of a paired benchmark, for the reports: its quads' log ratios, its level and that level's interval. */
export interface PairedProcessDetail {
  process: number;
  /** log(head / base) of each quad (quadLogRatios). */
  quads: number[];
  /** The process's paired level: the trimmed mean of its quads (the unit of the paired test). */
  level: number;
  /**
   * The level's `confidence` interval from its own quads (Tukey-McLaughlin standard error, Student t
   * with Q − 2g − 1 df); null with fewer than 3 quads. It shows the quad noise only: the copy bias
   * that makes processes differ is what the test's spread between processes adds.
   */
  interval: { lower: number; upper: number } | null;
}

export function pairedProcessDetail(rounds: readonly PairedRound[], lowerIsBetter: boolean, confidence = DEFAULT_POLICY.confidence): PairedProcessDetail[] {
  return rounds
    .map((round) => ({ process: round.process, quads: quadLogRatios(round, lowerIsBetter) }))
    .filter((p) => p.quads.length > 0)
    .map(({ process, quads }) => {
      const level = trimmedMean(quads, PROCESS_TRIM);
      const df = quads.length - 2 * Math.floor(PROCESS_TRIM * quads.length) - 1;
      if (quads.length < 3 || df < 1) return { process, quads, level, interval: null };
      const half = studentTQuantile(1 - (1 - confidence) / 2, df) * Math.sqrt(trimmedMeanVariance(quads, PROCESS_TRIM));
      return { process, quads, level, interval: { lower: level - half, upper: level + half } };
    });
}

interface ProcessLevels {
  levels: number[];
  /** Mean over processes of var(quads)/Q: the quad-noise part of a level's variance. */
  within: number;
  quads: number;
  /** Pooled within-process variance of a quad's log ratio. */
  quadVariance: number;
}

function processLevels(rounds: readonly PairedRound[], lowerIsBetter: boolean): ProcessLevels {
  const perProcess = rounds.map((round) => quadLogRatios(round, lowerIsBetter)).filter((q) => q.length > 0);
  const levels = perProcess.map((q) => trimmedMean(q, PROCESS_TRIM));
  const withins = perProcess.filter((q) => q.length > 1).map((q) => variance(q) / q.length);
  let ss = 0;
  let df = 0;
  for (const q of perProcess) {
    if (q.length < 2) continue;
    ss += variance(q) * (q.length - 1);
    df += q.length - 1;
  }
  return { levels, within: withins.length ? mean(withins) : 0, quads: perProcess.reduce((a, q) => a + q.length, 0), quadVariance: df > 0 ? ss / df : NaN };
}

export interface PairedEvaluateOptions {
  thresholds?: Partial<ThresholdConfig>;
  policy?: VerdictPolicy;
}

/** Paired verdicts of every benchmark of one or more comparison files, BH-adjusted together. */
export function evaluatePaired(benchmarks: readonly PairedBenchmarkResult[], options: PairedEvaluateOptions = {}): PairedVerdict[] {
  const policy = options.policy ?? DEFAULT_POLICY;
  const thresholds = options.thresholds ?? {};
  type Pending = { verdict: PairedVerdict; levels?: ProcessLevels };
  const pending: Pending[] = benchmarks.map((b) => {
    const measure = b.unit === 'instructions' ? 'instructions' : 'time';
    const verdict: PairedVerdict = {
      id: b.id,
      presence: b.presence,
      unit: b.unit,
      lowerIsBetter: b.lowerIsBetter,
      threshold: resolveThreshold(measure, undefined, thresholds),
      baseEstimate: b.base?.estimate?.point ?? null,
      headEstimate: b.head?.estimate?.point ?? null,
      comparison: null,
      outcome: null,
      reason: '',
    };
    if (b.presence === 'head-only') return { verdict: { ...verdict, reason: 'new: only in the head (nothing to compare with)' } };
    if (b.presence === 'base-only') return { verdict: { ...verdict, reason: 'removed: only in the base' } };
    if (b.status !== 'ok') {
      const where = b.side ? ` on the ${b.side} side` : '';
      return { verdict: { ...verdict, outcome: 'inconclusive', reason: `${b.status}${where}${b.reason ? `: ${b.reason}` : b.error ? `: ${b.error}` : ''}` } };
    }
    const levels = processLevels(b.rounds, b.lowerIsBetter);
    if (levels.levels.length < 2) {
      return { verdict: { ...verdict, outcome: 'inconclusive', reason: `too few processes with quads on both sides (${levels.levels.length}; need 2): run more rounds` } };
    }
    return { verdict, levels };
  });

  const judged = pending.filter((p) => p.levels);
  const own = judged.map((p) => ({ v: variance(p.levels!.levels), d: p.levels!.levels.length - 1, w: p.levels!.within }));
  const wBar = own.length ? mean(own.map((o) => o.w)) : 0;
  const floor = Math.max(wBar, 1e-12) * 1e-3;
  const prior = fitVariancePrior(
    own.map((o) => Math.max(o.v - o.w + wBar, floor)),
    own.map((o) => o.d),
  );
  const between = prior ? Math.max(0, prior.s0sq - wBar) : 0;

  const stats = judged.map((p) => {
    const l = p.levels!;
    const R = l.levels.length;
    const point = mean(l.levels);
    const { variance: tau2, df } = moderatedVariance(variance(l.levels), R - 1, prior && { s0sq: between + l.within, d0: prior.d0 });
    const se = Math.sqrt(tau2 / R);
    const t = se > 0 ? point / se : point === 0 ? 0 : Math.sign(point) * Infinity;
    const q = studentTQuantile(1 - (1 - policy.confidence) / 2, df);
    return { point, se, df, p: studentTTwoSided(t, df), q, tau2, within: l.within };
  });
  const adjusted = benjaminiHochberg(stats.map((s) => s.p));
  judged.forEach((p, i) => {
    const s = stats[i];
    const l = p.levels!;
    const v = p.verdict;
    const change = { point: Math.expm1(s.point), lower: Math.expm1(s.point - s.q * s.se), upper: Math.expm1(s.point + s.q * s.se), confidence: policy.confidence };
    v.comparison = {
      processes: l.levels.length,
      quads: l.quads,
      change,
      p: s.p,
      pAdjusted: adjusted[i],
      processSpread: { sd: Math.expm1(Math.sqrt(s.tau2)), source: prior ? 'own processes and run' : 'own processes', df: s.df },
      quadSpread: Math.expm1(Math.sqrt(l.quadVariance)),
      test: 'paired t (processes, moderated)',
    };
    const c = classifyPaired(change, adjusted[i], v.threshold.percent, v.lowerIsBetter, policy);
    v.outcome = c.outcome;
    const df = Number.isFinite(s.df) ? `${Math.round(s.df)} df` : 'the run agrees';
    v.reason =
      `${c.reason}; rests on ${v.threshold.measure} (${v.unit}), threshold ${v.threshold.percent}% from ${v.threshold.source}, ` +
      `${l.levels.length} processes (${l.quads} quads), paired t; process spread ±${(v.comparison.processSpread.sd * 100).toFixed(1)}% ` +
      `(copy bias and quad noise, ${df}), quad spread ±${(v.comparison.quadSpread * 100).toFixed(1)}%`;
  });
  return pending.map((p) => p.verdict);
}


/** The paired decision rule (see the comment at the top of this file and the README). */
export function classifyPaired(
  change: { point: number; lower: number; upper: number },
  pAdjusted: number,
  thresholdPct: number,
  lowerIsBetter: boolean,
  policy: Pick<VerdictPolicy, 'alpha' | 'floorFraction' | 'confidence'>,
): { outcome: Outcome; reason: string } {
  const t = thresholdPct / 100;
  const floor = t * policy.floorFraction;
  const still = t * PAIRED_UNCHANGED_FRACTION;
  const worseLow = lowerIsBetter ? change.lower : -change.upper;
  const worseHigh = lowerIsBetter ? change.upper : -change.lower;
  const significant = pAdjusted <= policy.alpha;
  const ci = `${Math.round(policy.confidence * 100)}% CI [${pct(change.lower)}, ${pct(change.upper)}]`;
  const pText = `BH-adjusted p = ${formatP(pAdjusted)}`;
  if (significant && worseLow > floor) return { outcome: 'regressed', reason: `${pText} and the ${ci} lies entirely on the worse side of the ±${pct(floor).slice(1)} noise floor` };
  if (significant && worseHigh < -floor) return { outcome: 'improved', reason: `${pText} and the ${ci} lies entirely on the better side of the ±${pct(floor).slice(1)} noise floor` };
  if (change.lower >= -still && change.upper <= still) return { outcome: 'unchanged', reason: `the ${ci} lies inside ±${(still * 100).toFixed(1)}% (a quarter of the threshold)` };
  if (!significant) {
    return { outcome: 'inconclusive', reason: `not significant (${pText}) yet the ${ci} reaches beyond ±${(still * 100).toFixed(1)}%: a change that size cannot be excluded; take more processes or quads` };
  }
  return { outcome: 'inconclusive', reason: `significant (${pText}) but the ${ci} does not clear the ±${pct(floor).slice(1)} noise floor` };
}
