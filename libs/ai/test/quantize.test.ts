import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { f16BitsToF32, f32ToF16Bits, roundToF16 } from '../src/gguf/fp16.ts';
import { TYPE_LAYOUTS, tensorBytes } from '../src/gguf/ggml-types.ts';
import { dequantizeQ4_0, dequantizeQ8_0, encodeTensor, quantizeQ4_0, quantizeQ8_0 } from '../src/gguf/quantize.ts';
import { Prng } from '../src/random/prng.ts';

const block = fc.float32Array({ minLength: 32, maxLength: 32, noNaN: true, noDefaultInfinity: true, min: -1000, max: 1000 });
const blocks = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.float32Array({ minLength: 32 * n, maxLength: 32 * n, noNaN: true, noDefaultInfinity: true, min: -100, max: 100 }),
);

function maxAbs(xs: Float32Array, from: number, to: number): number {
  let m = 0;
  for (let i = from; i < to; i++) m = Math.max(m, Math.abs(xs[i]!));
  return m;
}

describe('fp16', () => {
  it('encodes known values bit-exactly', () => {
    expect(f32ToF16Bits(0)).toBe(0x0000);
    expect(f32ToF16Bits(-0)).toBe(0x8000);
    expect(f32ToF16Bits(1)).toBe(0x3c00);
    expect(f32ToF16Bits(-2)).toBe(0xc000);
    expect(f32ToF16Bits(65504)).toBe(0x7bff);
    expect(f32ToF16Bits(1e6)).toBe(0x7c00);
    expect(f32ToF16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(f32ToF16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie rounds to even
    expect(f32ToF16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(Number.isNaN(f16BitsToF32(f32ToF16Bits(NaN)))).toBe(true);
  });

  it('round-trips every half value exactly', () => {
    const wrong: number[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0) continue; // NaN payloads
      if (f32ToF16Bits(f16BitsToF32(bits)) !== bits) wrong.push(bits);
    }
    expect(wrong).toEqual([]);
  });

  it('rounds to within half an ulp', () => {
    fc.assert(
      fc.property(fc.float({ min: -60000, max: 60000, noNaN: true }), (x) => {
        const r = roundToF16(x);
        const ulp = Math.abs(x) < 2 ** -14 ? 2 ** -24 : 2 ** (Math.floor(Math.log2(Math.abs(x))) - 10);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(ulp / 2 + 1e-12);
      }),
    );
  });
});

describe('ggml block layouts', () => {
  it('has the exact block sizes of ggml-common.h', () => {
    expect(TYPE_LAYOUTS.q8_0).toMatchObject({ blockSize: 32, blockBytes: 2 + 32 });
    expect(TYPE_LAYOUTS.q4_0).toMatchObject({ blockSize: 32, blockBytes: 2 + 16 });
    expect(tensorBytes('q8_0', 64 * 1024)).toBe(2048 * 34);
    expect(tensorBytes('q4_0', 64 * 1024)).toBe(2048 * 18);
    expect(tensorBytes('f16', 10)).toBe(20);
    expect(tensorBytes('f32', 10)).toBe(40);
    expect(() => tensorBytes('q4_0', 33)).toThrow(RangeError);
    expect(encodeTensor(new Float32Array(96), 'q8_0').length).toBe(3 * 34);
    expect(encodeTensor(new Float32Array(96), 'q4_0').length).toBe(3 * 18);
  });

  it('Q8_0: fp16 scale max|x|/127 first, then 32 int8 in element order', () => {
    const x = new Float32Array(32).map((_, i) => (i - 16) / 16); // -1 … 0.9375
    const out = new Uint8Array(34);
    quantizeQ8_0(x, out);
    const view = new DataView(out.buffer);
    expect(f16BitsToF32(view.getUint16(0, true))).toBeCloseTo(1 / 127, 6);
    expect(view.getInt8(2)).toBe(-127); // x[0] = -1
    expect(view.getInt8(2 + 16)).toBe(0); // x[16] = 0
  });

  it('Q4_0: byte j holds element j (low nibble) and element j+16 (high nibble)', () => {
    const x = new Float32Array(32);
    x[0] = -8; // the largest magnitude: d = -8 / -8 = 1, stored as nibble 0
    x[16] = 7; // nibble 15
    x[1] = 3; // nibble 11
    const out = new Uint8Array(18);
    quantizeQ4_0(x, out);
    expect(f16BitsToF32(new DataView(out.buffer).getUint16(0, true))).toBe(1);
    expect(out[2]).toBe(0x00 | (15 << 4));
    expect(out[3]).toBe(11 | (8 << 4));
    expect(Array.from(dequantizeQ4_0(out, 32).subarray(0, 2))).toEqual([-8, 3]);
  });

  it('Q8_0 error is at most half a step (plus the fp16 scale rounding) per value', () => {
    fc.assert(
      fc.property(blocks, (x) => {
        const q = encodeTensor(x, 'q8_0');
        const y = dequantizeQ8_0(q, x.length);
        for (let b = 0; b < x.length; b += 32) {
          const d = maxAbs(x, b, b + 32) / 127;
          // The fp16 scale is off by half an ulp: relative 2^-11 when normal, absolute 2^-25 when
          // subnormal (blocks of tiny values), and every q (|q| ≤ 127) carries that error.
          const scaleError = Math.max(d * 2 ** -11, 2 ** -25);
          // Plus float32 rounding of the dequantised value itself.
          const f32Error = d * 127 * 2 ** -23;
          const bound = d * 0.5 + 127 * scaleError + f32Error + 1e-12;
          for (let i = b; i < b + 32; i++) if (Math.abs(y[i]! - x[i]!) > bound) throw new Error(`x[${i}]=${x[i]} → ${y[i]}, bound ${bound}`);
        }
      }),
    );
  });

  it('Q4_0 error is at most one step per value', () => {
    fc.assert(
      fc.property(block, (x) => {
        const q = encodeTensor(x, 'q4_0');
        const y = dequantizeQ4_0(q, 32);
        const d = maxAbs(x, 0, 32) / 8;
        const scaleError = Math.max(d * 2 ** -11, 2 ** -25);
        const bound = d + 8 * scaleError + d * 8 * 2 ** -23 + 1e-12;
        for (let i = 0; i < 32; i++) if (Math.abs(y[i]! - x[i]!) > bound) throw new Error(`x[${i}]=${x[i]} → ${y[i]}, bound ${bound}`);
      }),
    );
  });

  it('keeps the relative error of random weights small (RMS)', () => {
    const x = new Float32Array(32 * 256);
    new Prng(7).fillUniform(x, 1);
    const rms = (y: Float32Array) => Math.sqrt(y.reduce((s, v, i) => s + (v - x[i]!) ** 2, 0) / x.length);
    expect(rms(dequantizeQ8_0(encodeTensor(x, 'q8_0'), x.length))).toBeLessThan(0.005);
    expect(rms(dequantizeQ4_0(encodeTensor(x, 'q4_0'), x.length))).toBeLessThan(0.08);
  });
});
