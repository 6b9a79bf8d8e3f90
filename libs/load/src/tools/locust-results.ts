import type { LatencySummary } from '../driver/latency-histogram.ts';
import { evaluateThresholds, type Aggregation, type ParsedThreshold } from '../driver/thresholds.ts';
import type { EndpointStats, IntervalStats, LoadResult, LocustFacts, LocustWorkerCount } from '../results/load-result.ts';
import { csvRecords, CsvFormatError } from './csv.ts';
import { locustLogSpanS, parseLocustPrintedSummary, type LocustEntry } from './locust-summary.ts';

/**
 * The facts the repo's locustfile writes at exit (`--wb-run-file`): epoch seconds of the run's
 * start (test_start), of the last request any generator made, and of test_stop; per-worker counts.
 */
export interface LocustRunFacts {
  role: 'master' | 'local';
  startTime: number | null;
  endTime: number | null;
  stopTime: number | null;
  requests: number;
  maxRequests: number;
  workers: Record<string, { requests: number }>;
}

/** What a Locust 2.12 run leaves: the CSV files of `--csv <prefix>` and what it printed. */
export interface LocustOutput {
  /** `<prefix>_stats.csv` */
  stats: string;
  /** `<prefix>_stats_history.csv` */
  history?: string;
  /** `<prefix>_failures.csv` */
  failures?: string;
  /** Locust's output (stderr): its final summary, when present, is the source of the totals. */
  printed?: string;
  runFacts?: LocustRunFacts;
  /** Requests each local worker counted itself (client id → requests). */
  workerOwnCounts?: ReadonlyMap<string, number>;
}

export interface LocustParseOptions {
  scenario: string;
  /** The run's duration as the caller measured it (used without run facts). */
  durationS?: number;
  thresholds?: readonly ParsedThreshold[];
  /**
   * Merge history rows into intervals of at least this many seconds (default 1). A master's history
   * counts requests when the workers' reports arrive (every 3 s), so per-second rates are lumpy.
   */
  minIntervalS?: number;
}

const STATS_COLUMNS = ['Type', 'Name', 'Request Count', 'Failure Count', 'Median Response Time', 'Average Response Time', 'Min Response Time', 'Max Response Time', 'Requests/s', 'Failures/s', '50%', '90%', '95%', '99%'];
const HISTORY_COLUMNS = ['Timestamp', 'User Count', 'Name', 'Total Request Count', 'Total Failure Count', '50%', '99%', '100%'];
const FAILURE_COLUMNS = ['Method', 'Name', 'Error', 'Occurrences'];

/** Locust writes N/A where it has no data. */
function num(v: string | undefined): number {
  if (v === undefined || v === '' || v === 'N/A') return NaN;
  return Number(v);
}

function orZero(n: number): number {
  return Number.isFinite(n) ? n : 0;
}

function percentileColumns(row: Record<string, string>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [column, value] of Object.entries(row)) {
    const m = /^(\d+(?:\.\d+)?)%$/.exec(column);
    if (m && Number.isFinite(num(value))) out.set(Number(m[1]), num(value));
  }
  return out;
}

function entryOfCsvRow(r: Record<string, string>): LocustEntry {
  return {
    type: r.Type,
    name: r.Name,
    requests: orZero(num(r['Request Count'])),
    failures: orZero(num(r['Failure Count'])),
    mean: orZero(num(r['Average Response Time'])),
    min: orZero(num(r['Min Response Time'])),
    max: orZero(num(r['Max Response Time'])),
    median: orZero(num(r['Median Response Time'])),
    requestsPerSecond: orZero(num(r['Requests/s'])),
    failuresPerSecond: orZero(num(r['Failures/s'])),
    percentiles: percentileColumns(r),
  };
}

function latencyOf(e: LocustEntry): LatencySummary {
  const p = (q: number) => e.percentiles.get(q) ?? 0;
  return { count: e.requests, min: e.min, mean: e.mean, p50: p(50), p90: p(90), p95: p(95), p99: p(99), p999: p(99.9), max: e.max };
}

/**
 * The final statistics: the printed summary's where Locust printed one, else the last CSV write.
 * Where a CSV row has the same count as the printed row it is the same final state, and its times
 * are kept (the summary truncates them to whole ms).
 */
