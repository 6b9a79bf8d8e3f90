import { performance } from 'node:perf_hooks';
import type { LoadRequest, LoadResponse } from './load-request.ts';
import type { LoadTarget } from './load-target.ts';
import type { MetricsCollector } from './metrics-collector.ts';

/**
 * What a scenario iteration uses to make requests: it times each one and records it.
 *
 * The first request of an iteration is timed from the iteration's *intended* start (set by the
 * open model's schedule), later ones from their actual send time: that is what keeps a slow
 * server or a stalled driver from hiding its delay (coordinated omission).
 *
 * Two clock reads per request (send, end); the iteration's duration reuses them rather than
 * reading the clock again.
 */
export class HttpSession {
  private intendedStartMs: number | undefined;
  /** Send time of the iteration's first request (NaN before it). */
  firstSentMs = NaN;
  /** End time of the iteration's last request (NaN before it). */
  lastEndMs = NaN;
  /** Set when the run is stopping: responses after this are counted as interrupted, not failures. */
  stopping = false;

  constructor(
    private readonly target: LoadTarget,
    private readonly metrics: MetricsCollector,
  ) {}

  beginIteration(intendedStartMs: number | undefined): void {
    this.intendedStartMs = intendedStartMs;
    this.firstSentMs = NaN;
    this.lastEndMs = NaN;
  }

  async request(req: LoadRequest): Promise<LoadResponse> {
    const sent = performance.now();
    const intended = this.intendedStartMs ?? sent;
    this.intendedStartMs = undefined;
    if (this.firstSentMs !== this.firstSentMs) this.firstSentMs = sent;
    const res = await this.target.send(req);
    const end = performance.now();
    this.lastEndMs = end;
    if (this.target.isInterruption(res)) {
      this.metrics.interrupted++;
      return res;
    }
    this.metrics.recordRequest(req.name, res.status, res.error, end, (end - intended) * 1000, (end - sent) * 1000);
    return res;
  }
}
