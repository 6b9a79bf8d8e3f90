import { Pool, type Dispatcher } from 'undici';
import { performance } from 'node:perf_hooks';
import type { MetricsCollector } from './metrics-collector.ts';

export interface LoadRequest {
  /** Name the request is reported under (per-endpoint stats, `{name:...}` threshold filters). */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path with query, relative to the target's origin. */
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Read and return the response body (otherwise it is drained unread, which is cheaper). */
  readBody?: boolean;
}

export interface LoadResponse {
  /** HTTP status, or 0 when the request failed at the network level. */
  status: number;
  body?: string;
  /** Network error code when status is 0. */
  error?: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** The HTTP connection pool of a run (one origin). */
export class LoadTarget {
  readonly origin: string;
  private readonly pool: Pool;
  private closed = false;

  constructor(url: string, options: { connections: number; requestTimeoutMs: number }) {
    const u = new URL(url);
    if (u.protocol !== 'http:') throw new TypeError(`load target ${url}: only http:// targets are supported`);
    this.origin = u.origin;
    this.pool = new Pool(this.origin, {
      connections: options.connections,
      pipelining: 1,
      headersTimeout: options.requestTimeoutMs,
      bodyTimeout: options.requestTimeoutMs,
      connectTimeout: Math.min(options.requestTimeoutMs, 5000),
      keepAliveTimeout: 30_000,
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Sends one request through undici's low-level dispatch: a handler object instead of a
   * Readable body per response roughly doubles the requests/s one event loop can drive.
   */
  send(req: LoadRequest): Promise<LoadResponse> {
    return new Promise((resolve) => {
      this.pool.dispatch(
        {
          method: req.method,
          path: req.path,
          body: req.body,
          headers: req.headers ?? (req.body !== undefined ? JSON_HEADERS : undefined),
        },
        new ResponseHandler(req.readBody === true, resolve),
      );
    });
  }

  /** Aborts whatever is still in flight and closes every connection. */
  async destroy(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.destroy().catch(() => undefined);
  }
}

/** Collects one response (status, optionally the body) for `LoadTarget.send`. */
class ResponseHandler implements Dispatcher.DispatchHandler {
  private status = 0;
  private chunks: Buffer[] | undefined;
  private done = false;

  constructor(
    readBody: boolean,
    private readonly resolve: (r: LoadResponse) => void,
  ) {
    if (readBody) this.chunks = [];
  }

  onRequestStart(): void {}

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    this.status = statusCode;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks?.push(chunk);
  }

  onResponseEnd(): void {
    if (this.done) return;
    this.done = true;
    this.resolve(this.chunks ? { status: this.status, body: Buffer.concat(this.chunks).toString('utf8') } : { status: this.status });
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    if (this.done) return;
    this.done = true;
    this.resolve({ status: 0, error: errorCode(err) });
  }
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; cause?: { code?: unknown }; name?: unknown };
    if (typeof e.code === 'string') return e.code;
    if (e.cause && typeof e.cause.code === 'string') return e.cause.code;
    if (typeof e.name === 'string') return e.name;
  }
  return 'UNKNOWN';
}

/**
 * What a scenario iteration uses to make requests: it times each one and records it.
 *
 * The first request of an iteration is timed from the iteration's *intended* start (set by the
 * open model's schedule), later ones from their actual send time: that is what keeps a slow
 * server or a stalled driver from hiding its delay (coordinated omission).
 */
export class HttpSession {
  private intendedStartMs: number | undefined;
  /** Set when the run is stopping: responses after this are counted as interrupted, not failures. */
  stopping = false;

  constructor(
    private readonly target: LoadTarget,
    private readonly metrics: MetricsCollector,
  ) {}

  beginIteration(intendedStartMs: number | undefined): void {
    this.intendedStartMs = intendedStartMs;
  }

  async request(req: LoadRequest): Promise<LoadResponse> {
    const sent = performance.now();
    const intended = this.intendedStartMs ?? sent;
    this.intendedStartMs = undefined;
    const res = await this.target.send(req);
    const end = performance.now();
    if (res.status === 0 && (this.target.isClosed || res.error === 'UND_ERR_DESTROYED' || res.error === 'UND_ERR_CLOSED')) {
      this.metrics.interrupted++;
      return res;
    }
    this.metrics.recordRequest(req.name, res.status, res.error, end, (end - intended) * 1000, (end - sent) * 1000);
    return res;
  }
}
