/** One HTTP request of a scenario, whichever client sends it. */
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
  /** Error code when status is 0 (an OS code such as ECONNREFUSED, or the client's own, e.g. HTTP1_TIMEOUT). */
  error?: string;
  /** The error itself when status is 0 (typed, e.g. `Http1TimeoutError`), for callers that want the details. */
  cause?: Error;
}
