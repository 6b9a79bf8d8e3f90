import { Http1ParseError } from './http1-errors.ts';

export interface ResponseLimits {
  /** Most bytes of status line plus headers (including the blank line), and separately of chunked trailers. */
  maxHeaderBytes: number;
  /** Most body bytes (Content-Length, the sum of chunks, or until close), read or not. */
  maxBodyBytes: number;
}

export const DEFAULT_RESPONSE_LIMITS: ResponseLimits = { maxHeaderBytes: 16 * 1024, maxBodyBytes: 16 * 1024 * 1024 };

/** Longest chunk-size line accepted (hex size plus chunk extensions). */
const MAX_CHUNK_LINE = 1024;

const CR = 0x0d;
const LF = 0x0a;
const COLON = 0x3a;
const SP = 0x20;
const HTAB = 0x09;
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const HTTP_1_ = Buffer.from('HTTP/1.', 'latin1');

const enum State {
  Head,
  LengthBody,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilEof,
  Done,
}

/**
 * An incremental HTTP/1.x response parser that works on the socket's Buffers as they arrive.
 *
 * Why not node's http parser: the driver needs only the status, the framing (Content-Length,
 * chunked, until-close) and keep-alive, and must not turn every chunk into strings. The head is
 * located with one native `indexOf` and scanned byte-wise; only the three framing headers are
 * looked at. A head split over reads is gathered in one bounded buffer (at most `maxHeaderBytes`).
 * Bodies are skipped unless asked for (then copied out: the input buffer is reused by the caller).
 */
export class ResponseParser {
  status = 0;
  /** False when the response asks to close the connection (or is HTTP/1.0 without keep-alive). */
  keepAlive = true;
  private state = State.Done;
  private readBody = false;
  private chunks: Buffer[] | undefined;
  private bodyBytes = 0;
  /** Bytes still expected of a Content-Length body or of the current chunk. */
  private remaining = 0;
  /** A head (or chunk-size line / trailer) split across reads, gathered here. */
  private pending: Buffer | undefined;
  private pendingLength = 0;
  private chunkSize = 0;
  private lineBytes = 0;
  private sawCr = false;
  private sizeDigits = 0;
  private inExtension = false;

  constructor(private readonly limits: ResponseLimits = DEFAULT_RESPONSE_LIMITS) {}

  /** Prepares for the response to the next request. */
  reset(readBody: boolean): void {
    this.state = State.Head;
    this.status = 0;
    this.keepAlive = true;
    this.readBody = readBody;
    this.chunks = undefined;
    this.bodyBytes = 0;
    this.remaining = 0;
    this.pendingLength = 0;
  }

  get done(): boolean {
    return this.state === State.Done;
  }

  /** True while waiting for the first byte of the status line (nothing of this response seen yet). */
  get atStart(): boolean {
    return this.state === State.Head && this.pendingLength === 0;
  }

  /** The body when asked for (`reset(true)`), decoded from chunked framing. */
  body(): Buffer | undefined {
    if (!this.readBody) return undefined;
    const c = this.chunks;
    if (!c || c.length === 0) return Buffer.alloc(0);
    return c.length === 1 ? c[0] : Buffer.concat(c, this.bodyBytes);
  }

