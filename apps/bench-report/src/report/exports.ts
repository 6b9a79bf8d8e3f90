import type { SampleUnit } from '@workflow-bench/bench-kit';
import { displayName, measureOf } from '../measure/measure-key.ts';
import type { Report } from './report-model.ts';

/** Bencher Metric Format: `{ <benchmark>: { <measure slug>: { value, lower_value, upper_value } } }`. */
export type BencherMetricFormat = Record<string, Record<string, { value: number; lower_value?: number; upper_value?: number }>>;

/** github-action-benchmark's `customSmallerIsBetter` / `customBiggerIsBetter` entries. */
export interface GithubActionBenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

/**
 * Our units that one of Bencher's built-in measures states exactly (slugs and units from Bencher's
 * `lib/bencher_json/src/project/measure/built_in.rs`): `latency` is nanoseconds; `throughput` is
 * "operations / second (ops/s)", and a request or a generated token is the operation of a
 * requests/s or tokens/s benchmark; `instructions` is the built-in of Bencher's callgrind-based
 * adapters. Bencher has no built-in for bytes (its `file-size` and `allocated` mean something
 * narrower than our memory and size samples), MiB/s or ratios: those get a slug of their own.
 */
export const BENCHER_BUILT_IN: Readonly<Partial<Record<SampleUnit, string>>> = {
  ns: 'latency',
  'ops/s': 'throughput',
  'requests/s': 'throughput',
  'tokens/s': 'throughput',
  instructions: 'instructions',
};

/** The Bencher measure slug for a unit: the built-in one where it fits, else a slug made from the unit. */
export function bencherMeasure(unit: SampleUnit): string {
  return BENCHER_BUILT_IN[unit] ?? unit.replace(/\//g, '-per-').replace(/[^a-zA-Z0-9-]/g, '-').toLowerCase();
}

/**
 * One Bencher benchmark per id; wall time (`latency`) and instruction counts (`instructions`) of
 * the same id are two measures of it, which is how Bencher models them. A measure slug is suffixed
 * with `-instructions` in the (unlikely) case an instruction-count result is not in instructions.
 */
export function toBencher(report: Report): BencherMetricFormat {
  const out: BencherMetricFormat = {};
  for (const b of report.benchmarks) {
    if (b.status !== 'ok' || !b.estimate) continue;
    let slug = bencherMeasure(b.unit);
    if (measureOf(b) === 'instructions' && slug !== 'instructions') slug = `${slug}-instructions`;
    out[b.id] = { ...out[b.id], [slug]: { value: b.estimate.point, lower_value: b.estimate.lower, upper_value: b.estimate.upper } };
  }
  return out;
}

/**
 * Entries for one direction: smaller-is-better (times, instructions) or bigger-is-better (rates).
 * github-action-benchmark keys its series by name, so instruction counts are named
 * `<id> [instructions]` and never overwrite the wall-time series of the same id.
 */
export function toGithubActionBenchmark(report: Report, smallerIsBetter: boolean): GithubActionBenchmarkEntry[] {
  return report.benchmarks
    .filter((b) => b.status === 'ok' && b.estimate && b.lowerIsBetter === smallerIsBetter)
    .map((b) => ({
      name: displayName(b.id, measureOf(b)),
      unit: b.unit,
      value: b.estimate!.point,
      range: `± ${((b.estimate!.upper - b.estimate!.lower) / 2).toPrecision(3)}`,
      extra: `${b.estimate!.statistic} of ${b.samples.length} samples; 95% CI [${b.estimate!.lower.toPrecision(4)}, ${b.estimate!.upper.toPrecision(4)}]`,
    }));
}
