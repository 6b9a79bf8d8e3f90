/** Hash benchmark sizes and their input: the same deterministic bytes for `hash` and `hash-raw`. */
export const HASH_SIZES = ['1KiB', '64KiB', '1MiB'] as const;
export type HashSize = (typeof HASH_SIZES)[number];

const BYTES: Record<HashSize, number> = { '1KiB': 1024, '64KiB': 64 * 1024, '1MiB': 1024 * 1024 };

export function hashInput(size: HashSize | undefined): Buffer {
  if (size === undefined) throw new Error('hash benchmarks are parameterised by size');
  const buf = Buffer.alloc(BYTES[size]);
  // xorshift32: cheap, deterministic, incompressible-looking content.
  let x = 0x9e3779b9;
  for (let i = 0; i < buf.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buf[i] = x & 0xff;
  }
  return buf;
}