  /**
   * Feeds `chunk[start..end)` (end defaults to the chunk's length). Returns the offset just past the end of the response when it is
   * complete, or -1 when more bytes are needed. Throws `Http1ParseError` on malformed input or a
   * limit exceeded (the connection must then be closed).
   */
  execute(chunk: Buffer, start = 0, end = chunk.length): number {
    let pos = start;
    while (pos < end || this.state === State.Done) {
      switch (this.state) {
        case State.Done:
          return pos;
        case State.Head:
          pos = this.head(chunk, pos, end);
          if (pos < 0) return -1;
          break;
        case State.LengthBody: {
          const n = Math.min(this.remaining, end - pos);
          this.take(chunk, pos, n);
          pos += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = State.Done;
          break;
        }
        case State.ChunkSize:
          pos = this.chunkSizeLine(chunk, pos, end);
          break;
        case State.ChunkData: {
          const n = Math.min(this.remaining, end - pos);
          this.take(chunk, pos, n);
          pos += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            this.state = State.ChunkDataEnd;
            this.lineBytes = 0;
          }
          break;
        }
        case State.ChunkDataEnd: {
          // Exactly CRLF after the chunk's data.
          const b = chunk[pos++];
          if (this.lineBytes === 0 ? b !== CR : b !== LF) throw new Http1ParseError('HTTP1_PARSE_ERROR', 'missing CRLF after chunk data');
          if (++this.lineBytes === 2) this.startChunkSize();
          break;
        }
        case State.Trailers:
          pos = this.trailers(chunk, pos, end);
          break;
        case State.UntilEof: {
          const n = end - pos;
          this.take(chunk, pos, n);
          pos = end;
          break;
        }
      }
    }
    return (this.state as State) === State.Done ? pos : -1;
  }

  /**
   * The connection ended. Returns true when that completes the response (a body delimited by the
   * close); false when the response was cut short.
   */
  endOfStream(): boolean {
    if (this.state === State.UntilEof) {
      this.state = State.Done;
      this.keepAlive = false;
      return true;
    }
    return this.state === State.Done;
  }

  private take(chunk: Buffer, pos: number, n: number): void {
    if (n === 0) return;
    this.bodyBytes += n;
    if (this.bodyBytes > this.limits.maxBodyBytes) throw new Http1ParseError('HTTP1_BODY_TOO_LARGE', `body longer than ${this.limits.maxBodyBytes} bytes`);
    // Copied: the client reads every socket into one reused buffer.
    if (this.readBody) (this.chunks ??= []).push(Buffer.from(chunk.subarray(pos, pos + n)));
  }

  /** Returns the offset after the head, or -1 when the head is not complete in this chunk. */
  private head(chunk: Buffer, pos: number, end: number): number {
    const max = this.limits.maxHeaderBytes;
    if (this.pendingLength === 0) {
      let at = chunk.indexOf(HEAD_END, pos);
      if (at + 4 > end) at = -1;
      if (at >= 0 && at + 4 - pos <= max) {
        this.parseHead(chunk, pos, at + 2);
        return at + 4;
      }
      if (at >= 0 || end - pos > max) throw tooLarge(max);
      this.gather(chunk, pos, end - pos);
      return -1;
    }
    // Continue a split head: append to the pending bytes and look for the blank line across the seam.
    const before = this.pendingLength;
    const room = max - before;
    const n = Math.min(room, end - pos);
    this.gather(chunk, pos, n);
    const buf = this.pending!;
    const at = buf.subarray(0, this.pendingLength).indexOf(HEAD_END, Math.max(0, before - 3));
    if (at < 0) {
      if (this.pendingLength >= max) throw tooLarge(max);
      return -1;
    }
    this.parseHead(buf, 0, at + 2);
    this.pendingLength = 0;
    return pos + (at + 4 - before);
  }

  private gather(chunk: Buffer, pos: number, n: number): void {
    this.pending ??= Buffer.allocUnsafe(this.limits.maxHeaderBytes);
    chunk.copy(this.pending, this.pendingLength, pos, pos + n);
    this.pendingLength += n;
  }

  /** Parses the status line and headers in buf[start..end) (end is just past the last header's CRLF). */
  private parseHead(buf: Buffer, start: number, end: number): void {
    // "HTTP/1.x SSS" then SP or CRLF.
    if (end - start < 14 || buf.compare(HTTP_1_, 0, 7, start, start + 7) !== 0 || buf[start + 8] !== SP) {
      throw new Http1ParseError('HTTP1_PARSE_ERROR', `bad status line ${JSON.stringify(buf.toString('latin1', start, Math.min(end, start + 40)))}`);
    }
    const minor = buf[start + 7] - 0x30;
    const d0 = buf[start + 9] - 0x30;
    const d1 = buf[start + 10] - 0x30;
    const d2 = buf[start + 11] - 0x30;
    const after = buf[start + 12];
    if ((minor !== 0 && minor !== 1) || !(d0 >= 1 && d0 <= 5 && d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9) || (after !== SP && after !== CR)) {
      throw new Http1ParseError('HTTP1_PARSE_ERROR', `bad status line ${JSON.stringify(buf.toString('latin1', start, Math.min(end, start + 40)))}`);
    }
    const status = d0 * 100 + d1 * 10 + d2;
    let contentLength = -1;
    let chunked = false;
    let keepAlive = minor === 1;
    let line = buf.indexOf(LF, start) + 1;
    while (line < end) {
      let eol = line;
      while (buf[eol] !== LF) eol++;
      const valueEnd = buf[eol - 1] === CR ? eol - 1 : eol;
      let colon = line;
      while (colon < valueEnd && buf[colon] !== COLON) colon++;
      if (colon === valueEnd || colon === line) throw new Http1ParseError('HTTP1_PARSE_ERROR', `bad header line ${JSON.stringify(buf.toString('latin1', line, Math.min(valueEnd, line + 60)))}`);
      let v = colon + 1;
      while (v < valueEnd && (buf[v] === SP || buf[v] === HTAB)) v++;
      let ve = valueEnd;
      while (ve > v && (buf[ve - 1] === SP || buf[ve - 1] === HTAB)) ve--;
      const nameLength = colon - line;
      if (nameLength === 14 && equalsLower(buf, line, 'content-length')) {
        const n = parseDecimal(buf, v, ve);
        if (n < 0 || (contentLength >= 0 && n !== contentLength)) throw new Http1ParseError('HTTP1_PARSE_ERROR', `bad Content-Length ${JSON.stringify(buf.toString('latin1', v, ve))}`);
        contentLength = n;
      } else if (nameLength === 17 && equalsLower(buf, line, 'transfer-encoding')) {
        // The last coding must be chunked for the body to be chunk-framed (RFC 9112 6.3).
        chunked = ve - v >= 7 && equalsLower(buf, ve - 7, 'chunked');
        if (!chunked) keepAlive = false;
      } else if (nameLength === 10 && equalsLower(buf, line, 'connection')) {
        // The common single values byte-wise; a token list (rare) as a string.
        if (ve - v === 10 && equalsLower(buf, v, 'keep-alive')) {
          keepAlive = true;
          line = eol + 1;
          continue;
        }
        if (ve - v === 5 && equalsLower(buf, v, 'close')) {
          keepAlive = false;
          line = eol + 1;
          continue;
        }
        const tokens = buf.toString('latin1', v, ve).toLowerCase();
        if (/(^|,)\s*close\s*(,|$)/.test(tokens)) keepAlive = false;
        else if (/(^|,)\s*keep-alive\s*(,|$)/.test(tokens)) keepAlive = true;
      }
      line = eol + 1;
    }
    if (status < 200) {
      // 1xx (100 Continue, 103 Early Hints): an interim response; the real one follows.
      if (status === 101) throw new Http1ParseError('HTTP1_PARSE_ERROR', 'unexpected 101 Switching Protocols');
      this.state = State.Head;
      return;
    }
    this.status = status;
    this.keepAlive = keepAlive;
    if (status === 204 || status === 304) {
      this.state = State.Done;
    } else if (chunked) {
      this.startChunkSize();
    } else if (contentLength >= 0) {
      if (contentLength > this.limits.maxBodyBytes) throw new Http1ParseError('HTTP1_BODY_TOO_LARGE', `Content-Length ${contentLength} > ${this.limits.maxBodyBytes} bytes`);
      this.remaining = contentLength;
      this.state = contentLength === 0 ? State.Done : State.LengthBody;
    } else {
      this.keepAlive = false;
      this.state = State.UntilEof;
    }
  }

  private startChunkSize(): void {
    this.state = State.ChunkSize;
    this.chunkSize = 0;
    this.sizeDigits = 0;
    this.lineBytes = 0;
    this.sawCr = false;
    this.inExtension = false;
  }

  /** Parses "HEX[;ext]\r\n" byte-wise (it may be split anywhere). */
  private chunkSizeLine(chunk: Buffer, pos: number, end: number): number {
    while (pos < end) {
      const b = chunk[pos++];
      if (++this.lineBytes > MAX_CHUNK_LINE) throw new Http1ParseError('HTTP1_PARSE_ERROR', `chunk-size line longer than ${MAX_CHUNK_LINE} bytes`);
      if (this.sawCr) {
        if (b !== LF) throw new Http1ParseError('HTTP1_PARSE_ERROR', 'chunk-size line: CR without LF');
        if (this.sizeDigits === 0) throw new Http1ParseError('HTTP1_PARSE_ERROR', 'chunk-size line without a size');
        if (this.chunkSize === 0) {
          this.state = State.Trailers;
          this.lineBytes = 0;
          this.sawCr = false;
          this.remaining = 0; // bytes of the current trailer line
        } else {
          if (this.bodyBytes + this.chunkSize > this.limits.maxBodyBytes) throw new Http1ParseError('HTTP1_BODY_TOO_LARGE', `chunked body longer than ${this.limits.maxBodyBytes} bytes`);
          this.remaining = this.chunkSize;
          this.state = State.ChunkData;
        }
        return pos;
      }
      if (b === CR) {
        this.sawCr = true;
      } else if (this.inExtension) {
        // chunk extensions are ignored
      } else if (b === 0x3b /* ; */ || b === SP || b === HTAB) {
        this.inExtension = true;
      } else {
        const h = hexValue(b);
        if (h < 0) throw new Http1ParseError('HTTP1_PARSE_ERROR', `bad chunk size byte 0x${b.toString(16)}`);
        if (++this.sizeDigits > 8) throw new Http1ParseError('HTTP1_BODY_TOO_LARGE', 'chunk size has more than 8 hex digits');
        this.chunkSize = this.chunkSize * 16 + h;
      }
    }
    return pos;
  }

  /** Skips trailer lines up to the empty line that ends the message. */
  private trailers(chunk: Buffer, pos: number, end: number): number {
    while (pos < end) {
      const b = chunk[pos++];
      if (++this.lineBytes > this.limits.maxHeaderBytes) throw tooLarge(this.limits.maxHeaderBytes);
      if (this.sawCr) {
        if (b !== LF) throw new Http1ParseError('HTTP1_PARSE_ERROR', 'trailer: CR without LF');
        this.sawCr = false;
        if (this.remaining === 0) {
          this.state = State.Done;
          return pos;
        }
        this.remaining = 0;
      } else if (b === CR) {
        this.sawCr = true;
      } else {
        this.remaining++;
      }
    }
    return pos;
  }
}

function tooLarge(max: number): Http1ParseError {
  return new Http1ParseError('HTTP1_HEADERS_TOO_LARGE', `status line and headers longer than ${max} bytes`);
}

/** Case-insensitive compare of buf[at..] with a lower-case ASCII name. */
function equalsLower(buf: Buffer, at: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    if ((buf[at + i] | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** Non-negative decimal in buf[from..to), or -1 when it is not one (or is unsafely large). */
function parseDecimal(buf: Buffer, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const l = b | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}
