import { createHash } from 'node:crypto';
import { defineSuite } from '@workflow-bench/bench-kit';
import { HASH_SIZES, hashInput } from './support/hash-input.ts';

/**
 * core/hash-raw/<size>: the anchor for core/hash — Node's createHash('sha256') on the same bytes,
 * with no wrapper. (One suite per file is the harness's rule, so the anchor has its own file.)
 */
export default defineSuite('hash-raw', (s) => {
  s.bench('', {
    params: HASH_SIZES,
    setup: ({ param }) => hashInput(param),
    fn: (buf) => createHash('sha256').update(buf).digest(),
    throughput: { unit: 'bytes', perIteration: (buf) => buf.length },
  });
});
