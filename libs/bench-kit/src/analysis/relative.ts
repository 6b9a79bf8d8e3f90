import type { ComparisonDeclaration } from '../define/suite.ts';
import type { BenchmarkResult } from '../results/schema.ts';
import { bootstrapRatioCI, type ConfidenceInterval } from '../stats/bootstrap.ts';
import { mean, median } from '../stats/descriptive.ts';
import { slopeThroughOrigin } from '../stats/regression.ts';

/**
 * Relative summaries: how a benchmark compares with its declared anchor in the same run
 * (`s.compare`), as hyperfine's "A ran 1.42 ± 0.03 times faster than B", with a bootstrap CI.
 */
export interface RelativeSummary {
  subject: string;
  /** The anchor's id, or what a ratio benchmark's samples are against (`wrk`). */
  anchor: string;
  kind: 'pair' | 'ratio';
  /**
   * `faster`: how many times as fast the subject ran (> 1: faster), for time and for rates;
   * `instructions`: the subject's instruction count as a multiple of the anchor's.
   */
  sense: 'faster' | 'instructions';
  /** The multiple with its 95% CI, or null when it could not be computed (see `note`). */
  ratio: ConfidenceInterval | null;
  note?: string;
}

/** What the bootstrap resamples for one benchmark, and the statistic that gives its estimate. */
interface Resampling {
  elements: unknown[];
  statistic: (xs: unknown[]) => number;
}

/**
 * The same statistic the result's estimate is: the median of round estimates with several rounds
 * (rounds are the independent units), else the slope over (iterations, total) pairs for linear
 * sampling, else the mean or median of the samples.
 */
function resamplingOf(b: BenchmarkResult): Resampling {
  if (b.roundEstimates && b.roundEstimates.length > 1) return { elements: b.roundEstimates, statistic: (xs) => median(xs as number[]) };
  if (b.estimate?.statistic === 'slope') {
    const pairs = b.samples.map((s, i): [number, number] => [b.iterations[i], s * b.iterations[i]]);
    return {
      elements: pairs,
      statistic: (xs) => {
        const p = xs as [number, number][];
        return slopeThroughOrigin(p.map((x) => x[0]), p.map((x) => x[1]));
      },
    };
  }
  if (b.estimate?.statistic === 'mean') return { elements: b.samples, statistic: (xs) => mean(xs as number[]) };
  return { elements: b.samples, statistic: (xs) => median(xs as number[]) };
}

function okWithEstimate(b: BenchmarkResult | undefined): b is BenchmarkResult & { estimate: NonNullable<BenchmarkResult['estimate']> } {
  return b !== undefined && b.status === 'ok' && b.estimate !== undefined && b.samples.length > 0;
}

/** One declared comparison against a run's results; undefined when a side is not in the run. */
export function relativeSummary(declaration: ComparisonDeclaration, results: ReadonlyMap<string, BenchmarkResult>): RelativeSummary | undefined {
  const subject = results.get(declaration.subject);
  if ('ratioTo' in declaration) {
    if (!subject) return undefined;
    const base = { subject: declaration.subject, anchor: declaration.ratioTo, kind: 'ratio' as const, sense: 'faster' as const };
    if (!okWithEstimate(subject)) return { ...base, ratio: null, note: `${subject.id} did not run ok` };
    if (subject.unit !== 'ratio') return { ...base, ratio: null, note: `${subject.id} reports ${subject.unit}, not a ratio` };
    const e = subject.estimate;
    // A ratio of times (lower is better) turns into "as fast as" by its reciprocal.
    const ratio = subject.lowerIsBetter ? { point: 1 / e.point, lower: 1 / e.upper, upper: 1 / e.lower, confidence: e.confidence } : { point: e.point, lower: e.lower, upper: e.upper, confidence: e.confidence };
    return { ...base, ratio };
  }
  const anchor = results.get(declaration.anchor);
  // A side that is not in the run (filtered out) leaves the comparison out; one that failed is said.
  if (!subject || !anchor) return undefined;
  const sense = subject.unit === 'instructions' ? ('instructions' as const) : ('faster' as const);
  const base = { subject: declaration.subject, anchor: declaration.anchor, kind: 'pair' as const, sense };
  for (const [id, r] of [[declaration.subject, subject], [declaration.anchor, anchor]] as const) {
    if (!okWithEstimate(r)) return { ...base, ratio: null, note: `${id} did not run ok` };
  }
  const s = subject;
  const a = anchor;
  if (s.unit !== a.unit || s.lowerIsBetter !== a.lowerIsBetter) {
    return { ...base, ratio: null, note: `not comparable: ${s.unit}${s.lowerIsBetter ? '' : ' (higher is better)'} against ${a.unit}${a.lowerIsBetter ? '' : ' (higher is better)'}` };
  }
  const rs = resamplingOf(s);
  const ra = resamplingOf(a);
  // Time: anchor/subject (twice the anchor's time = 2× as fast); rates: subject/anchor;
  // instruction counts: subject/anchor (the subject's count as a multiple of the anchor's).
  const subjectOverAnchor = !s.lowerIsBetter || sense === 'instructions';
  const ratio = subjectOverAnchor
    ? bootstrapRatioCI(rs.elements, rs.statistic, ra.elements, ra.statistic)
    : bootstrapRatioCI(ra.elements, ra.statistic, rs.elements, rs.statistic);
  return { ...base, ratio };
}

/** Every declared comparison that has a side in the run, in declaration order, each pair once. */
export function relativeSummaries(declarations: readonly ComparisonDeclaration[], results: readonly BenchmarkResult[]): RelativeSummary[] {
  const byId = new Map(results.map((b) => [b.id, b]));
  const seen = new Set<string>();
  const out: RelativeSummary[] = [];
  for (const d of declarations) {
    const key = `${d.subject}\u0000${'ratioTo' in d ? `ratio:${d.ratioTo}` : d.anchor}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const s = relativeSummary(d, byId);
    if (s) out.push(s);
  }
  return out;
}
