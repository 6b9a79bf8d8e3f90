import { Pool, type Dispatcher } from 'undici';
import type { LoadRequest, LoadResponse } from './load-request.ts';

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * The undici client of the driver (`client: 'undici'`): a full HTTP client, kept selectable for
 * remote targets and for comparison with the raw client. Requests go through the low-level
 * `Pool.dispatch` with a handler object: about twice the requests/s of `pool.request`.
 */
export class UndiciClient {
  private readonly pool: Pool;
  private closed = false;

  constructor(origin: string, options: { connections: number; requestTimeoutMs: number }) {
    this.pool = new Pool(origin, {
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

  async destroy(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.destroy().catch(() => undefined);
  }
}

/** Collects one response (status, optionally the body). */
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
    this.resolve({ status: 0, error: errorCode(err), cause: err });
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
