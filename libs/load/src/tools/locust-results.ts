import type { LatencySummary } from '../driver/latency-histogram.ts';
import { evaluateThresholds, type Aggregation, type ParsedThreshold } from '../driver/thresholds.ts';
import type { EndpointStats, IntervalStats, LoadResult } from '../results/load-result.ts';
import { csvRecords, CsvFormatError } from './csv.ts';

/** The CSV files Locust writes with `--csv <prefix>` (2.12 column names). */
export interface LocustCsv {
  stats: string;
  history?: string;
  failures?: string;
}

const STATS_COLUMNS = ['Type', 'Name', 'Request Count', 'Failure Count', 'Average Response Time', 'Min Response Time', 'Max Response Time', 'Requests/s', '50%', '90%', '95%', '99%'];
const HISTORY_COLUMNS = ['Timestamp', 'User Count', 'Name', 'Total Request Count', 'Total Failure Count', '50%', '99%', '100%'];
const FAILURE_COLUMNS = ['Method', 'Name', 'Error', 'Occurrences'];
/** Percentile columns of _stats.csv, as numbers. */
const PERCENTILES = [50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100];

/** Locust writes N/A where it has no data. */
function num(v: string | undefined): number {
  if (v === undefined || v === '' || v === 'N/A') return NaN;
  return Number(v);
}

function orZero(n: number): number {
  return Number.isFinite(n) ? n : 0;
}

function latencyOf(row: Record<string, string>): LatencySummary {
  return {
    count: orZero(num(row['Request Count'])),
    min: orZero(num(row['Min Response Time'])),
    mean: orZero(num(row['Average Response Time'])),
    p50: orZero(num(row['50%'])),
    p90: orZero(num(row['90%'])),
    p95: orZero(num(row['95%'])),
    p99: orZero(num(row['99%'])),
    p999: orZero(num(row['99.9%'])),
    max: orZero(num(row['Max Response Time'])),
  };
}

/**
 * Reduces Locust's CSV output to the common result. Latencies are Locust's (ms; its percentiles
 * are approximations rounded to 2 significant digits); per-second rates come from the history's
 * running totals, which is exact where Locust's own "Requests/s" column is a moving average.
 */
export function parseLocustCsv(csv: LocustCsv, options: { scenario: string; durationS?: number; thresholds?: readonly ParsedThreshold[] }): LoadResult {
  const stats = csvRecords(csv.stats, '_stats.csv', STATS_COLUMNS);
  const aggregated = stats.find((r) => r.Name === 'Aggregated' && r.Type === '');
  if (!aggregated) throw new CsvFormatError('_stats.csv', "no 'Aggregated' row");
  const endpoints: Record<string, EndpointStats> = {};
  for (const r of stats) {
    if (r === aggregated) continue;
    const key = endpoints[r.Name] ? `${r.Type} ${r.Name}` : r.Name;
    endpoints[key] = { requests: orZero(num(r['Request Count'])), failures: orZero(num(r['Failure Count'])), latencyMs: latencyOf(r) };
  }

  const intervals: IntervalStats[] = [];
  let durationS = options.durationS;
  if (csv.history) {
    const rows = csvRecords(csv.history, '_stats_history.csv', HISTORY_COLUMNS).filter((r) => r.Name === 'Aggregated');
    const t0 = rows.length > 0 ? num(rows[0].Timestamp) : NaN;
    for (let i = 1; i < rows.length; i++) {
      const prev = rows[i - 1];
      const cur = rows[i];
      const dt = num(cur.Timestamp) - num(prev.Timestamp);
      if (!(dt > 0)) continue;
      const requests = num(cur['Total Request Count']) - num(prev['Total Request Count']);
      const failures = num(cur['Total Failure Count']) - num(prev['Total Failure Count']);
      intervals.push({
        second: num(prev.Timestamp) - t0,
        requests: orZero(requests),
        failures: orZero(failures),
        requestsPerSecond: orZero(requests) / dt,
        droppedIterations: 0,
        // The history's percentiles cover a recent window, not exactly this second.
        p50Ms: orZero(num(cur['50%'])),
        p99Ms: orZero(num(cur['99%'])),
        maxMs: orZero(num(cur['100%'])),
        users: orZero(num(cur['User Count'])),
      });
    }
    if (durationS === undefined && rows.length > 1) durationS = num(rows[rows.length - 1].Timestamp) - t0;
  }

  const errors: Record<string, number> = {};
  if (csv.failures) {
    for (const f of csvRecords(csv.failures, '_failures.csv', FAILURE_COLUMNS)) {
      errors[`${f.Method} ${f.Name}: ${f.Error}`] = orZero(num(f.Occurrences));
    }
  }

  const requests = orZero(num(aggregated['Request Count']));
  const failures = orZero(num(aggregated['Failure Count']));
  const rps = orZero(num(aggregated['Requests/s']));
  const latencyMs = latencyOf(aggregated);
  const d = durationS ?? (rps > 0 ? requests / rps : 0);
  const lookup = (metric: string, tags: Record<string, string>, agg: Aggregation): number | undefined => {
    const row = tags.name !== undefined ? stats.find((r) => r.Name === tags.name) : aggregated;
    if (!row) return undefined;
    const n = orZero(num(row['Request Count']));
    if (metric === 'http_req_duration') {
      if (n === 0) return undefined;
      if (agg.kind === 'percentile') {
        // Locust only writes fixed percentiles: use the smallest written one at or above the asked.
        const p = PERCENTILES.find((q) => q >= agg.p);
        const v = p === undefined ? NaN : num(row[p === 100 ? '100%' : `${p}%`]);
        return Number.isFinite(v) ? v : undefined;
      }
      const l = latencyOf(row);
      return agg.kind === 'avg' ? l.mean : agg.kind === 'min' ? l.min : agg.kind === 'med' ? l.p50 : agg.kind === 'max' ? l.max : undefined;
    }
    if (metric === 'http_req_failed') return n === 0 ? undefined : orZero(num(row['Failure Count'])) / n;
    if (metric === 'http_reqs') return agg.kind === 'rate' ? orZero(num(row['Requests/s'])) : n;
    return undefined;
  };
  return {
    tool: 'locust',
    scenario: options.scenario,
    durationS: d,
    requests,
    failures,
    requestsPerSecond: rps,
    latencyMs,
    statusCodes: {},
    errors,
    iterations: requests,
    droppedIterations: 0,
    interruptedRequests: 0,
    intervals,
    endpoints,
    thresholds: evaluateThresholds(options.thresholds ?? [], lookup),
  };
}
