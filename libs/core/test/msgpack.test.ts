import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { INCOMPLETE, PLAIN_OPTIONS, PlainMsgpack, ReservedByteError, readTrailingBytesHead, scanFrame, toPlainObjects, valueEnd } from '../src/index.ts';

const pack = (value: unknown) => new Packr(PLAIN_OPTIONS).pack(value);

describe('MessagePack token walk', () => {
  it('finds where each value ends, or says it is incomplete', () => {
    const values = [0, -1, 300, 70_000, 2 ** 40, 1.5, 'x', 'y'.repeat(40), 'z'.repeat(300), null, true, [1, [2, [3]]], { a: { b: [1, 'c'] } }, Buffer.alloc(70_000, 1)];
    for (const value of values) {
      const bytes = pack(value);
      expect(valueEnd(bytes, 0)).toBe(bytes.length);
      expect(valueEnd(bytes, 0, bytes.length - 1)).toBe(INCOMPLETE);
    }
  });

  it('rejects the reserved byte 0xC1 as a token, not inside a string or byte string', () => {
    expect(() => valueEnd(Buffer.from([0x92, 0x01, 0xc1]), 0)).toThrow(ReservedByteError);
    expect(() => scanFrame(Buffer.from([0x81, 0xa1, 0x61, 0xc1]))).toThrow(ReservedByteError);
    expect(scanFrame(pack({ text: '\u00c1', bytes: Buffer.from([0xc1, 0xc1]) }))).toBe(false);
  });

  it('says whether a __proto__ string occurs, in any string form', () => {
    expect(scanFrame(pack(JSON.parse('{"a":{"__proto__":1}}')))).toBe(true);
    expect(scanFrame(Buffer.from([0x81, 0xd9, 0x09, ...Buffer.from('__proto__'), 0x01]))).toBe(true); // str 8
    expect(scanFrame(pack({ __proto_: 1, proto: '__proto' }))).toBe(false);
  });

  it('finds the head of a message whose last value is a byte string running to the end', () => {
    const bytes = pack({ id: 7, method: 'echo', params: Buffer.alloc(20_000, 9) });
    for (const available of [1, 5, 20]) expect(readTrailingBytesHead(bytes, available, bytes.length)).toBe(INCOMPLETE);
    const head = readTrailingBytesHead(bytes, 40, bytes.length);
    expect(head).toMatchObject({ path: ['params'], bytesLength: 20_000, bytesStart: bytes.length - 20_000 });
    const nested = pack({ id: 1, method: 'hash', params: { data: Buffer.alloc(30_000) } });
    expect(readTrailingBytesHead(nested, nested.length, nested.length)).toMatchObject({ path: ['params', 'data'], bytesLength: 30_000 });
    // Other shapes are read whole.
    const notLast = pack({ id: 1, params: Buffer.alloc(20_000), more: 1 });
    expect(readTrailingBytesHead(notLast, 100, notLast.length)).toBe(INCOMPLETE); // cannot tell before the bytes have passed
    expect(readTrailingBytesHead(notLast, notLast.length, notLast.length)).toBeUndefined();
    const array = pack([Buffer.alloc(20_000)]);
    expect(readTrailingBytesHead(array, 10, array.length)).toBeUndefined();
  });
});

describe('PlainMsgpack', () => {
  it('round-trips a __proto__ key as an own property, polluting nothing', () => {
    const codec = new PlainMsgpack();
    const value = JSON.parse('{"a":[{"__proto__":{"polluted":1}}],"__proto__":null}');
    const back = codec.decode(codec.encode(value) as Buffer) as Record<string, unknown>;
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('toPlainObjects keeps scalar map keys as msgpackr does', () => {
    expect(toPlainObjects(new Map<unknown, unknown>([[1, 'a'], [true, 'b'], ['__proto__', new Map([['x', 1]])]]))).toEqual(JSON.parse('{"1":"a","true":"b","__proto__":{"x":1}}'));
  });
});
