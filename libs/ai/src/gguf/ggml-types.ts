/**
 * The ggml tensor types this suite writes, with their block layouts (ggml/src/ggml-common.h):
 *  - F32: 4 bytes a value, F16: 2 bytes a value;
 *  - Q8_0: blocks of 32 values = fp16 scale + 32 × int8 (34 bytes);
 *  - Q4_0: blocks of 32 values = fp16 scale + 16 bytes of nibbles (18 bytes).
 */
export const GgmlType = { F32: 0, F16: 1, Q4_0: 2, Q8_0: 8 } as const;
export type GgmlTypeId = (typeof GgmlType)[keyof typeof GgmlType];

/** Weight types a generated model can use (the name is also its cache-key part). */
export type WeightType = 'f32' | 'f16' | 'q8_0' | 'q4_0';
export const WEIGHT_TYPES: readonly WeightType[] = ['f32', 'f16', 'q8_0', 'q4_0'];

export interface TypeLayout {
  ggmlType: GgmlTypeId;
  /** Values per block (1 for the float types). */
  blockSize: number;
  /** Bytes per block. */
  blockBytes: number;
  /** `general.file_type` (llama_ftype) of a file whose weights mostly use this type. */
  fileType: number;
}

export const TYPE_LAYOUTS: Record<WeightType, TypeLayout> = {
  f32: { ggmlType: GgmlType.F32, blockSize: 1, blockBytes: 4, fileType: 0 },
  f16: { ggmlType: GgmlType.F16, blockSize: 1, blockBytes: 2, fileType: 1 },
  q4_0: { ggmlType: GgmlType.Q4_0, blockSize: 32, blockBytes: 18, fileType: 2 },
  q8_0: { ggmlType: GgmlType.Q8_0, blockSize: 32, blockBytes: 34, fileType: 7 },
};

export const QK = 32;

/** Bytes a tensor of `count` values takes in `type`. */
export function tensorBytes(type: WeightType, count: number): number {
  const layout = TYPE_LAYOUTS[type];
  if (count % layout.blockSize !== 0) {
    throw new RangeError(`${count} values do not fill whole ${type} blocks of ${layout.blockSize}`);
  }
  return (count / layout.blockSize) * layout.blockBytes;
}
