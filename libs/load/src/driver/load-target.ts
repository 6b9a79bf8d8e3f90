import { Http1Client } from './http1/http1-client.ts';
import type { ResponseLimits } from './http1/response-parser.ts';
import type { LoadRequest, LoadResponse } from './load-request.ts';
import { isLoopbackHost } from './loopback.ts';
import { UndiciClient } from './undici-client.ts';

/** The HTTP client the driver sends with: `raw` (node:net, HTTP/1.1 only) or `undici`. */
export type LoadClientName = 'raw' | 'undici';
export const LOAD_CLIENTS: readonly LoadClientName[] = ['raw', 'undici'];

export interface LoadTargetOptions {
  connections: number;
  requestTimeoutMs: number;
  /** Default `auto`: the raw client for loopback targets (127.0.0.1, localhost, ::1), undici otherwise. */
  client?: LoadClientName | 'auto';
  /** Response limits of the raw client (undici has its own). */
  limits?: Partial<ResponseLimits>;
}

/** Error codes meaning "cut off because the client was closed" (the run is stopping), per client. */
const CLIENT_CLOSED_CODES = new Set(['HTTP1_CLIENT_CLOSED', 'UND_ERR_DESTROYED', 'UND_ERR_CLOSED']);

/**
 * The client `auto` picks for a URL. The raw client is the default only for loopback targets:
 * that is where the driver's own cost decides the measurement (calibrated against wrk), and a
 * remote target may want what only undici has (proxies, odd servers); https needs undici too.
 */
export function defaultClientFor(url: string): LoadClientName {
  const u = new URL(url);
  return u.protocol === 'http:' && isLoopbackHost(u.hostname) ? 'raw' : 'undici';
}

export function isLoadClientName(s: string): s is LoadClientName {
  return (LOAD_CLIENTS as readonly string[]).includes(s);
}

/** The HTTP connection pool of a run (one origin), through the chosen client. */
export class LoadTarget {
  readonly origin: string;
  readonly client: LoadClientName;
  private readonly impl: Http1Client | UndiciClient;

  constructor(url: string, options: LoadTargetOptions) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new TypeError(`load target ${url}: not a URL`);
    }
    if (u.protocol !== 'http:') throw new TypeError(`load target ${url}: only http:// targets are supported`);
    this.origin = u.origin;
    const client = options.client === undefined || options.client === 'auto' ? defaultClientFor(url) : options.client;
    if (!isLoadClientName(client)) throw new TypeError(`load target ${url}: unknown client '${client as string}' (known: ${LOAD_CLIENTS.join(', ')}, auto)`);
    this.client = client;
    this.impl = client === 'raw' ? new Http1Client(this.origin, options) : new UndiciClient(this.origin, options);
  }

  get isClosed(): boolean {
    return this.impl.isClosed;
  }

  /** Sends one request; network failures come back as `{ status: 0, error }`, not as rejections. */
  send(req: LoadRequest): Promise<LoadResponse> {
    return this.impl.send(req);
  }

  /** True when a failed response only says the request was cut off by `destroy` (not a server failure). */
  isInterruption(res: LoadResponse): boolean {
    return res.status === 0 && (this.impl.isClosed || (res.error !== undefined && CLIENT_CLOSED_CODES.has(res.error)));
  }

  /** Aborts whatever is still in flight and closes every connection. */
  destroy(): Promise<void> {
    return this.impl.destroy();
  }
}
