import type { LatencySummary } from '../driver/latency-histogram.ts';
import type { EndpointStats, K6Facts, LoadResult, ThresholdOutcome } from '../results/load-result.ts';

/**
 * The three shapes k6 writes a summary in, told apart by content (not by file name or flag):
 *
 * - `summary-export`: `--summary-export` (every k6 version; the default shape up to at least v2.2):
 *   `metrics.<name>` holds the stats flat (`count`, `rate`, `avg`, `p(95)`, a Rate's `value`,
 *   `passes`, `fails`), and `thresholds.<expr>` is **true when the threshold FAILED**.
 * - `handle-summary`: the object `handleSummary(data)` receives (k6 ≥ 0.30):
 *   `metrics.<name> = { type, contains, values: {...}, thresholds: { <expr>: { ok } } }`, plus
 *   `root_group`, `options`, `state.testRunDurationMs`.
 * - `machine-readable`: k6 ≥ 1.5 with `--new-machine-readable-summary` (or
 *   `K6_NEW_MACHINE_READABLE_SUMMARY`), for both `--summary-export` and `handleSummary`: schema
 *   `version` 1.x, `metadata`, `config.duration` (s), `results.metrics[] = { name, type, contains,
 *   values }`. k6 writes it through its JS layer, so the keys are snake_case (`generated_at`,
 *   `k6_version`), a Rate has `{ matches, total, rate }` and a Trend `avg min med max p90 p95` only;
 *   the schema repository's examples spell `generatedAt`, `p(90)`, `passes`/`fails`: both are read.
 *   It carries **no thresholds and no sub-metrics** (`http_req_duration{name:x}`): k6's exit code
 *   (99) is then the only word on thresholds, and per-endpoint figures are absent.
 */
export type K6SummaryFormat = K6Facts['format'];

export class K6SummaryError extends Error {
  constructor(message: string) {
    super(`k6 summary: ${message}`);
    this.name = 'K6SummaryError';
  }
}

type Values = Record<string, unknown>;

/** One metric, whatever the shape: its values and its thresholds (expression → passed). */
export interface K6Metric {
  values: Values;
  thresholds: Map<string, boolean>;
}

