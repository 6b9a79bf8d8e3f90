import { mean, median } from '@workflow-bench/bench-kit';
import { levelVariance, roundVariance, runPrior, tInterval, type ProcessLevelComparison, type RoundVariance } from './process-level.ts';
import type { RoundLevel, RoundLevels } from './units.ts';

/**
 * A benchmark's change beyond the benchmarks that shared its processes (issue 21).
 *
 * bench-kit runs every benchmark of a bench file in the same fresh process in each round (results
 * `file`), so a slow core, a busy neighbour or a memory layout moves all of them together. In log
 * units, with s the side and r the round:
 *
 *   level[b, s, r] = μ[b, s] + o[s, r] (shared by the file's benchmarks) + e[b, s, r] (its own)
 *
 * The absolute comparison (process-level.ts) must carry o's variance: the mean of o over the
 * current rounds minus over the baseline rounds is common to every benchmark of the file and
 * cannot be told from a change of all of them, with a few rounds a side. Here that common part is
 * taken out: the point is Δ_b minus the median Δ of the *other* benchmarks of the file, and its
 * variance is the benchmark's own round scatter once each round's shared offset (the median of the
 * other benchmarks' deviations in that round) is removed. That scatter is small when processes
 * differ mostly by a shared offset, so a change confined to some benchmarks of a file stands out
 * of a run whose processes landed on different cores.
 *
 * It rests on the other benchmarks being mostly unchanged (their median is the reference), which
 * a change of many benchmarks at once breaks: the unchanged ones then look moved the other way. So
 * it never decides alone: classify.ts (`classifyBeyondProcess`) calls a regression on it only when
 * the absolute change is itself significantly on the worse side of zero.
 */
export interface BeyondProcessComparison {
  /** Δ_b − median Δ of the others (log scale), with its CI. */
  delta: ProcessLevelComparison['delta'];
  /** Two-sided p of "no change beyond the others", unadjusted. */
  p: number;
  /** How many other benchmarks shared the processes. */
  others: number;
  /** Median Δ of the others (log scale): how far the file's processes moved together. */
  othersDelta: number;
  /** The benchmark's own sd between processes once the shared offset is removed (relative), and its df. */
  ownSd: number;
  df: number;
}

/** A group's comparisons beyond the others, and the evidence its round variances hold (see evidenceDf). */
export interface ProcessGroupAnalysis {
  comparisons: Map<string, BeyondProcessComparison>;
  evidenceDf: number;
}

export interface ProcessGroupMember {
  key: string;
  levels: RoundLevels;
}

/**
 * Fewer other benchmarks in the file than this: no reference, no comparison beyond them. Two
 * suffice (a file of small/medium/large sizes): with two the reference is their mean, which a
 * change of one of them moves by half, and the absolute condition of classifyBeyondProcess still
 * guards the verdict.
 */
export const MIN_OTHERS = 2;

type Side = 'base' | 'current';

/**
 * Every member's comparison beyond the others of its group (the benchmarks of one bench file, one
 * measure). Members without a comparison (no round scatter anywhere, or too few others) are absent.
 */
export function beyondProcessComparisons(members: readonly ProcessGroupMember[], confidence: number): ProcessGroupAnalysis {
  const out = new Map<string, BeyondProcessComparison>();
  const k = members.length - 1;
  const ownDf = members.reduce((a, m) => a + roundVariance(m.levels).df, 0);
  if (k < MIN_OTHERS) return { comparisons: out, evidenceDf: ownDf };
  // Per side, each member's deviation of each round from its own mean; usable only when every
  // member has the same rounds (round r of each was the same process) and at least two of them.
  const deviations = new Map<Side, number[][] | null>();
  for (const side of ['base', 'current'] as const) {
    const rounds = members[0]!.levels[side].length;
    const aligned = rounds >= 2 && members.every((m) => m.levels[side].length === rounds);
    deviations.set(side, aligned ? members.map((m) => centred(m.levels[side].map((r) => r.level))) : null);
  }
  const corrected = members.map((m, b): RoundLevels => ({ base: withoutShared(m.levels.base, deviations.get('base')!, b), current: withoutShared(m.levels.current, deviations.get('current')!, b) }));
  const rawVariances = members.map((m) => roundVariance(m.levels));
  const ownVariances = corrected.map(roundVariance);
  const prior = runPrior(ownVariances);
  const deltas = members.map((m) => mean(m.levels.current.map((r) => r.level)) - mean(m.levels.base.map((r) => r.level)));
  // The median of k others' own noise adds about π/(2k) of one benchmark's variance (1/k for a mean).
  const reference = k >= 3 ? Math.PI / (2 * k) : 1 / k;
  members.forEach((m, b) => {
    const v = levelVariance(corrected[b]!, prior);
    if (!v) return;
    const othersDelta = median(deltas.filter((_, i) => i !== b));
    const se = Math.sqrt(v.tau2 * (1 / m.levels.base.length + 1 / m.levels.current.length) * (1 + reference));
    out.set(m.key, {
      ...tInterval(deltas[b]! - othersDelta, se, v.df, confidence),
      others: k,
      othersDelta,
      ownSd: Math.expm1(Math.sqrt(Math.max(0, v.tau2 - v.within))),
      df: v.df,
    });
  });
  return { comparisons: out, evidenceDf: evidenceDf(rawVariances, ownVariances, deviations, ownDf) };
}

/**
 * How many independent degrees of freedom the group's round variances hold about process-level
 * variance, for the run's prior (process-level.ts `runPrior`). Its benchmarks' raw round variances
 * are σ_o² (shared) + τ_s² (each its own): the own parts are independent between benchmarks, the
 * shared part was seen in the same few processes, (R_base − 1) + (R_current − 1) degrees of
 * freedom however many benchmarks saw it. By Satterthwaite, with φ the shared share of the
 * variance, the group holds about shared df / φ² (no more than the benchmarks' own df together):
 * all of them when nothing is shared, the processes' df when everything is.
 */
function evidenceDf(raw: readonly RoundVariance[], own: readonly RoundVariance[], deviations: Map<'base' | 'current', number[][] | null>, ownDf: number): number {
  const sharedDf = (['base', 'current'] as const).reduce((a, side) => a + (deviations.get(side) ? deviations.get(side)![0]!.length - 1 : 0), 0);
  const meanVariance = (list: readonly RoundVariance[]) => {
    const known = list.filter((v) => v.df > 0 && Number.isFinite(v.variance));
    return known.length ? mean(known.map((v) => v.variance)) : NaN;
  };
  const share = 1 - meanVariance(own) / meanVariance(raw);
  if (!(sharedDf > 0) || !Number.isFinite(share)) return ownDf;
  if (share <= 0) return ownDf;
  return Math.min(ownDf, sharedDf / (share * share));
}

function centred(levels: readonly number[]): number[] {
  const m = mean(levels);
  return levels.map((l) => l - m);
}

/** A member's rounds with each round's shared offset (median deviation of the others in it) removed. */
function withoutShared(rounds: readonly RoundLevel[], deviations: number[][] | null, self: number): RoundLevel[] {
  if (!deviations) return [...rounds];
  return rounds.map((r, i) => ({ ...r, level: r.level - median(deviations.filter((_, b) => b !== self).map((d) => d[i]!)) }));
}
