import type { BenchmarkResult, Estimate, SampleStatistics, ThroughputResult } from '../results/schema.ts';
import type { RawBenchmark } from '../runner/protocol.ts';
import { bootstrapCI, bootstrapPairedCI, type ConfidenceInterval } from '../stats/bootstrap.ts';
import { mad, max, mean, median, min, quantileSorted, sorted, stdDev } from '../stats/descriptive.ts';
import { countOutliers } from '../stats/outliers.ts';
import { rSquared, slopeThroughOrigin } from '../stats/regression.ts';

export interface AnalysisContext {
  project: string;
  emptyFunctionNs: number;
  /** Relative spread (MAD / median) above which a benchmark is flagged noisy. */
  noisyMadRatio?: number;
}

/** Per-iteration values of a raw benchmark. */
export function perIteration(raw: RawBenchmark): number[] {
  return raw.values.map((v, i) => v / raw.iterations[i]);
}

export function describe(values: readonly number[], raw?: RawBenchmark): SampleStatistics {
  const s = sorted(values);
  const m = mean(values);
  const sd = stdDev(values);
  const stats: SampleStatistics = {
    n: values.length,
    mean: m,
    median: median(values),
    stdDev: sd,
    mad: mad(values),
    min: min(values),
    max: max(values),
    p50: quantileSorted(s, 0.5),
    p75: quantileSorted(s, 0.75),
    p90: quantileSorted(s, 0.9),
    p99: quantileSorted(s, 0.99),
    cv: m === 0 ? 0 : sd / m,
  };
  if (raw && raw.samplingMode === 'linear') {
    const b = slopeThroughOrigin(raw.iterations, raw.values);
    stats.slope = { value: b, r2: rSquared(raw.iterations, raw.values, b) };
  }
  return stats;
}

function estimateOf(raw: RawBenchmark, values: number[]): ConfidenceInterval {
  switch (raw.statistic) {
    case 'slope':
      return bootstrapPairedCI(raw.iterations, raw.values, slopeThroughOrigin);
    case 'mean':
      return bootstrapCI(values, mean);
    default:
      return bootstrapCI(values, median);
  }
}

function throughputOf(raw: RawBenchmark, estimate: Estimate): ThroughputResult | undefined {
  if (!raw.throughput || raw.unit !== 'ns') return undefined;
  const per = raw.throughput.perIteration;
  const rate = (ns: number) => (ns > 0 ? (per * 1e9) / ns : NaN);
  return {
    unit: raw.throughput.unit,
    perIteration: per,
    perSecond: { point: rate(estimate.point), lower: rate(estimate.upper), upper: rate(estimate.lower) },
  };
}

function formatPct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/**
 * Turns the raw measurements of one benchmark (one entry per round, each from a fresh process)
 * into its result: statistics, estimate with bootstrap CI, outliers, throughput and warnings.
 * With several rounds, the rounds are the independent units: the estimate is the median of the
 * per-round estimates and its CI is bootstrapped over rounds.
 */
export function analyse(rounds: readonly RawBenchmark[], ctx: AnalysisContext): BenchmarkResult {
  const first = rounds[0];
  const ok = rounds.filter((r) => r.status === 'ok');
  const base: BenchmarkResult = {
    id: first.id,
    project: ctx.project,
    group: first.group,
    ...(first.name !== undefined ? { name: first.name } : {}),
    ...(first.param !== undefined ? { param: first.param } : {}),
    status: first.status,
    unit: first.unit,
    lowerIsBetter: first.lowerIsBetter,
    measure: first.unit === 'instructions' ? 'instructions' : first.kind === 'custom' ? 'custom' : 'time',
    samplingMode: first.samplingMode,
    samples: [],
    iterations: [],
    warnings: [],
    durationMs: rounds.reduce((a, r) => a + r.durationMs, 0),
  };
  const notOk = rounds.find((r) => r.status !== 'ok');
  if (notOk || ok.length === 0) {
    const r = notOk ?? first;
    return { ...base, status: r.status, reason: r.reason, ...(r.error ? { error: r.error } : {}) };
  }

  const perRound = ok.map((r) => ({ raw: r, values: perIteration(r) }));
  const samples = perRound.flatMap((r) => r.values);
  const iterations = ok.flatMap((r) => r.iterations);
  const roundCIs = perRound.map((r) => estimateOf(r.raw, r.values));
  let ci: ConfidenceInterval;
  let statistic: Estimate['statistic'] = first.statistic;
  if (ok.length > 1) {
    const points = roundCIs.map((c) => c.point);
    ci = bootstrapCI(points, median);
    statistic = 'median';
  } else {
    ci = roundCIs[0];
  }
  const estimate: Estimate = { point: ci.point, lower: ci.lower, upper: ci.upper, statistic, confidence: ci.confidence };
  const stats = describe(samples, ok.length === 1 ? first : undefined);
  const warnings = [...new Set(ok.flatMap((r) => r.warnings))];

  if (first.kind === 'timed' && first.unit === 'ns' && ctx.emptyFunctionNs > 0 && estimate.point < 1.5 * ctx.emptyFunctionNs) {
    warnings.push(
      `estimate ${estimate.point.toFixed(2)} ns is within 1.5x of an empty function (${ctx.emptyFunctionNs.toFixed(2)} ns): the work was probably optimised away`,
    );
  }
  const spread = stats.median === 0 ? 0 : stats.mad / Math.abs(stats.median);
  if (spread > (ctx.noisyMadRatio ?? 0.1)) {
    warnings.push(`high relative spread: MAD is ${formatPct(spread)} of the median; compare with care or use more rounds`);
  }
  if (stats.slope && stats.slope.r2 < 0.9) {
    warnings.push(`poor linear fit (R² = ${stats.slope.r2.toFixed(3)}): time did not grow in proportion to iterations`);
  }
  const outliers = countOutliers(samples);
  const severe = outliers.highSevere + outliers.lowSevere;
  if (samples.length >= 10 && severe / samples.length > 0.1) {
    warnings.push(`${severe} of ${samples.length} samples are severe outliers (beyond 3 IQR)`);
  }

  const memory = ok.map((r) => r.memory).filter((m) => m !== undefined).at(-1);
  const metrics = ok.at(-1)?.metrics;
  const details = ok.at(-1)?.details;
  return {
    ...base,
    status: 'ok',
    samples,
    iterations,
    ...(ok.length > 1
      ? { roundEstimates: roundCIs.map((c) => c.point), roundSampleCounts: perRound.map((r) => r.values.length) }
      : {}),
    estimate,
    stats,
    outliers,
    ...(first.throughput ? { throughput: throughputOf(first, estimate) } : {}),
    ...(memory ? { memory } : {}),
    ...(metrics ? { metrics } : {}),
    ...(details ? { details } : {}),
    warnings,
  };
}
