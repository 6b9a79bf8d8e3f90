import type { LoadRequest, LoadResponse } from '../load-request.ts';
import { Http1Connection, type ConnectionOwner, type ResponseCallback } from './http1-connection.ts';
import { Http1ClientClosedError } from './http1-errors.ts';
import { RequestEncoder } from './request-encoder.ts';
import { DEFAULT_RESPONSE_LIMITS, type ResponseLimits } from './response-parser.ts';

export interface Http1ClientOptions {
  /** Most connections (and so requests in flight); requests beyond wait in FIFO order. */
  connections: number;
  /** A request without a complete response after this long fails with HTTP1_TIMEOUT (checked to within ~10%). */
  requestTimeoutMs: number;
  limits?: Partial<ResponseLimits>;
}

interface Waiting {
  bytes: Buffer;
  readBody: boolean;
  callback: ResponseCallback;
}

/** Size of the one read buffer the pool's sockets share (a response larger than this simply takes several reads). */
const READ_BUFFER_BYTES = 64 * 1024;

/**
 * A minimal HTTP/1.1 client on `node:net` for the load driver: a pool of keep-alive connections
 * to one origin, one request in flight per connection (wrk's model), pre-encoded requests, an
 * incremental Buffer parser with limits, and typed errors that come back as `{ status: 0, error }`
 * (never as rejections) so the driver counts them as failed requests.
 *
 * Why not undici: on one event loop its per-request machinery (dispatcher chain, handler objects,
 * header arrays, timers) costs several times what the load generator can afford if it is to
 * drive a server as hard as wrk does. This client does only what a load test of a JSON API needs:
 * http:// only, no redirects, no proxies, no TLS.
 */
export class Http1Client implements ConnectionOwner {
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  readonly limits: ResponseLimits;
  readonly readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  private readonly encoder: RequestEncoder;
  private readonly maxConnections: number;
  private readonly connections: Http1Connection[] = [];
  /** Free connections, most recently used last (reused first: its socket is known to be alive). */
  private readonly idle: Http1Connection[] = [];
  private readonly waiting: Waiting[] = [];
  private waitingHead = 0;
  private sweeper: NodeJS.Timeout | undefined;
  private readonly tickMs: number;
  private closed = false;

  constructor(url: string, private readonly options: Http1ClientOptions) {
    const u = new URL(url);
    if (u.protocol !== 'http:') throw new TypeError(`HTTP/1.1 client for ${url}: only http:// targets are supported`);
    if (!(Number.isInteger(options.connections) && options.connections > 0)) throw new RangeError(`HTTP/1.1 client for ${url}: connections must be a positive integer, got ${options.connections}`);
    if (!(options.requestTimeoutMs > 0)) throw new RangeError(`HTTP/1.1 client for ${url}: requestTimeoutMs must be > 0, got ${options.requestTimeoutMs}`);
    this.origin = u.origin;
    this.host = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
    this.port = u.port ? Number(u.port) : 80;
    this.limits = { ...DEFAULT_RESPONSE_LIMITS, ...options.limits };
    this.encoder = new RequestEncoder(this.origin, u.host);
    this.maxConnections = options.connections;
    this.tickMs = Math.max(5, Math.min(1000, options.requestTimeoutMs / 10));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends a request; resolves with the response or `{ status: 0, error }`. Throws only for a request that cannot be encoded. */
  send(req: LoadRequest): Promise<LoadResponse> {
    const bytes = this.encoder.encode(req);
    const readBody = req.readBody === true;
    return new Promise((resolve) => this.dispatch(bytes, readBody, resolve));
  }

  /** Callback form of `send` (no promise), for callers that count their own completions. */
  dispatch(bytes: Buffer, readBody: boolean, callback: ResponseCallback): void {
    if (this.closed) {
      const err = new Http1ClientClosedError(this.origin);
      callback({ status: 0, error: err.code, cause: err });
      return;
    }
    const c = this.idle.pop() ?? (this.connections.length < this.maxConnections ? this.newConnection() : undefined);
    if (c) c.start(bytes, readBody, callback);
    else this.waiting.push({ bytes, readBody, callback });
  }

  /** Encodes a request once, for `dispatch`. */
  encode(req: LoadRequest): Buffer {
    return this.encoder.encode(req);
  }

  released(c: Http1Connection): void {
    if (this.closed) return;
    if (this.waitingHead < this.waiting.length) {
      const w = this.waiting[this.waitingHead];
      this.waiting[this.waitingHead++] = undefined as unknown as Waiting;
      if (this.waitingHead === this.waiting.length) {
        this.waiting.length = 0;
        this.waitingHead = 0;
      }
      c.start(w.bytes, w.readBody, w.callback);
    } else {
      this.idle.push(c);
    }
  }

  /** Fails everything queued or in flight with HTTP1_CLIENT_CLOSED and closes every socket. */
  async destroy(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    const err = new Http1ClientClosedError(this.origin);
    for (const c of this.connections) c.abort(err);
    for (let i = this.waitingHead; i < this.waiting.length; i++) this.waiting[i].callback({ status: 0, error: err.code, cause: err });
    this.waiting.length = 0;
    this.idle.length = 0;
  }

  private newConnection(): Http1Connection {
    const c = new Http1Connection(this);
    this.connections.push(c);
    if (!this.sweeper) {
      // One timer for all timeouts instead of one per request.
      this.sweeper = setInterval(() => {
        for (const conn of this.connections) conn.sweep(this.tickMs, this.options.requestTimeoutMs);
      }, this.tickMs);
      this.sweeper.unref();
    }
    return c;
  }
}