function finalEntries(csvEntries: LocustEntry[], printed: string | undefined): { entries: LocustEntry[]; printedErrors?: Map<string, number> } {
  const summary = printed ? parseLocustPrintedSummary(printed) : undefined;
  if (!summary) return { entries: csvEntries };
  const entries = [...summary.entries, summary.aggregated].map((p) => {
    const c = csvEntries.find((e) => e.type === p.type && e.name === p.name);
    return c && c.requests === p.requests && c.failures === p.failures ? { ...c, requestsPerSecond: p.requestsPerSecond, failuresPerSecond: p.failuresPerSecond } : p;
  });
  return { entries, printedErrors: summary.errors };
}

function historyIntervals(text: string, minIntervalS: number): { intervals: IntervalStats[]; first?: number; last?: number; lastTotal?: number; fullHistory: boolean } {
  const all = csvRecords(text, '_stats_history.csv', HISTORY_COLUMNS);
  const rows = all.filter((r) => r.Name === 'Aggregated').sort((a, b) => num(a.Timestamp) - num(b.Timestamp));
  // --csv-full-history adds one row per request name to every interval.
  const fullHistory = all.some((r) => r.Name !== 'Aggregated');
  if (rows.length === 0) return { intervals: [], fullHistory };
  const t0 = num(rows[0].Timestamp);
  const intervals: IntervalStats[] = [];
  const interval = (prev: Record<string, string>, cur: Record<string, string>, dt: number): IntervalStats => {
    const requests = orZero(num(cur['Total Request Count']) - num(prev['Total Request Count']));
    return {
      second: num(prev.Timestamp) - t0,
      requests,
      failures: orZero(num(cur['Total Failure Count']) - num(prev['Total Failure Count'])),
      requestsPerSecond: requests / dt,
      droppedIterations: 0,
      p50Ms: orZero(num(cur['50%'])),
      p99Ms: orZero(num(cur['99%'])),
      maxMs: orZero(num(cur['100%'])),
      users: orZero(num(cur['User Count'])),
    };
  };
  let prev = rows[0];
  for (const cur of rows.slice(1)) {
    const dt = num(cur.Timestamp) - num(prev.Timestamp);
    // Rows of the same second, or closer than the wanted interval, carry over to the next one.
    if (!(dt >= minIntervalS)) continue;
    intervals.push(interval(prev, cur, dt));
    prev = cur;
  }
  const last = rows[rows.length - 1];
  const rest = num(last.Timestamp) - num(prev.Timestamp);
  if (rest > 0) intervals.push(interval(prev, last, rest));
  // A master keeps writing rows while it waits for the workers' last reports: idle seconds, not load.
  while (intervals.length > 0 && intervals[intervals.length - 1].requests === 0 && intervals[intervals.length - 1].users === 0) intervals.pop();
  return { intervals, first: t0, last: num(last.Timestamp), lastTotal: orZero(num(last['Total Request Count'])), fullHistory };
}

function workerCounts(output: LocustOutput): LocustWorkerCount[] | undefined {
  const ids = new Set([...Object.keys(output.runFacts?.workers ?? {}), ...(output.workerOwnCounts?.keys() ?? [])]);
  if (ids.size === 0) return undefined;
  return [...ids].sort().map((id) => {
    const own = output.workerOwnCounts?.get(id);
    return { id, reportedRequests: output.runFacts?.workers[id]?.requests ?? 0, ...(own !== undefined ? { ownRequests: own } : {}) };
  });
}

/**
 * Reduces a Locust 2.12 run to the common result.
 *
 * - Totals (requests, failures, latencies, errors) come from the summary Locust prints at exit when
 *   the output is given: `_stats.csv` is rewritten once a second and its last write can trail the
 *   end of the run. Without it the figures are the last CSV write, and `locust.totals` says so.
 * - The duration comes from the run: the locustfile's run facts (start to last request), else
 *   Locust's log lines ("Ramping to" → "--run-time limit reached"), else the caller's measurement,
 *   else Locust's own requests ÷ req/s; never from the history, which Locust
 *   flushes every 10 s and not at exit (`locust.historyPartial` marks a history that stops early).
 * - Per-interval rates come from the history's running totals (exact, where Locust's "Requests/s"
 *   is a moving average); its percentiles are cumulative since the start (`locust.intervalPercentiles`).
 * Latencies are Locust's (ms; percentiles approximated to 2 significant digits).
 */
