import type { LatencySummary } from '../driver/latency-histogram.ts';

/** Which tool produced a result; all of them are reduced to the same shape. */
export type LoadTool = 'embedded' | 'locust' | 'k6' | 'wrk';

/** Statistics of one second (or one reporting interval) of a run. */
export interface IntervalStats {
  /** Seconds since the run started, at the start of the interval. */
  second: number;
  requests: number;
  failures: number;
  /** Requests completed per second within the interval. */
  requestsPerSecond: number;
  /** Iterations the open model could not start in this interval (no free virtual user). */
  droppedIterations: number;
  /** Latencies of the requests of this interval; for Locust, see `LocustFacts.intervalPercentiles`. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Embedded driver: the most virtual users active at once in the interval; Locust: its user count then. */
  users?: number;
}

/** Per-endpoint (request name) statistics. */
export interface EndpointStats {
  requests: number;
  failures: number;
  latencyMs: LatencySummary;
}

export interface ThresholdOutcome {
  /** The metric, possibly with a tag filter: `http_req_duration{name:submit}`. */
  metric: string;
  /** The expression as written, e.g. `p(95)<500`. */
  expression: string;
  /** The observed value the expression was checked against (undefined when the tool does not say). */
  actual?: number;
  passed: boolean;
}

/** How the load generator itself fared: a saturated driver measures itself, not the server. */
export interface DriverHealth {
  /** CPU time of the driver process over the run, as % of one core. */
  cpuPercent: number;
  eventLoopLagP99Ms: number;
  eventLoopLagMaxMs: number;
  warnings: string[];
}

/** A Locust worker of a distributed run and the requests it made. */
export interface LocustWorkerCount {
  /** Locust's client id (`<hostname>_<uuid>`). */
  id: string;
  /** Requests the master was told of in the worker's reports (its last, cumulative count). */
  reportedRequests: number;
  /** Requests the worker counted itself, printed when it exited (known for workers started here). */
  ownRequests?: number;
}

/**
 * What a Locust result rests on. Locust 2.12 writes some figures late or partially: `_stats.csv`
 * once a second (so its last write can trail the end of the run), `_stats_history.csv` flushed
 * every 10 s and never at exit, and cumulative percentiles in the history.
 */
export interface LocustFacts {
  /** Requests, failures, latencies and errors: from Locust's printed final summary, or from the last `_stats.csv` write. */
  totals: 'printed-summary' | 'last-csv-write';
  /** The duration: the run's start to its last request (the locustfile's run facts), Locust's log lines (spawn start to run-time limit), the caller's measurement, or Locust's requests ÷ req/s. */
  duration: 'run' | 'locust-log' | 'caller' | 'locust-rate';
  /** Seconds from the run's start to the history's last row. */
  historyCoversS: number;
  /** The history misses requests of the final totals, stops more than a second before the load did, or is missing. */
  historyPartial: boolean;
  /** What the intervals' p50/p99/max cover: all requests since the start (Locust's default) or Locust's trailing ~10 s window (--csv-full-history); never the interval alone. */
  intervalPercentiles: 'cumulative' | 'trailing-10s';
  /** Distributed runs: every worker the master heard from. */
  workers?: LocustWorkerCount[];
}

/** Which k6 summary a result was read from, and what that shape could not carry. */
export interface K6Facts {
  /** `summary-export` (legacy --summary-export), `handle-summary` (handleSummary's data), `machine-readable` (k6 ≥ 1.5, schema 1.x). */
  format: 'summary-export' | 'handle-summary' | 'machine-readable';
  /** The k6 version, where the summary says (machine-readable only). */
  k6Version?: string;
  schemaVersion?: string;
  /** False for the machine-readable summary: it has no thresholds and no sub-metrics (so no per-endpoint figures). */
  thresholdsIncluded: boolean;
}

/** The common result of a load run, whichever tool made the load. */
export interface LoadResult {
  tool: LoadTool;
  /** The embedded driver's HTTP client (`raw` or `undici`); absent for external tools. */
  client?: 'raw' | 'undici';
  scenario: string;
  /** Wall time of the measured run in seconds. */
  durationS: number;
  /** Requests that completed (with any status) or failed at the network level. */
  requests: number;
  /** Requests that failed: network errors and statuses >= 400. */
  failures: number;
  requestsPerSecond: number;
  /**
   * Latency per request. For the embedded open model it is measured from the *intended* send
   * time of the iteration (so queueing in the driver or server is not hidden: no coordinated omission).
   */
  latencyMs: LatencySummary;
  /** Latency from the actual send time (what most tools report); equal to latencyMs for closed models. */
  serviceTimeMs?: LatencySummary;
  statusCodes: Record<string, number>;
  /** Network-level errors by code (ECONNREFUSED, UND_ERR_SOCKET, timeout, ...). */
  errors: Record<string, number>;
  iterations: number;
  droppedIterations: number;
  /** Requests still in flight when the run's grace period ended (aborted, not counted as failures). */
  interruptedRequests: number;
  intervals: IntervalStats[];
  endpoints: Record<string, EndpointStats>;
  thresholds: ThresholdOutcome[];
  driver?: DriverHealth;
  /** Locust runs: where the figures come from and, for distributed runs, the workers' counts. */
  locust?: LocustFacts;
  /** k6 runs: the summary's shape. */
  k6?: K6Facts;
}

/** True when every threshold passed (and vacuously when there are none). */
export function thresholdsPassed(result: Pick<LoadResult, 'thresholds'>): boolean {
  return result.thresholds.every((t) => t.passed);
}
