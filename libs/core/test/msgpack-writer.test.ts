import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { MsgpackWriter, PLAIN_OPTIONS, PlainMsgpack } from '../src/index.ts';

/** msgpackr in plain mode with the smallest map headers: the bytes MsgpackWriter must write for JSON-like values. */
const reference = new Packr({ ...PLAIN_OPTIONS, variableMapSize: true });
const codec = new PlainMsgpack();

function written(values: readonly unknown[], writer = new MsgpackWriter(16)): { bytes: Buffer; ends: number[] } {
  writer.reset();
  const ends = values.map((value) => {
    writer.value(value);
    return writer.position;
  });
  return { bytes: Buffer.from(writer.bytes.subarray(0, writer.position)), ends };
}

function decodeEach(bytes: Buffer, ends: number[]): unknown[] {
  let start = 0;
  return ends.map((end) => {
    const value = codec.decode(bytes.subarray(start, end));
    start = end;
    return value;
  });
}

const multibyte = 'é ü ß — € 中文 😀 \u{10ffff}';
const odd: unknown[] = [
  null,
  true,
  false,
  0,
  1,
  127,
  128,
  255,
  256,
  65_535,
  65_536,
  2 ** 32 - 1,
  2 ** 32,
  2 ** 53 - 1,
  -(2 ** 53 - 1),
  -1,
  -32,
  -33,
  -128,
  -129,
  -32_768,
  -32_769,
  -(2 ** 31),
  -(2 ** 31) - 1,
  0.5,
  -1.25,
  Math.PI,
  1e300,
  Number.MIN_VALUE,
  Infinity,
  -Infinity,
  '',
  'a',
  'x'.repeat(31),
  'x'.repeat(32),
  'x'.repeat(63),
  'x'.repeat(64),
  'x'.repeat(255),
  'x'.repeat(256),
  'é'.repeat(20), // short, but 40 bytes: a str 8 header, not the fixstr the length suggests
  'é'.repeat(200), // 200 units, 400 bytes: str 16
  multibyte,
  multibyte.repeat(20),
  '\ud800 lone surrogate',
  '\udc00'.repeat(40),
  [],
  [1, [2, [3, [4, []]]], 'five', { six: [6] }],
  Array.from({ length: 20 }, (_, i) => i),
  Array.from({ length: 70_000 }, (_, i) => i % 3),
  {},
  JSON.parse('{"__proto__":{"polluted":1},"a":[{"__proto__":null}],"constructor":"c"}'),
  { nested: { deeper: { deepest: { list: [{ x: 1 }, { y: [null, true] }] } } } },
  Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])),
  Object.fromEntries(Array.from({ length: 70_000 }, (_, i) => [`key-${i}`, i])),
  { [multibyte]: multibyte, '': '' },
  Buffer.from([1, 2, 3]),
  new Uint8Array([0xc1, 0xff, 0]),
  Buffer.alloc(300, 7),
  Buffer.alloc(70_000, 9),
];

describe('MsgpackWriter', () => {
  it('writes the bytes msgpackr writes (smallest map headers) for JSON-like values', () => {
    for (const value of odd) {
      const { bytes } = written([value]);
      expect(bytes.toString('hex'), String(value).slice(0, 40)).toBe(Buffer.from(reference.pack(value)).toString('hex'));
    }
  });

  it('round-trips odd values through PlainMsgpack, __proto__ keys as own properties', () => {
    const { bytes, ends } = written(odd);
    const back = decodeEach(bytes, ends);
    for (let i = 0; i < odd.length; i++) {
      const value = odd[i];
      if (value instanceof Uint8Array) expect(Buffer.from(back[i] as Uint8Array).equals(Buffer.from(value))).toBe(true);
      else if (typeof value === 'string') expect(back[i]).toBe(Buffer.from(value).toString()); // a lone surrogate becomes U+FFFD, as in msgpackr
      else expect(JSON.stringify(back[i])).toBe(JSON.stringify(value));
    }
    const proto = back[odd.findIndex((v) => typeof v === 'object' && v !== null && Object.hasOwn(v, '__proto__'))] as Record<string, unknown>;
    expect(Object.keys(proto)).toEqual(['__proto__', 'a', 'constructor']);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('grows its buffer past 64 KiB, keeping what it wrote before', () => {
    const writer = new MsgpackWriter(8);
    const long = `${multibyte}${'y'.repeat(100_000)}${multibyte}`;
    const values = ['first', long, { long, list: [long] }, 'last'];
    const { bytes, ends } = written(values, writer);
    expect(bytes.length).toBeGreaterThan(300_000);
    expect(decodeEach(bytes, ends)).toEqual(values);
    // Reused after a reset: the grown buffer is kept and overwritten from the start.
    const again = written(['short'], writer);
    expect(decodeEach(again.bytes, again.ends)).toEqual(['short']);
    expect(writer.bytes.length).toBeGreaterThan(300_000);
  });

  it('leaves other values to msgpackr, with its meaning', () => {
    const date = new Date('2024-05-06T07:08:09.010Z');
    const others: unknown[] = [undefined, date, new Map([['a', 1]]), new Set([1, 2]), 2n ** 40n, { inner: undefined, when: date }];
    for (const value of others) {
      expect(written([value]).bytes.toString('hex')).toBe(Buffer.from(reference.pack(value)).toString('hex'));
    }
    const nullPrototype = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(codec.decode(written([nullPrototype]).bytes)).toEqual({ a: 1 });
  });

  it('writes envelope items directly: headers, strings and numbers', () => {
    const writer = new MsgpackWriter();
    writer.arrayHeader(3);
    writer.string('stream-é');
    writer.number(70_000);
    writer.mapHeader(1);
    writer.string('k');
    writer.number(-0.5);
    expect(codec.decode(writer.bytes.subarray(0, writer.position))).toEqual(['stream-é', 70_000, { k: -0.5 }]);
  });
});
