import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Http1ParseError } from '../src/driver/http1/http1-errors.ts';
import { ResponseParser, type ResponseLimits } from '../src/driver/http1/response-parser.ts';

/** Runs: CI-sized by default, LOAD_TEST_FULL=1 for a long fuzz. */
const RUNS = process.env.LOAD_TEST_FULL === '1' ? 2000 : 100;

interface Parsed {
  status: number;
  body: string | undefined;
  keepAlive: boolean;
  /** Bytes of the input consumed by the response (offset just after it, across all pieces). */
  consumed: number;
}

/** Feeds `pieces` in order; returns the result once the response is complete (or at end of stream). */
function parse(pieces: Buffer[], opts: { readBody?: boolean; limits?: ResponseLimits; eof?: boolean } = {}): Parsed | undefined {
  const p = new ResponseParser(opts.limits);
  p.reset(opts.readBody ?? true);
  let before = 0;
  for (const piece of pieces) {
    const end = p.execute(piece, 0);
    if (end >= 0) return { status: p.status, body: p.body()?.toString('utf8'), keepAlive: p.keepAlive, consumed: before + end };
    before += piece.length;
  }
  if (opts.eof && p.endOfStream()) return { status: p.status, body: p.body()?.toString('utf8'), keepAlive: p.keepAlive, consumed: before };
  return undefined;
}

function splitAt(buf: Buffer, cuts: number[]): Buffer[] {
  const sorted = [...new Set(cuts)].filter((c) => c > 0 && c < buf.length).sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const c of sorted) {
    out.push(buf.subarray(prev, c));
    prev = c;
  }
  out.push(buf.subarray(prev));
  return out;
}

const lengthResponse = (body: string, extraHeaders = '') =>
  Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n${extraHeaders}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);

function chunkedResponse(parts: string[], trailers = ''): Buffer {
  let s = 'HTTP/1.1 201 Created\r\ntransfer-encoding: chunked\r\nconnection: keep-alive\r\n\r\n';
  for (const p of parts) if (p.length > 0) s += `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`;
  return Buffer.from(`${s}0\r\n${trailers}\r\n`);
}

