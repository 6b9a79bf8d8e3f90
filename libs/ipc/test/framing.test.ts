import { describe, expect, it } from 'vitest';
import { IpcProtocolError } from '../src/errors.ts';
import { lengthPrefixedFraming, LengthPrefixedDecoder } from '../src/framing/length-prefixed.ts';
import { ndjsonFraming, NdjsonDecoder } from '../src/framing/ndjson.ts';
import { createFraming } from '../src/framing/create-framing.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const concat = (chunks: Uint8Array[]) => Buffer.concat(chunks);
const text = (frames: unknown[]) => frames.map((f) => (f instanceof IpcProtocolError ? `!${f.code}` : Buffer.from(f as Uint8Array).toString('utf8')));

/** Feeds `stream` to `decoder` one byte at a time. */
function byteByByte(decoder: { push(c: Uint8Array): unknown[] }, stream: Uint8Array): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < stream.length; i++) out.push(...decoder.push(stream.subarray(i, i + 1)));
  return out;
}

describe('length-prefixed framing', () => {
  const framing = lengthPrefixedFraming(1024);

  it('writes a 4-byte big-endian length, then the payload', () => {
    expect([...concat(framing.frame(bytes('hi')))]).toEqual([0, 0, 0, 2, 0x68, 0x69]);
  });

  it('keeps a large payload as its own chunk (no copy)', () => {
    const big = lengthPrefixedFraming(1 << 20);
    const payload = Buffer.alloc(100_000, 7);
    const chunks = big.frame(payload);
    expect(chunks).toHaveLength(2);
    expect(chunks[1]).toBe(payload);
  });

  it('decodes frames split at every byte, including empty frames', () => {
    const stream = concat([...framing.frame(bytes('one')), ...framing.frame(bytes('')), ...framing.frame(bytes('three'))]);
    expect(text(byteByByte(framing.createDecoder(), stream))).toEqual(['one', '', 'three']);
    expect(text(framing.createDecoder().push(stream))).toEqual(['one', '', 'three']);
  });

  it('ends with frame-too-large after an oversized header, then ignores the rest of the stream', () => {
    const decoder = new LengthPrefixedDecoder(8);
    expect(text(decoder.push(Buffer.from([0, 0, 0, 1, 0x41, 0, 0, 0, 9, 0, 0, 0, 1, 0x42])))).toEqual(['A', '!frame-too-large']);
    expect(decoder.failed?.code).toBe('frame-too-large');
    expect(decoder.push(Buffer.from([0, 0, 0, 1, 1]))).toEqual([]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('reports a truncated frame at end of stream', () => {
    const decoder = framing.createDecoder();
    decoder.push(Buffer.from([0, 0, 0, 5, 1, 2]));
    expect(decoder.bufferedBytes).toBe(2);
    expect(() => decoder.end()).toThrowError(expect.objectContaining({ code: 'truncated-frame' }));
    const headerOnly = framing.createDecoder();
    headerOnly.push(Buffer.from([0, 0]));
    expect(() => headerOnly.end()).toThrowError(expect.objectContaining({ code: 'truncated-frame' }));
    const clean = framing.createDecoder();
    clean.push(concat(framing.frame(bytes('x'))));
    expect(() => clean.end()).not.toThrow();
  });

  it('refuses to frame a payload over the maximum', () => {
    expect(() => lengthPrefixedFraming(4).frame(bytes('hello'))).toThrowError(expect.objectContaining({ code: 'frame-too-large' }));
  });
});

describe('NDJSON framing', () => {
  const framing = ndjsonFraming(16);

  it('ends each payload with a newline and refuses payloads holding one', () => {
    expect(concat(framing.frame(bytes('{"a":1}'))).toString()).toBe('{"a":1}\n');
    expect(() => framing.frame(bytes('a\nb'))).toThrowError(expect.objectContaining({ code: 'encode-error' }));
  });

  it('splits lines fed byte by byte; ignores blank lines and a trailing CR', () => {
    const stream = bytes('one\r\n\n\ntwo\nthree\n');
    expect(text(byteByByte(framing.createDecoder(), stream))).toEqual(['one', 'two', 'three']);
    expect(text(framing.createDecoder().push(stream))).toEqual(['one', 'two', 'three']);
  });

  it('skips an over-long line with a recoverable error and keeps decoding', () => {
    const stream = bytes(`${'x'.repeat(40)}\nok\n`);
    expect(text(framing.createDecoder().push(stream))).toEqual(['!frame-too-large', 'ok']);
    const decoder = new NdjsonDecoder(16);
    const frames = byteByByte(decoder, stream);
    expect(text(frames)).toEqual(['!frame-too-large', 'ok']);
  });

  it('never buffers more than the maximum line length', () => {
    const decoder = new NdjsonDecoder(16);
    let peak = 0;
    for (let i = 0; i < 100; i++) {
      decoder.push(bytes('abcdefg'));
      peak = Math.max(peak, decoder.bufferedBytes);
    }
    expect(peak).toBeLessThanOrEqual(16);
  });

  it('reports a final line without newline as truncated', () => {
    const decoder = framing.createDecoder();
    decoder.push(bytes('partial'));
    expect(() => decoder.end()).toThrowError(expect.objectContaining({ code: 'truncated-frame' }));
  });
});

describe('createFraming', () => {
  it('rejects unknown framings and bad maximum sizes', () => {
    expect(() => createFraming('xml' as 'length')).toThrow(/unknown framing/);
    expect(() => createFraming('length', 0)).toThrow(RangeError);
    expect(() => createFraming('ndjson', 1.5)).toThrow(RangeError);
  });
});
