import { readFileSync } from 'node:fs';
import type { EventStore } from '@workflow-bench/core';

/**
 * Appends padding events until the store refuses even small ones: used under a file-size limit to
 * make a store really full (fault tests). Record sizes step down so little space is left over.
 * Returns how many padding events went in. Never use on a store without a size limit.
 */
export async function fillStore(store: EventStore, sizes: readonly number[] = [16_384, 2_048, 256], maxEvents = 100_000): Promise<number> {
  let n = 0;
  for (const size of sizes) {
    const pad = 'x'.repeat(size);
    for (let failures = 0; failures < 3 && n < maxEvents; ) {
      try {
        await store.append(`padding-${n}`, [{ type: 'Padding', data: { pad } }], 0);
        n++;
      } catch {
        // LMDB may find a freed page on a later try: stop only after repeated refusals.
        failures++;
      }
    }
  }
  return n;
}

/** This process's file size limit (RLIMIT_FSIZE) in bytes, from /proc/self/limits; undefined when unlimited or unknown. */
export function fileSizeLimitBytes(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max file size'));
    const soft = line?.slice('Max file size'.length).trim().split(/\s+/)[0];
    return soft === undefined || soft === 'unlimited' ? undefined : Number(soft);
  } catch {
    return undefined;
  }
}