describe('ResponseParser', () => {
  it('parses a Content-Length response and reports where it ended', () => {
    const buf = lengthResponse('{"ok":true}');
    expect(parse([buf])).toEqual({ status: 200, body: '{"ok":true}', keepAlive: true, consumed: buf.length });
  });

  it('skips the body unread unless asked for', () => {
    expect(parse([lengthResponse('abc')], { readBody: false })).toMatchObject({ status: 200, body: undefined });
  });

  it('parses chunked bodies with chunk extensions and trailers', () => {
    const raw = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\n');
    expect(parse([raw])).toMatchObject({ status: 200, body: 'hello 0123456789', consumed: raw.length });
  });

  it('header names are case-insensitive and values trimmed; Connection: close ends keep-alive', () => {
    const r = parse([Buffer.from('HTTP/1.1 404 Not Found\r\ncOnTeNt-LeNgTh:   2  \r\nConnection: close\r\n\r\nno')]);
    expect(r).toMatchObject({ status: 404, body: 'no', keepAlive: false });
  });

  it('HTTP/1.0 is keep-alive only when it says so', () => {
    expect(parse([Buffer.from('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n')])?.keepAlive).toBe(false);
    expect(parse([Buffer.from('HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n')])?.keepAlive).toBe(true);
  });

  it('204 and 304 have no body; 1xx interim responses are skipped', () => {
    expect(parse([Buffer.from('HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n')])).toMatchObject({ status: 204, body: '' });
    const interim = Buffer.from('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx');
    expect(parse([interim])).toMatchObject({ status: 200, body: 'x', consumed: interim.length });
  });

  it('a body without length or chunking runs until the connection closes', () => {
    const r = parse([Buffer.from('HTTP/1.1 200 OK\r\n\r\npart 1, '), Buffer.from('part 2')], { eof: true });
    expect(r).toMatchObject({ status: 200, body: 'part 1, part 2', keepAlive: false });
  });

  it('a response cut short is not complete at end of stream', () => {
    const p = new ResponseParser();
    p.reset(false);
    expect(p.execute(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'))).toBe(-1);
    expect(p.endOfStream()).toBe(false);
  });

  it('stops at the end of the response: bytes after it are left to the caller', () => {
    const two = Buffer.concat([lengthResponse('a'), lengthResponse('bb')]);
    const p = new ResponseParser();
    p.reset(true);
    const end = p.execute(two);
    expect(p.body()?.toString()).toBe('a');
    p.reset(true);
    expect(p.execute(two, end)).toBe(two.length);
    expect(p.body()?.toString()).toBe('bb');
  });

  it('reads only up to `end` of a reused buffer (stale bytes after it are ignored)', () => {
    const buf = Buffer.alloc(256, 0x20);
    const head = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n');
    head.copy(buf, 0);
    Buffer.from('\r\n\r\nstale').copy(buf, 100);
    const p = new ResponseParser();
    p.reset(true);
    expect(p.execute(buf, 0, head.length)).toBe(-1);
    const rest = Buffer.alloc(256, 0x20);
    Buffer.from('\r\nok').copy(rest, 0);
    Buffer.from('\r\n\r\n').copy(rest, 50);
    expect(p.execute(rest, 0, 4)).toBe(4);
    expect(p.body()?.toString()).toBe('ok');
  });

  it.each([
    ['a bad status line', 'HTTP/2 200 OK\r\n\r\n'],
    ['a non-numeric status', 'HTTP/1.1 2x0 OK\r\n\r\n'],
    ['a header line without a colon', 'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n'],
    ['a bad Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n'],
    ['conflicting Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx'],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['chunk data without CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nxy'],
    ['101 Switching Protocols', 'HTTP/1.1 101 Switching Protocols\r\n\r\n'],
  ])('rejects %s with a typed parse error', (_what, raw) => {
    const p = new ResponseParser();
    p.reset(false);
    expect(() => p.execute(Buffer.from(raw))).toThrow(Http1ParseError);
    try {
      p.reset(false);
      p.execute(Buffer.from(raw));
    } catch (err) {
      expect((err as Http1ParseError).code).toBe('HTTP1_PARSE_ERROR');
    }
  });

  it('oversized headers fail with HTTP1_HEADERS_TOO_LARGE, whole or split', () => {
    const limits = { maxHeaderBytes: 256, maxBodyBytes: 1024 };
    const big = lengthResponse('x', `X-Big: ${'a'.repeat(300)}\r\n`);
    const code = (pieces: Buffer[]) => {
      try {
        parse(pieces, { limits });
        return 'none';
      } catch (err) {
        return (err as Http1ParseError).code;
      }
    };
    expect(code([big])).toBe('HTTP1_HEADERS_TOO_LARGE');
    expect(code(splitAt(big, [10, 100, 200]))).toBe('HTTP1_HEADERS_TOO_LARGE');
    // A head that never ends fails once it passes the limit, not at end of stream.
    expect(code([Buffer.from('HTTP/1.1 200 OK\r\n'), Buffer.from(`X: ${'b'.repeat(300)}`)])).toBe('HTTP1_HEADERS_TOO_LARGE');
    // Exactly at the limit is fine.
    const exact = lengthResponse('', `X-Pad: ${'c'.repeat(256 - lengthResponse('', 'X-Pad: \r\n').length)}\r\n`);
    expect(exact.length).toBe(256);
    expect(parse([exact], { limits })).toMatchObject({ status: 200 });
  });

  it('oversized bodies fail with HTTP1_BODY_TOO_LARGE (Content-Length, chunked, until close)', () => {
    const limits = { maxHeaderBytes: 1024, maxBodyBytes: 8 };
    const cases = [lengthResponse('123456789'), chunkedResponse(['12345', '6789']), Buffer.from('HTTP/1.1 200 OK\r\n\r\n123456789')];
    for (const raw of cases) expect(() => parse([raw], { limits, eof: true })).toThrow(expect.objectContaining({ code: 'HTTP1_BODY_TOO_LARGE' }));
    expect(parse([lengthResponse('12345678')], { limits })?.body).toBe('12345678');
  });

  it('the same response split at every byte boundary parses the same (fast-check)', () => {
    const body = fc.string({ unit: 'grapheme', maxLength: 80 });
    const response = fc.oneof(
      body.map((b) => ({ raw: lengthResponse(b), status: 200, body: b })),
      fc.array(body, { maxLength: 5 }).chain((parts) =>
        fc.constantFrom('', 'X-Trailer: yes\r\n').map((trailers) => ({ raw: chunkedResponse(parts, trailers), status: 201, body: parts.join('') })),
      ),
    );
    fc.assert(
      fc.property(response, ({ raw, status, body: expected }) => {
        // Every single split point...
        for (let i = 1; i < raw.length; i++) {
          expect(parse(splitAt(raw, [i]))).toEqual({ status, body: expected, keepAlive: true, consumed: raw.length });
        }
        // ...and one byte at a time.
        const bytes = Array.from({ length: raw.length }, (_, i) => raw.subarray(i, i + 1));
        expect(parse(bytes)).toEqual({ status, body: expected, keepAlive: true, consumed: raw.length });
      }),
      { numRuns: RUNS },
    );
  });

  it('random multi-way splits of back-to-back responses (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }), fc.array(fc.nat(), { maxLength: 12 }), (a, parts, cuts) => {
        const first = lengthResponse(a);
        const second = chunkedResponse(parts);
        const stream = Buffer.concat([first, second]);
        const pieces = splitAt(stream, cuts.map((c) => c % stream.length));
        const p = new ResponseParser();
        const bodies: string[] = [];
        p.reset(true);
        for (const piece of pieces) {
          let at = 0;
          while (at < piece.length) {
            const end = p.execute(piece, at);
            if (end < 0) break;
            bodies.push(p.body()!.toString('utf8'));
            p.reset(true);
            at = end;
          }
        }
        expect(bodies).toEqual([a, parts.join('')]);
      }),
      { numRuns: RUNS },
    );
  });
});
