import type { LoadRequest } from '../load-request.ts';

/** Header names the encoder writes itself; a request's own headers may not repeat them. */
const RESERVED = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);
/** A token (RFC 9110) for names; values must not contain CR, LF or NUL (request smuggling). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_VALUE = /[\r\n\0\u0100-\uffff]/;
/** The request target goes out as latin1 bytes: only printable ASCII, already percent-encoded. */
const BAD_TARGET = /[^\x21-\x7e]/;

/** Distinct encoded requests kept; past this the cache starts over (bounds memory for unbounded path sets). */
const MAX_CACHED = 10_000;

export class RequestEncodingError extends TypeError {
  constructor(origin: string, message: string) {
    super(`request to ${origin}: ${message}`);
    this.name = 'RequestEncodingError';
  }
}

/**
 * Turns `LoadRequest`s into the exact bytes sent on the wire, cached per template.
 *
 * A load test repeats a handful of requests (one path, or a path per seeded id; a few dozen
 * bodies), so each distinct (method, path, body) is encoded once into one Buffer (request line,
 * Host, headers, Content-Length, body) and later sends are a Map lookup and one socket write.
 * Requests with their own headers are encoded each time (rare in load scenarios, and a headers
 * object has no cheap identity to key on).
 */
export class RequestEncoder {
  /** method → path → bytes. */
  private readonly noBody = new Map<string, Map<string, Buffer>>();
  /** method → path → body → bytes (nested rather than a joined key: a body string's hash is computed once and kept by V8). */
  private readonly withBody = new Map<string, Map<string, Map<string, Buffer>>>();
  private cached = 0;
  private readonly hostLine: string;

  constructor(
    private readonly origin: string,
    host: string,
  ) {
    this.hostLine = `Host: ${host}\r\n`;
  }

  encode(req: LoadRequest): Buffer {
    if (req.headers !== undefined) return this.build(req);
    let slot: Map<string, Buffer>;
    let key: string;
    if (req.body === undefined) {
      slot = this.noBody.get(req.method) ?? this.add(this.noBody, req.method, new Map<string, Buffer>());
      key = req.path;
    } else {
      const byPath = this.withBody.get(req.method) ?? this.add(this.withBody, req.method, new Map<string, Map<string, Buffer>>());
      slot = byPath.get(req.path) ?? this.add(byPath, req.path, new Map<string, Buffer>());
      key = req.body;
    }
    let bytes = slot.get(key);
    if (bytes === undefined) {
      bytes = this.build(req);
      if (++this.cached > MAX_CACHED) {
        this.noBody.clear();
        this.withBody.clear();
        this.cached = 0;
        return bytes;
      }
      slot.set(key, bytes);
    }
    return bytes;
  }

  private add<V>(map: Map<string, V>, key: string, value: V): V {
    map.set(key, value);
    return value;
  }

  private build(req: LoadRequest): Buffer {
    if (!req.path.startsWith('/') || BAD_TARGET.test(req.path)) throw new RequestEncodingError(this.origin, `path ${JSON.stringify(req.path)} must start with / and be printable ASCII (percent-encode the rest)`);
    let head = `${req.method} ${req.path} HTTP/1.1\r\n${this.hostLine}`;
    const headers = req.headers ?? (req.body !== undefined ? { 'content-type': 'application/json' } : undefined);
    if (headers) {
      for (const [name, value] of Object.entries(headers)) {
        if (!HEADER_NAME.test(name) || RESERVED.has(name.toLowerCase())) throw new RequestEncodingError(this.origin, `header name ${JSON.stringify(name)} is not allowed`);
        if (BAD_VALUE.test(value)) throw new RequestEncodingError(this.origin, `header ${name}: value contains CR, LF, NUL or a character beyond latin1`);
        head += `${name}: ${value}\r\n`;
      }
    }
    if (req.body === undefined) {
      // Like wrk and undici: no Content-Length on a GET without a body; POST/PUT/DELETE say 0.
      if (req.method !== 'GET') head += 'Content-Length: 0\r\n';
      return Buffer.from(head + '\r\n', 'latin1');
    }
    const bodyLength = Buffer.byteLength(req.body, 'utf8');
    head += `Content-Length: ${bodyLength}\r\n\r\n`;
    const headLength = Buffer.byteLength(head, 'latin1');
    const out = Buffer.allocUnsafe(headLength + bodyLength);
    out.write(head, 0, 'latin1');
    out.write(req.body, headLength, 'utf8');
    return out;
  }
}
