/**
 * Typed failures of the raw HTTP/1.1 client. Each carries a `code` that the driver reports as the
 * request's error (so per-code counts show in `LoadResult.errors`); socket errors keep the OS code
 * (ECONNREFUSED, ECONNRESET, ...) because that is what an operator searches for.
 */
export abstract class Http1Error extends Error {
  abstract readonly code: string;
}

/** The connection failed or closed before the response was complete (reset, refused, closed by the server). */
export class Http1ConnectionError extends Http1Error {
  readonly code: string;
  constructor(origin: string, code: string, detail: string) {
    super(`${origin}: connection ${code === 'HTTP1_CONNECTION_CLOSED' ? 'closed' : 'failed'} before the response was complete (${detail})`);
    this.name = 'Http1ConnectionError';
    this.code = code;
  }
}

/** The server's bytes are not a valid HTTP/1.x response, or exceed the client's limits. */
export class Http1ParseError extends Http1Error {
  constructor(
    readonly code: 'HTTP1_PARSE_ERROR' | 'HTTP1_HEADERS_TOO_LARGE' | 'HTTP1_BODY_TOO_LARGE',
    message: string,
  ) {
    super(`HTTP/1.1 response: ${message}`);
    this.name = 'Http1ParseError';
  }
}

/** No complete response within the request timeout (the connection is then closed). */
export class Http1TimeoutError extends Http1Error {
  readonly code = 'HTTP1_TIMEOUT' as const;
  constructor(origin: string, timeoutMs: number) {
    super(`${origin}: no complete response within ${timeoutMs} ms`);
    this.name = 'Http1TimeoutError';
  }
}

/** The client was closed while the request was queued or in flight (the run is stopping). */
export class Http1ClientClosedError extends Http1Error {
  readonly code = 'HTTP1_CLIENT_CLOSED' as const;
  constructor(origin: string) {
    super(`${origin}: client closed`);
    this.name = 'Http1ClientClosedError';
  }
}
