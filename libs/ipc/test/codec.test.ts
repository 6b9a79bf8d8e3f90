import { describe, expect, it } from 'vitest';
import { createCodec } from '../src/codec/create-codec.ts';
import { IpcProtocolError } from '../src/errors.ts';

describe('codecs', () => {
  const message = { id: 7, method: 'parse', params: { text: 'Hello — ünïcode ✓', n: [1, 2.5, null, true] } };

  it.each(['json', 'msgpack'] as const)('%s round-trips a message', (kind) => {
    const codec = createCodec(kind);
    expect(codec.decode(codec.encode(message))).toEqual(message);
  });

  it('msgpack carries bytes as bytes', () => {
    const codec = createCodec('msgpack');
    const decoded = codec.decode(codec.encode({ id: 1, result: Buffer.from([0, 10, 255]) })) as { result: Uint8Array };
    expect(decoded.result).toBeInstanceOf(Uint8Array);
    expect([...decoded.result]).toEqual([0, 10, 255]);
  });

  it('json encodes undefined as null', () => {
    expect(Buffer.from(createCodec('json').encode(undefined)).toString()).toBe('null');
  });

  it.each([
    ['json', Buffer.from('{"id":1,')],
    ['json', Buffer.from('')],
    ['msgpack', Buffer.from([])],
    ['msgpack', Buffer.from([0x92, 0x01])], // array of 2 with one element
    ['msgpack', Buffer.concat([createCodec('msgpack').encode({ a: 1 }), Buffer.from([0x01])])], // trailing byte
  ] as const)('%s rejects malformed bytes with a parse-error', (kind, payload) => {
    const codec = createCodec(kind);
    let error: unknown;
    try {
      codec.decode(payload);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IpcProtocolError);
    expect((error as IpcProtocolError).code).toBe('parse-error');
  });

  it('msgpack: the reserved byte 0xC1 as a token is a parse-error, inside a byte string it is data', () => {
    const codec = createCodec('msgpack');
    const request = Buffer.from(codec.encode({ id: 1, method: 'ping', params: null }));
    request[request.length - 1] = 0xc1; // params: 0xC1 instead of nil
    expect(() => codec.decode(request)).toThrowError(expect.objectContaining({ code: 'parse-error', message: expect.stringMatching(/0xC1/) }));
    expect(codec.decode(codec.encode({ id: 1, result: Buffer.from([0xc1]) }))).toEqual({ id: 1, result: Buffer.from([0xc1]) });
  });

  it.each(['json', 'msgpack'] as const)('%s: a __proto__ key round-trips as an own property and pollutes nothing', (kind) => {
    const codec = createCodec(kind);
    const text = '{"id":1,"result":{"__proto__":{"polluted":1},"x":[{"__proto__":2}]}}';
    const decoded = codec.decode(codec.encode(JSON.parse(text))) as { result: object };
    expect(JSON.stringify(decoded)).toBe(text);
    expect(Object.getPrototypeOf(decoded.result)).toBe(Object.prototype);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('json reports values it cannot encode as encode-error', () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(() => createCodec('json').encode(circular)).toThrowError(expect.objectContaining({ code: 'encode-error' }));
    expect(() => createCodec('json').encode({ big: 1n })).toThrowError(expect.objectContaining({ code: 'encode-error' }));
  });
});

describe('msgpack encodeParts', () => {
  const codec = createCodec('msgpack');

  it.each([20_000, 65_535, 65_536, 100_000])('sends a large trailing byte string (%d bytes) as its own part, byte-identical to encode()', (size) => {
    const bytes = Buffer.alloc(size, 3);
    const message = { id: 70_000, method: 'echo', params: bytes };
    const parts = codec.encodeParts(message) as Uint8Array[];
    expect(parts).toHaveLength(3);
    expect(parts[2]).toBe(bytes);
    expect(codec.decode(Buffer.concat(parts))).toEqual(message);
    expect(Buffer.concat(parts).equals(Buffer.from(codec.encode(message)))).toBe(true);
  });

  it('keeps small or non-trailing byte strings in one part', () => {
    expect(codec.encodeParts({ id: 1, result: Buffer.alloc(10) })).toHaveLength(1);
    expect(codec.encodeParts({ id: 1, result: Buffer.alloc(20_000), more: 1 })).toHaveLength(1);
    expect(createCodec('json').encodeParts({ id: 1 })).toHaveLength(1);
  });
});
