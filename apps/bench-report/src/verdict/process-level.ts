import { fitVariancePrior, mean, median, moderatedVariance, studentTQuantile, studentTTwoSided } from '@workflow-bench/bench-kit';
import type { RoundLevel, RoundLevels } from './units.ts';

/**
 * The unpaired comparison with process-level variance (issue 21). Model, in log units:
 *
 *   log sample = side mean + round offset (process level, sd σ_p) + within-process noise
 *
 * Round offsets are random effects: a fresh process lands on a slower core, beside a busier
 * neighbour, with another memory layout. Samples are nested in rounds and only tell how precisely a
 * round's level (its trimmed mean, units.ts) is known. So the comparison is between round levels: Δ = mean(current levels) −
 * mean(baseline levels), with Var(Δ) = τ² (1/R_base + 1/R_current), where τ² is the variance of
 * one round level (σ_p² plus its within-round part).
 *
 * τ² is estimated from this benchmark's own rounds (both sides pooled, R_base + R_current − 2
 * degrees of freedom) *moderated* by a prior fitted on every benchmark of the run (and the
 * baseline's saved rounds): an empirical-Bayes variance in the manner of limma (Smyth 2004). With
 * 3 rounds a side a benchmark's own variance has 4 degrees of freedom and is often far too small
 * (all three rounds on the same kind of core); the prior keeps it honest, and its degrees of
 * freedom come from how alike the run's benchmarks are, so a machine whose benchmarks differ
 * widely in process-level spread gets a weak prior and each benchmark leans on its own rounds.
 *
 * With one round on each side the benchmark has no variance of its own: the prior alone says how
 * far two processes may differ. When no benchmark of the run has two rounds either, process-level
 * variance cannot be seen at all, and no significance is claimed (`unseen`).
 */
export interface ProcessSpread {
  /** Estimated sd between fresh processes, relative (exp(σ_p) − 1); null when it cannot be seen. */
  sd: number | null;
  /** Where it comes from. */
  source: 'own rounds' | 'own rounds and run' | 'run' | 'unseen';
  /** Degrees of freedom behind τ² (Infinity when the run's benchmarks agree exactly). */
  df: number;
}

export interface ProcessLevelComparison {
  /** Δ of the mean log round level, and its CI (log scale). */
  delta: { point: number; lower: number; upper: number; confidence: number };
  /** Two-sided p of "no difference"; NaN when process-level variance is unseen. */
  p: number;
  spread: ProcessSpread;
  roundsBase: number;
  roundsCurrent: number;
  samplesBase: number;
  samplesCurrent: number;
}

/** What one benchmark contributes to the run's prior: its pooled round-level variance and df. */
export interface RoundVariance {
  variance: number;
  df: number;
  /** Mean within-round variance of a level (from its samples), to subtract when reporting σ_p. */
  within: number;
  /**
   * The processes it ran in (its bench file, shared-process.ts): benchmarks with the same key saw
   * the same process offsets. Absent: taken to have had processes of its own.
   */
  process?: string;
}

export function roundVariance(levels: RoundLevels): RoundVariance {
  let ss = 0;
  let df = 0;
  for (const side of [levels.base, levels.current]) {
    if (side.length < 2) continue;
    const m = mean(side.map((r) => r.level));
    for (const r of side) ss += (r.level - m) ** 2;
    df += side.length - 1;
  }
  return { variance: df > 0 ? ss / df : NaN, df, within: meanWithin([...levels.base, ...levels.current]) };
}

function meanWithin(rounds: readonly RoundLevel[]): number {
  const known = rounds.map((r) => r.withinVariance).filter((v) => Number.isFinite(v));
  return known.length ? mean(known) : 0;
}

/**
 * The run-wide prior on the process-level (between-round) variance σ_p², with d0 degrees of freedom.
 * A benchmark's round level has variance σ_p² plus its own within-round part, which differs
 * between benchmarks for known reasons (samples per round, noise within a process); so the fit is
 * on each benchmark's round variance moved to the run's mean within part (v − w + w̄), and a
 * benchmark's prior round variance is σ_p² + its own w.
 */
export interface ProcessPrior {
  between: number;
  d0: number;
  fittedOn: number;
}

/** Fitted on every benchmark with two rounds on a side; null with fewer than two of them. */
export function runPrior(variances: readonly RoundVariance[], evidence?: ReadonlyMap<string, number>): ProcessPrior | null {
  const own = variances.filter((v) => v.df > 0 && Number.isFinite(v.variance));
  if (own.length < 2) return null;
  const wBar = mean(own.map((v) => v.within));
  const floor = Math.max(wBar, 1e-12) * 1e-3;
  const prior = fitVariancePrior(
    own.map((v) => Math.max(v.variance - v.within + wBar, floor)),
    own.map((v) => v.df),
  );
  if (!prior) return null;
  // Benchmarks that shared their processes saw the same offsets: their variances agree because
  // they measured the same few processes, not because the machine is known that well. The prior
  // holds no more evidence than the run's processes give (`evidence`: per process group, from
  // shared-process.ts; without this, 20 benchmarks of one file with 3+3 rounds made a 4-df
  // estimate look like a 100-df one). A benchmark with no group counts its own df.
  const groupsSeen = new Set<string>();
  let independentDf = 0;
  for (const v of own) {
    if (v.process === undefined || !evidence?.has(v.process)) independentDf += v.df;
    else if (!groupsSeen.has(v.process)) {
      groupsSeen.add(v.process);
      independentDf += evidence.get(v.process)!;
    }
  }
  return { between: Math.max(0, prior.s0sq - wBar), d0: Math.min(prior.d0, independentDf), fittedOn: prior.fittedOn };
}

