import { f16BitsToF32, f32ToF16Bits } from './fp16.ts';
import { QK, tensorBytes, type WeightType } from './ggml-types.ts';

/**
 * Encoders (and decoders, for the tests' error bounds) of the ggml reference quantisers
 * quantize_row_q8_0_ref / quantize_row_q4_0_ref, so a generated file holds exactly what
 * llama-quantize would have written for the same floats.
 */

/** Q8_0: d = max|x| / 127, q = round(x / d); block = fp16 d, then 32 int8. */
export function quantizeQ8_0(src: Float32Array, out: Uint8Array, outOffset = 0): void {
  checkBlocks(src, out, outOffset, 'q8_0');
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let o = outOffset;
  for (let b = 0; b < src.length; b += QK) {
    let amax = 0;
    for (let j = 0; j < QK; j++) amax = Math.max(amax, Math.abs(src[b + j]!));
    const d = amax / 127;
    const id = d !== 0 ? 1 / d : 0;
    view.setUint16(o, f32ToF16Bits(d), true);
    for (let j = 0; j < QK; j++) view.setInt8(o + 2 + j, roundHalfAway(src[b + j]! * id));
    o += 34;
  }
}

export function dequantizeQ8_0(src: Uint8Array, count: number): Float32Array {
  const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const out = new Float32Array(count);
  for (let b = 0, o = 0; b < count; b += QK, o += 34) {
    const d = f16BitsToF32(view.getUint16(o, true));
    for (let j = 0; j < QK; j++) out[b + j] = view.getInt8(o + 2 + j) * d;
  }
  return out;
}

/**
 * Q4_0: the value of largest magnitude (with its sign) maps to -8, d = max / -8,
 * q = min(15, trunc(x / d + 8.5)); byte j holds element j in its low nibble and element j+16
 * in its high nibble.
 */
export function quantizeQ4_0(src: Float32Array, out: Uint8Array, outOffset = 0): void {
  checkBlocks(src, out, outOffset, 'q4_0');
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let o = outOffset;
  for (let b = 0; b < src.length; b += QK) {
    let amax = 0;
    let max = 0;
    for (let j = 0; j < QK; j++) {
      const v = src[b + j]!;
      if (amax < Math.abs(v)) {
        amax = Math.abs(v);
        max = v;
      }
    }
    const d = max / -8;
    const id = d !== 0 ? 1 / d : 0;
    view.setUint16(o, f32ToF16Bits(d), true);
    for (let j = 0; j < QK / 2; j++) {
      const x0 = src[b + j]! * id;
      const x1 = src[b + QK / 2 + j]! * id;
      const q0 = Math.min(15, Math.trunc(x0 + 8.5));
      const q1 = Math.min(15, Math.trunc(x1 + 8.5));
      out[o + 2 + j] = q0 | (q1 << 4);
    }
    o += 18;
  }
}

export function dequantizeQ4_0(src: Uint8Array, count: number): Float32Array {
  const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const out = new Float32Array(count);
  for (let b = 0, o = 0; b < count; b += QK, o += 18) {
    const d = f16BitsToF32(view.getUint16(o, true));
    for (let j = 0; j < QK / 2; j++) {
      const byte = src[o + 2 + j]!;
      out[b + j] = ((byte & 0x0f) - 8) * d;
      out[b + QK / 2 + j] = ((byte >>> 4) - 8) * d;
    }
  }
  return out;
}

/** Encodes `src` in `type` (F32 and F16 too) into a new buffer of the exact ggml size. */
export function encodeTensor(src: Float32Array, type: WeightType): Uint8Array {
  const out = new Uint8Array(tensorBytes(type, src.length));
  switch (type) {
    case 'f32':
      out.set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength));
      break;
    case 'f16': {
      const view = new DataView(out.buffer);
      for (let i = 0; i < src.length; i++) view.setUint16(i * 2, f32ToF16Bits(src[i]!), true);
      break;
    }
    case 'q8_0':
      quantizeQ8_0(src, out);
      break;
    case 'q4_0':
      quantizeQ4_0(src, out);
      break;
  }
  return out;
}

/** C's roundf: halves go away from zero (Math.round sends -2.5 to -2). */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function checkBlocks(src: Float32Array, out: Uint8Array, outOffset: number, type: WeightType): void {
  const need = tensorBytes(type, src.length);
  if (out.length - outOffset < need) throw new RangeError(`${type}: output needs ${need} bytes, has ${out.length - outOffset}`);
}
