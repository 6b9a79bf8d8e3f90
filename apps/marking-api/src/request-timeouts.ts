/**
 * How long a client may take to send a request. Node's defaults are 60 s for the headers and 300 s
 * for the whole request, but Fastify turns the request timeout off (0), so a client trickling its
 * body kept a connection open for ever. A connection over either limit gets a 408 and is closed.
 */
export interface RequestTimeouts {
  /** From the connection's first byte to the end of the request headers. */
  headersMs: number;
  /** From the first byte to the end of the body. */
  requestMs: number;
}

export const DEFAULT_REQUEST_TIMEOUTS: RequestTimeouts = { headersMs: 15_000, requestMs: 30_000 };

/** The timeouts asked for, on top of the defaults; a RangeError names a bad one. */
export function requestTimeouts(asked: Partial<RequestTimeouts> = {}): RequestTimeouts {
  const t = { ...DEFAULT_REQUEST_TIMEOUTS, ...asked };
  for (const [name, ms] of Object.entries(t)) {
    if (!Number.isInteger(ms) || ms < 1) throw new RangeError(`marking-api: timeout ${name} must be a whole number of milliseconds >= 1, got ${ms}`);
  }
  // Node refuses headers that may take longer than the whole request.
  return { headersMs: Math.min(t.headersMs, t.requestMs), requestMs: t.requestMs };
}

/**
 * How often Node looks for connections over their timeouts (its default, 30 s, would let a slow
 * client stay up to twice its limit): a quarter of the shorter limit, between 10 ms and 1 s.
 */
export function timeoutCheckIntervalMs(t: RequestTimeouts): number {
  return Math.max(10, Math.min(1000, Math.floor(Math.min(t.headersMs, t.requestMs) / 4)));
}