export interface K6Parsed {
  format: K6SummaryFormat;
  metrics: Map<string, K6Metric>;
  durationS?: number;
  k6Version?: string;
  schemaVersion?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function num(values: Values | undefined, ...keys: string[]): number {
  for (const k of keys) {
    const v = values?.[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return NaN;
}

function thresholdMap(raw: unknown, passedOf: (v: unknown) => boolean | undefined, name: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  if (raw === undefined) return out;
  if (!isObject(raw)) throw new K6SummaryError(`metric '${name}': 'thresholds' is not an object`);
  for (const [expr, v] of Object.entries(raw)) {
    const passed = passedOf(v);
    if (passed === undefined) throw new K6SummaryError(`metric '${name}': threshold '${expr}' has no recognisable outcome (${JSON.stringify(v)})`);
    out.set(expr, passed);
  }
  return out;
}

/** Tells the shape by content and brings every metric to one form (values as k6 wrote them). */
export function readK6Summary(data: unknown): K6Parsed {
  if (!isObject(data)) throw new K6SummaryError('not a JSON object');
  const results = data.results;
  if (typeof data.version === 'string' && isObject(results) && Array.isArray(results.metrics)) {
    if (!/^1\./.test(data.version)) throw new K6SummaryError(`machine-readable summary version ${data.version}: only 1.x is read`);
    const metrics = new Map<string, K6Metric>();
    for (const m of results.metrics) {
      if (!isObject(m) || typeof m.name !== 'string' || !isObject(m.values)) throw new K6SummaryError(`results.metrics[]: an entry without name or values (${JSON.stringify(m).slice(0, 120)})`);
      metrics.set(m.name, { values: m.values, thresholds: new Map() });
    }
    const meta = isObject(data.metadata) ? data.metadata : {};
    const version = meta.k6_version ?? meta.k6Version;
    const duration = isObject(data.config) ? data.config.duration : undefined;
    return {
      format: 'machine-readable',
      metrics,
      schemaVersion: data.version,
      ...(typeof version === 'string' ? { k6Version: version } : {}),
      ...(typeof duration === 'number' ? { durationS: duration } : {}),
    };
  }
  if (!isObject(data.metrics)) {
    throw new K6SummaryError("no 'metrics' object and no 'results.metrics' array: not a --summary-export file, handleSummary data or a machine-readable summary");
  }
  const entries = Object.entries(data.metrics);
  const wrapped = entries.length > 0 && entries.every(([, m]) => isObject(m) && isObject(m.values) && typeof m.type === 'string');
  const metrics = new Map<string, K6Metric>();
  if (wrapped) {
    for (const [name, m] of entries as [string, Record<string, unknown>][]) {
      metrics.set(name, { values: m.values as Values, thresholds: thresholdMap(m.thresholds, (v) => (isObject(v) && typeof v.ok === 'boolean' ? v.ok : undefined), name) });
    }
    const state = isObject(data.state) ? data.state : {};
    return { format: 'handle-summary', metrics, ...(typeof state.testRunDurationMs === 'number' ? { durationS: state.testRunDurationMs / 1000 } : {}) };
  }
  for (const [name, m] of entries) {
    if (!isObject(m)) throw new K6SummaryError(`metric '${name}' is not an object`);
    const { thresholds, ...values } = m;
    // --summary-export writes true for a threshold that FAILED.
    metrics.set(name, { values, thresholds: thresholdMap(thresholds, (v) => (typeof v === 'boolean' ? !v : undefined), name) });
  }
  return { format: 'summary-export', metrics };
}

/** Trend statistics; `p90`/`p95` are the machine-readable summary's keys for p(90)/p(95). Absent stats are NaN. */
function trend(values: Values | undefined, count: number): LatencySummary {
  return {
    count,
    min: num(values, 'min'),
    mean: num(values, 'avg'),
    p50: num(values, 'med'),
    p90: num(values, 'p(90)', 'p90'),
    p95: num(values, 'p(95)', 'p95'),
    p99: num(values, 'p(99)', 'p99'),
    p999: num(values, 'p(99.9)'),
    max: num(values, 'max'),
  };
}

/**
 * A Rate's true values (for http_req_failed: the failed requests). `passes` in the export and the
 * handleSummary data, `matches` in k6's machine-readable summary. The schema repository's example
 * has `passes`/`fails` described as successes/failures, the opposite of k6's Rate, so for that shape
 * only the rate (the true fraction in every k6 shape) times the total is trusted.
 */
function rateTrue(values: Values | undefined, format: K6SummaryFormat, total: number): number {
  const direct = format === 'machine-readable' ? num(values, 'matches') : num(values, 'passes');
  return Number.isFinite(direct) ? direct : Math.round(num(values, 'rate', 'value') * total);
}

/** A threshold expression's aggregation, looked up in the metric's values. */
function actualOf(expression: string, values: Values): number | undefined {
  const agg = /^\s*(avg|min|med|max|p\([\d.]+\)|rate|count|value)/.exec(expression)?.[1];
  if (!agg) return undefined;
  const v = num(values, ...(agg === 'rate' || agg === 'value' ? ['rate', 'value'] : [agg]));
  return Number.isFinite(v) ? v : undefined;
}

/**
 * Parses a k6 summary in any of its three shapes (see `K6SummaryFormat`) into the common result;
 * `result.k6` says which shape it was and what it could not carry.
 */
export function parseK6Summary(json: string, options: { scenario: string; durationS?: number }): LoadResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw new K6SummaryError(`not JSON: ${(err as Error).message}`);
  }
  const s = readK6Summary(data);
  const m = s.metrics;
  const reqs = m.get('http_reqs');
  if (!reqs) throw new K6SummaryError("no 'http_reqs' metric (did the script make any HTTP request?)");
  const requests = num(reqs.values, 'count');
  if (!Number.isFinite(requests)) throw new K6SummaryError("'http_reqs' has no count");
  const failed = m.get('http_req_failed')?.values;
  const failures = failed ? rateTrue(failed, s.format, requests) : 0;

  const thresholds: ThresholdOutcome[] = [];
  const endpoints: Record<string, EndpointStats> = {};
  for (const [name, metric] of m) {
    for (const [expression, passed] of metric.thresholds) {
      const actual = actualOf(expression, metric.values);
      thresholds.push({ metric: name, expression, ...(actual !== undefined ? { actual } : {}), passed });
    }
    const sub = /^http_req_duration\{name:(.+)\}$/.exec(name);
    if (sub) {
      const count = num(metric.values, 'count');
      endpoints[sub[1]] = { requests: Number.isFinite(count) ? count : 0, failures: 0, latencyMs: trend(metric.values, Number.isFinite(count) ? count : 0) };
    }
  }
  // The machine-readable summary has Counter rates only in the schema repository's examples.
  const rate = num(reqs.values, 'rate');
  const durationS = options.durationS ?? s.durationS ?? (rate > 0 ? requests / rate : NaN);
  const iterations = num(m.get('iterations')?.values, 'count');
  const dropped = num(m.get('dropped_iterations')?.values, 'count');
  return {
    tool: 'k6',
    scenario: options.scenario,
    durationS,
    requests,
    failures,
    requestsPerSecond: Number.isFinite(rate) ? rate : requests / durationS,
    latencyMs: trend(m.get('http_req_duration')?.values, requests),
    statusCodes: {},
    errors: {},
    iterations: Number.isFinite(iterations) ? iterations : 0,
    droppedIterations: Number.isFinite(dropped) ? dropped : 0,
    interruptedRequests: 0,
    intervals: [],
    endpoints,
    thresholds,
    k6: {
      format: s.format,
      ...(s.k6Version ? { k6Version: s.k6Version } : {}),
      ...(s.schemaVersion ? { schemaVersion: s.schemaVersion } : {}),
      thresholdsIncluded: s.format !== 'machine-readable',
    },
  };
}
