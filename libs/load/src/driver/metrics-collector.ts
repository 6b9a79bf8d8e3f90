import { LatencyHistogram } from './latency-histogram.ts';
import type { Aggregation } from './thresholds.ts';
import type { EndpointStats, IntervalStats } from '../results/load-result.ts';

interface IntervalBucket {
  requests: number;
  failures: number;
  dropped: number;
  users?: number;
  latency: LatencyHistogram;
}

interface EndpointBucket {
  requests: number;
  failures: number;
  latency: LatencyHistogram;
}

/**
 * Collects every request of a run: overall and per-endpoint HDR histograms, and per-second
 * interval buckets keyed by completion time (so a stall shows up in the second it ended in).
 */
export class MetricsCollector {
  readonly latency = new LatencyHistogram();
  readonly serviceTime = new LatencyHistogram();
  readonly iterationDuration = new LatencyHistogram();
  requests = 0;
  failures = 0;
  iterations = 0;
  dropped = 0;
  interrupted = 0;
  readonly statusCodes = new Map<number, number>();
  readonly errors = new Map<string, number>();
  private readonly intervals: IntervalBucket[] = [];
  private readonly endpoints = new Map<string, EndpointBucket>();

  /** @param startMs performance.now() at the start of the run. */
  constructor(readonly startMs: number) {}

  private interval(atMs: number): IntervalBucket {
    const i = Math.max(0, Math.floor((atMs - this.startMs) / 1000));
    for (let k = this.intervals.length; k <= i; k++) {
      this.intervals.push({ requests: 0, failures: 0, dropped: 0, latency: new LatencyHistogram('interval') });
    }
    return this.intervals[i];
  }

  /** The bucket of the second being filled and its bounds: most requests land there (no division, no lookup). */
  private current: IntervalBucket | undefined;
  private currentIndex = -1;
  private currentFromMs = Infinity;
  private currentToMs = -Infinity;
  /**
   * Latencies of the current second, in a dense histogram (cheap to record into), folded into
   * the bucket's packed one when the second ends (see `LatencyHistogram`).
   */
  private readonly currentLatency = new LatencyHistogram('interval', 'dense');

  /** Records a request's latency into its second's bucket; returns the bucket. */
  private recordInterval(endMs: number, latencyUs: number): IntervalBucket {
    if (endMs >= this.currentFromMs && endMs < this.currentToMs) {
      this.currentLatency.recordMicros(latencyUs);
      return this.current!;
    }
    const i = Math.max(0, Math.floor((endMs - this.startMs) / 1000));
    const b = this.interval(endMs);
    if (i < this.currentIndex) {
      // An earlier second than the one being filled (clock reads are monotonic, so not expected).
      b.latency.recordMicros(latencyUs);
      return b;
    }
    this.flushInterval();
    this.current = b;
    this.currentIndex = i;
    this.currentFromMs = i === 0 ? -Infinity : this.startMs + i * 1000;
    this.currentToMs = this.startMs + (i + 1) * 1000;
    this.currentLatency.recordMicros(latencyUs);
    return b;
  }

  private flushInterval(): void {
    if (this.current === undefined || this.currentLatency.count === 0) return;
    this.current.latency.add(this.currentLatency);
    this.currentLatency.reset();
  }

  private lastEndpointName: string | undefined;
  private lastEndpoint: EndpointBucket | undefined;

  private endpoint(name: string): EndpointBucket {
    if (name === this.lastEndpointName) return this.lastEndpoint!;
    let e = this.endpoints.get(name);
    if (!e) {
      e = { requests: 0, failures: 0, latency: new LatencyHistogram() };
      this.endpoints.set(name, e);
    }
    this.lastEndpointName = name;
    this.lastEndpoint = e;
    return e;
  }

