import { createHash } from 'node:crypto';
import { defineSuite } from '@workflow-bench/bench-kit';
import { sha256Hex } from '../src/index.ts';
import { HASH_SIZES, hashInput } from './support/hash-input.ts';

/**
 * core/hash/<size>: the core's sha256Hex (hex digest of a byte buffer) on 1 KiB, 64 KiB and 1 MiB.
 * Its anchor is core/hash-raw/<size>: createHash().update().digest() on the same bytes, measured
 * in the same process right after the wrapper of the same size, so both see the same machine state;
 * the goals below require the wrapper to keep ≥ 90 % of the raw throughput.
 */
export default defineSuite('hash', (s) => {
  for (const size of HASH_SIZES) {
    s.bench({
      params: [size],
      setup: () => hashInput(size),
      fn: (buf) => sha256Hex(buf),
      throughput: { unit: 'bytes', perIteration: (buf) => buf.length },
    });
    s.bench({
      group: 'hash-raw',
      params: [size],
      setup: () => hashInput(size),
      fn: (buf) => createHash('sha256').update(buf).digest(),
      throughput: { unit: 'bytes', perIteration: (buf) => buf.length },
    });
    s.compare(`core/hash/${size}`, `core/hash-raw/${size}`);
  }
  for (const size of HASH_SIZES) {
    s.goal({
      name: `sha256Hex ${size} ≥ 90% of raw createHash`,
      description: `Throughput of core/hash/${size} divided by core/hash-raw/${size} (the same bytes hashed by createHash('sha256').update(buf).digest()).`,
      unit: 'ratio',
      target: 0.9,
      comparison: '>=',
      benchmarks: [`core/hash/${size}`, `core/hash-raw/${size}`],
      actual: (r) => {
        const core = r.throughput(`core/hash/${size}`);
        const raw = r.throughput(`core/hash-raw/${size}`);
        return core === undefined || raw === undefined ? undefined : core / raw;
      },
    });
  }
});