export function parseLocustCsv(output: LocustOutput, options: LocustParseOptions): LoadResult {
  const csvEntries = csvRecords(output.stats, '_stats.csv', STATS_COLUMNS).map(entryOfCsvRow);
  if (!csvEntries.some((e) => e.type === '' && e.name === 'Aggregated')) throw new CsvFormatError('_stats.csv', "no 'Aggregated' row");
  const { entries, printedErrors } = finalEntries(csvEntries, output.printed);
  const aggregated = entries.find((e) => e.type === '' && e.name === 'Aggregated')!;
  const named = entries.filter((e) => e !== aggregated);

  const endpoints: Record<string, EndpointStats> = {};
  for (const e of named) {
    const key = endpoints[e.name] ? `${e.type} ${e.name}` : e.name;
    endpoints[key] = { requests: e.requests, failures: e.failures, latencyMs: latencyOf(e) };
  }

  const errors: Record<string, number> = {};
  if (printedErrors) {
    for (const [k, v] of printedErrors) errors[k] = v;
  } else if (output.failures) {
    for (const f of csvRecords(output.failures, '_failures.csv', FAILURE_COLUMNS)) errors[`${f.Method} ${f.Name}: ${f.Error}`] = orZero(num(f.Occurrences));
  }

  const requests = aggregated.requests;
  const facts = output.runFacts;
  let durationS: number;
  let durationFrom: LocustFacts['duration'];
  const logSpanS = output.printed ? locustLogSpanS(output.printed) : undefined;
  if (facts?.startTime && facts.endTime && facts.endTime > facts.startTime) {
    durationS = facts.endTime - facts.startTime;
    durationFrom = 'run';
  } else if (logSpanS !== undefined) {
    durationS = logSpanS;
    durationFrom = 'locust-log';
  } else if (options.durationS !== undefined) {
    durationS = options.durationS;
    durationFrom = 'caller';
  } else {
    durationS = aggregated.requestsPerSecond > 0 ? requests / aggregated.requestsPerSecond : 0;
    durationFrom = 'locust-rate';
  }

  const history = output.history ? historyIntervals(output.history, options.minIntervalS ?? 1) : undefined;
  const start = facts?.startTime ?? history?.first;
  const historyCoversS = history?.last !== undefined && start !== undefined ? Math.max(0, history.last - start) : 0;
  const workers = workerCounts(output);
  const locust: LocustFacts = {
    totals: printedErrors !== undefined ? 'printed-summary' : 'last-csv-write',
    duration: durationFrom,
    historyCoversS,
    historyPartial: history?.lastTotal === undefined || history.lastTotal < requests || historyCoversS < durationS - 1,
    intervalPercentiles: history?.fullHistory ? 'trailing-10s' : 'cumulative',
    ...(workers ? { workers } : {}),
  };

  const lookup = (metric: string, tags: Record<string, string>, agg: Aggregation): number | undefined => {
    const e = tags.name !== undefined ? named.find((x) => x.name === tags.name) : aggregated;
    if (!e) return undefined;
    if (metric === 'http_req_duration') {
      if (e.requests === 0) return undefined;
      if (agg.kind === 'percentile') {
        // Locust only has fixed percentiles: use the smallest one at or above the one asked for.
        const p = [...e.percentiles.keys()].sort((a, b) => a - b).find((q) => q >= agg.p);
        return p === undefined ? undefined : e.percentiles.get(p);
      }
      return agg.kind === 'avg' ? e.mean : agg.kind === 'min' ? e.min : agg.kind === 'med' ? e.median : agg.kind === 'max' ? e.max : undefined;
    }
    if (metric === 'http_req_failed') return e.requests === 0 ? undefined : e.failures / e.requests;
    if (metric === 'http_reqs') return agg.kind === 'rate' ? e.requestsPerSecond : e.requests;
    return undefined;
  };
  return {
    tool: 'locust',
    scenario: options.scenario,
    durationS,
    requests,
    failures: aggregated.failures,
    requestsPerSecond: durationFrom === 'locust-rate' ? aggregated.requestsPerSecond : durationS > 0 ? requests / durationS : 0,
    latencyMs: latencyOf(aggregated),
    statusCodes: {},
    errors,
    iterations: requests,
    droppedIterations: 0,
    interruptedRequests: 0,
    intervals: history?.intervals ?? [],
    endpoints,
    thresholds: evaluateThresholds(options.thresholds ?? [], lookup),
    locust,
  };
}

/** Requests the workers made (their own counts where known, else what they reported) minus the master's total: 0 when none was lost. */
export function lostWorkerRequests(result: Pick<LoadResult, 'requests' | 'locust'>): { workerSum: number; lost: number; source: 'own' | 'reported' } | undefined {
  const workers = result.locust?.workers;
  if (!workers || workers.length === 0) return undefined;
  const own = workers.every((w) => w.ownRequests !== undefined);
  const workerSum = workers.reduce((s, w) => s + (own ? w.ownRequests! : w.reportedRequests), 0);
  return { workerSum, lost: workerSum - result.requests, source: own ? 'own' : 'reported' };
}