  /**
   * @param status HTTP status, or 0 for a network-level error (then `errorCode` says which).
   * @param latencyUs from the intended send time; @param serviceUs from the actual send time.
   */
  recordRequest(name: string, status: number, errorCode: string | undefined, endMs: number, latencyUs: number, serviceUs: number): void {
    const failed = status === 0 || status >= 400;
    this.requests++;
    if (failed) this.failures++;
    if (status !== 0) this.statusCodes.set(status, (this.statusCodes.get(status) ?? 0) + 1);
    if (errorCode !== undefined) this.errors.set(errorCode, (this.errors.get(errorCode) ?? 0) + 1);
    this.latency.recordMicros(latencyUs);
    this.serviceTime.recordMicros(serviceUs);
    const b = this.recordInterval(endMs, latencyUs);
    b.requests++;
    if (failed) b.failures++;
    const e = this.endpoint(name);
    e.requests++;
    if (failed) e.failures++;
    e.latency.recordMicros(latencyUs);
  }

  recordIteration(durationUs: number): void {
    this.iterations++;
    this.iterationDuration.recordMicros(durationUs);
  }

  recordDropped(atMs: number): void {
    this.dropped++;
    this.interval(atMs).dropped++;
  }

  /**
   * The most virtual users active at once in the second of `atMs`: called whenever one starts an
   * iteration, and by the once-a-second tick (so an idle second still says how many were there).
   * A sample at the tick alone missed every user of a run shorter than a second, and the peaks of
   * a ramp between ticks.
   */
  observeUsers(atMs: number, users: number): void {
    const interval = this.interval(atMs);
    if (interval.users === undefined || users > interval.users) interval.users = users;
  }

  /** Per-second statistics; the last, partial second is scaled by its real length. */
  intervalStats(endMs: number): IntervalStats[] {
    this.flushInterval();
    const totalS = (endMs - this.startMs) / 1000;
    return this.intervals.map((b, i) => {
      const len = Math.min(1, Math.max(totalS - i, 1e-3));
      return {
        second: i,
        requests: b.requests,
        failures: b.failures,
        requestsPerSecond: b.requests / len,
        droppedIterations: b.dropped,
        p50Ms: b.latency.percentileMicros(50) / 1000,
        p99Ms: b.latency.percentileMicros(99) / 1000,
        maxMs: b.latency.maxMicros() / 1000,
        ...(b.users !== undefined ? { users: b.users } : {}),
      };
    });
  }

  endpointStats(): Record<string, EndpointStats> {
    const out: Record<string, EndpointStats> = {};
    for (const [name, e] of this.endpoints) out[name] = { requests: e.requests, failures: e.failures, latencyMs: e.latency.summaryMs() };
    return out;
  }

  /** The lookup used by threshold evaluation (values in k6 units: ms, rates 0..1, counts). */
  lookup(durationS: number) {
    return (metric: string, tags: Record<string, string>, agg: Aggregation): number | undefined => {
      const name = tags.name;
      const endpoint = name !== undefined ? this.endpoints.get(name) : undefined;
      if (name !== undefined && !endpoint) return undefined;
      const requests = endpoint ? endpoint.requests : this.requests;
      const failures = endpoint ? endpoint.failures : this.failures;
      switch (metric) {
        case 'http_req_duration':
        case 'iteration_duration': {
          const h = metric === 'iteration_duration' ? this.iterationDuration : endpoint ? endpoint.latency : this.latency;
          if (h.count === 0) return undefined;
          const s = h.summaryMs();
          if (agg.kind === 'percentile') return h.percentileMicros(agg.p) / 1000;
          return agg.kind === 'avg' ? s.mean : agg.kind === 'min' ? s.min : agg.kind === 'med' ? s.p50 : agg.kind === 'max' ? s.max : undefined;
        }
        case 'http_req_failed':
          return requests === 0 ? undefined : failures / requests;
        case 'http_reqs':
          return agg.kind === 'rate' ? requests / durationS : requests;
        case 'iterations':
          return agg.kind === 'rate' ? this.iterations / durationS : this.iterations;
        case 'dropped_iterations':
          return agg.kind === 'rate' ? this.dropped / durationS : this.dropped;
        default:
          return undefined;
      }
    };
  }
}