/** τ² of one round level (process-level plus within-round part) with its df and source; null when unseen. */
export interface LevelVariance {
  tau2: number;
  df: number;
  source: Exclude<ProcessSpread['source'], 'unseen'>;
  /** Mean within-round variance of a level, the part of τ² that is not between processes. */
  within: number;
}

/** τ² from the benchmark's own rounds moderated by the prior, or either alone; null when neither exists. */
export function levelVariance(levels: RoundLevels, prior: ProcessPrior | null): LevelVariance | null {
  const own = roundVariance(levels);
  const within = own.within;
  if (own.df > 0 && prior) {
    const { variance, df } = moderatedVariance(own.variance, own.df, { s0sq: prior.between + within, d0: prior.d0 });
    return { tau2: variance, df, source: 'own rounds and run', within };
  }
  if (own.df > 0) return { tau2: own.variance, df: own.df, source: 'own rounds', within };
  if (prior) return { tau2: prior.between + within, df: prior.d0, source: 'run', within };
  return null;
}

/** The interval and two-sided p of a log difference with standard error `se` on `df` degrees of freedom. */
export function tInterval(point: number, se: number, df: number, confidence: number): { delta: ProcessLevelComparison['delta']; p: number } {
  const q = studentTQuantile(1 - (1 - confidence) / 2, df);
  const t = se > 0 ? point / se : point === 0 ? 0 : Math.sign(point) * Infinity;
  return { delta: { point, lower: point - q * se, upper: point + q * se, confidence }, p: studentTTwoSided(t, df) };
}

export function compareRoundLevels(levels: RoundLevels, prior: ProcessPrior | null, confidence: number): ProcessLevelComparison {
  const base = levels.base.map((r) => r.level);
  const current = levels.current.map((r) => r.level);
  const point = mean(current) - mean(base);
  const counts = {
    roundsBase: base.length,
    roundsCurrent: current.length,
    samplesBase: levels.base.reduce((a, r) => a + r.samples, 0),
    samplesCurrent: levels.current.reduce((a, r) => a + r.samples, 0),
  };
  const v = levelVariance(levels, prior);
  if (!v) {
    // Nothing says how far two processes differ: the interval covers within-process noise only,
    // and it is reported as such, with no p-value.
    const side = (rounds: readonly RoundLevel[]) => rounds.reduce((a, r) => a + (Number.isFinite(r.withinVariance) ? r.withinVariance : 0), 0) / rounds.length ** 2;
    const se = Math.sqrt(side(levels.base) + side(levels.current));
    const z = studentTQuantile(1 - (1 - confidence) / 2, Infinity);
    return { delta: { point, lower: point - z * se, upper: point + z * se, confidence }, p: NaN, spread: { sd: null, source: 'unseen', df: 0 }, ...counts };
  }
  const se = Math.sqrt(v.tau2 * (1 / base.length + 1 / current.length));
  return {
    ...tInterval(point, se, v.df, confidence),
    spread: { sd: Math.expm1(Math.sqrt(Math.max(0, v.tau2 - v.within))), source: v.source, df: v.df },
    ...counts,
  };
}

/**
 * One sentence for the reports: the process-level spread the run's wall-time verdicts rest on
 * (median over the benchmarks where it is known), and how many could not see it. Null when no
 * verdict compared round levels.
 */
export function processSpreadSummary(comparisons: readonly { comparison: { processSpread?: ProcessSpread } | null }[]): string | null {
  const spreads = comparisons.map((c) => c.comparison?.processSpread).filter((s): s is ProcessSpread => s !== undefined);
  if (spreads.length === 0) return null;
  const known = spreads.filter((s) => s.sd !== null).map((s) => s.sd!);
  const unseen = spreads.length - known.length;
  const parts: string[] = [];
  if (known.length > 0) {
    const pct = (x: number) => `±${(x * 100).toFixed(1)}%`;
    parts.push(
      `median ${pct(median(known))} (from ${pct(Math.min(...known))} to ${pct(Math.max(...known))}) over ${known.length} benchmark${known.length === 1 ? '' : 's'}, per benchmark in each verdict's reason`,
    );
  }
  if (unseen > 0) parts.push(`${unseen} compared with one round a side and nothing to estimate it from: not seen, no significance claimed (use --rounds ≥ 2)`);
  return `Process-level spread (sd between fresh processes): ${parts.join('; ')}.`;
}
