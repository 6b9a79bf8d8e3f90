import * as crypto from 'node:crypto';

/**
 * One-shot `crypto.hash` (Node ≥ 20.12) skips the Hash object that `createHash` allocates, which is
 * most of the cost for small inputs; older runtimes fall back to createHash.
 */
const oneShot: ((algorithm: string, data: string | Uint8Array, encoding: 'hex') => string) | undefined =
  typeof (crypto as { hash?: unknown }).hash === 'function' ? (crypto.hash as (a: string, d: string | Uint8Array, e: 'hex') => string) : undefined;

/** SHA-256 of a UTF-8 string or raw bytes, as 64 lower-case hex digits. */
export function sha256Hex(data: string | Uint8Array): string {
  if (oneShot !== undefined) return oneShot('sha256', data, 'hex');
  return crypto.createHash('sha256').update(data).digest('hex');
}
