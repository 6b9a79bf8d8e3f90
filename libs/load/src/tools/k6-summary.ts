import type { LatencySummary } from '../driver/latency-histogram.ts';
import type { EndpointStats, LoadResult, ThresholdOutcome } from '../results/load-result.ts';

/** A metric in k6's legacy `--summary-export` JSON. */
export interface K6SummaryMetric {
  /** Trend: avg, min, med, max, p(90), p(95), ...; counter: count, rate; rate: passes, fails, value; gauge: value, min, max. */
  [stat: string]: number | Record<string, boolean> | undefined;
  /**
   * Threshold expression → true when it FAILED. (The legacy export's booleans are inverted
   * compared with what one would guess: `"p(95)<500": true` means the threshold was crossed.)
   */
  thresholds?: Record<string, boolean>;
}

export interface K6Summary {
  metrics: Record<string, K6SummaryMetric>;
  root_group?: unknown;
}

export class K6SummaryError extends Error {
  constructor(message: string) {
    super(`k6 summary export: ${message}`);
    this.name = 'K6SummaryError';
  }
}

function stat(m: K6SummaryMetric | undefined, key: string): number {
  const v = m?.[key];
  return typeof v === 'number' ? v : NaN;
}

function orZero(n: number): number {
  return Number.isFinite(n) ? n : 0;
}

function trend(m: K6SummaryMetric | undefined, count: number): LatencySummary {
  return {
    count,
    min: orZero(stat(m, 'min')),
    mean: orZero(stat(m, 'avg')),
    p50: orZero(stat(m, 'med')),
    p90: orZero(stat(m, 'p(90)')),
    p95: orZero(stat(m, 'p(95)')),
    // Present when the script sets summaryTrendStats (ours do); NaN → 0 otherwise.
    p99: orZero(stat(m, 'p(99)')),
    p999: orZero(stat(m, 'p(99.9)')),
    max: orZero(stat(m, 'max')),
  };
}

/** Parses k6's `--summary-export` file (the legacy format) into the common result. */
export function parseK6Summary(json: string, options: { scenario: string; durationS?: number }): LoadResult {
  let data: K6Summary;
  try {
    data = JSON.parse(json) as K6Summary;
  } catch (err) {
    throw new K6SummaryError(`not JSON: ${(err as Error).message}`);
  }
  if (!data || typeof data !== 'object' || !data.metrics || typeof data.metrics !== 'object') throw new K6SummaryError("no 'metrics' object");
  const m = data.metrics;
  const reqs = m.http_reqs;
  if (!reqs) throw new K6SummaryError("no 'http_reqs' metric (did the script make any HTTP request?)");
  const requests = orZero(stat(reqs, 'count'));
  const rate = orZero(stat(reqs, 'rate'));
  const failed = m.http_req_failed;
  // For a Rate metric, `passes` counts true values: here, failed requests.
  const failures = Number.isFinite(stat(failed, 'passes')) ? stat(failed, 'passes') : Math.round(orZero(stat(failed, 'value')) * requests);

  const thresholds: ThresholdOutcome[] = [];
  const endpoints: Record<string, EndpointStats> = {};
  for (const [name, metric] of Object.entries(m)) {
    for (const [expression, failedFlag] of Object.entries(metric.thresholds ?? {})) {
      const agg = /^(avg|min|med|max|p\([\d.]+\)|rate|count|value)/.exec(expression)?.[1];
      const actual = agg ? stat(metric, agg === 'rate' && !('rate' in metric) ? 'value' : agg) : NaN;
      thresholds.push({ metric: name, expression, ...(Number.isFinite(actual) ? { actual } : {}), passed: failedFlag === false });
    }
    const sub = /^http_req_duration\{name:(.+)\}$/.exec(name);
    if (sub) endpoints[sub[1]] = { requests: orZero(stat(metric, 'count')), failures: 0, latencyMs: trend(metric, orZero(stat(metric, 'count'))) };
  }
  const durationS = options.durationS ?? (rate > 0 ? requests / rate : 0);
  return {
    tool: 'k6',
    scenario: options.scenario,
    durationS,
    requests,
    failures,
    requestsPerSecond: rate,
    latencyMs: trend(m.http_req_duration, requests),
    statusCodes: {},
    errors: {},
    iterations: orZero(stat(m.iterations, 'count')),
    droppedIterations: orZero(stat(m.dropped_iterations, 'count')),
    interruptedRequests: 0,
    intervals: [],
    endpoints,
    thresholds,
  };
}
