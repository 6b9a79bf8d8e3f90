/**
 * Message shapes on the wire (the same for every framing and codec):
 *
 *   request   { id: number, method: string, params?: unknown }
 *   success   { id: number, result: unknown }
 *   failure   { id: number | null, error: { code: string, message: string, data?: unknown } }
 *
 * `id` is a non-negative safe integer chosen by the client, unique among its requests in flight;
 * responses may arrive in any order. A failure with `id: null` answers a frame whose id could not
 * be read (garbage, invalid JSON, oversized frame).
 */
export type RequestId = number;

export interface Request {
  id: RequestId;
  method: string;
  params?: unknown;
}

export interface WireError {
  /** See ERROR_CODES; method handlers may add domain codes (e.g. `tma-parse-error`). */
  code: string;
  message: string;
  data?: unknown;
}

export interface SuccessResponse {
  id: RequestId;
  result: unknown;
}

export interface ErrorResponse {
  id: RequestId | null;
  error: WireError;
}

export type Response = SuccessResponse | ErrorResponse;

/** Error codes the protocol itself uses (method handlers add domain codes). */
export const ERROR_CODES = {
  /** The frame's bytes are not valid JSON / MessagePack. */
  parseError: 'parse-error',
  /** The frame decoded but is not a request (no integer id, no string method). */
  invalidRequest: 'invalid-request',
  unknownMethod: 'unknown-method',
  /** Params are missing or of the wrong type; `data.field` names the offending field. */
  invalidParams: 'invalid-params',
  /** A frame over the maximum size (request: skipped or stream closed; response: too big to send). */
  frameTooLarge: 'frame-too-large',
  /** The stream ended in the middle of a frame. */
  truncatedFrame: 'truncated-frame',
  /** A frame stayed incomplete with no new bytes past the server's frame timeout (the server then closes). */
  frameTimeout: 'frame-timeout',
  /** The handler threw an unexpected error, or its result could not be encoded. */
  internalError: 'internal-error',
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

export function isRequestId(value: unknown): value is RequestId {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Reads a decoded value as a request; otherwise says why, and the id if one could be read. */
export function toRequest(value: unknown): Request | { invalid: string; id: RequestId | null } {
  if (!isRecord(value)) return { invalid: 'a request must be an object with id and method', id: null };
  const id = value['id'];
  if (!isRequestId(id)) return { invalid: 'request id must be a non-negative integer', id: null };
  const method = value['method'];
  if (typeof method !== 'string' || method.length === 0) return { invalid: 'request method must be a non-empty string', id };
  return { id, method, params: value['params'] };
}

/**
 * A response: `{ id, result }` with a request id, or `{ id, error: { code, message, data? } }` with
 * a request id or null. Checked in place (the decoded object is used as it is).
 */
export function isResponse(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const id = value['id'];
  if ('error' in value) {
    const error = value['error'];
    return (id === null || isRequestId(id)) && isRecord(error) && typeof error['code'] === 'string' && typeof error['message'] === 'string';
  }
  return isRequestId(id) && 'result' in value;
}
