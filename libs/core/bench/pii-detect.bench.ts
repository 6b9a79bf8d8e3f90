import { defineSuite } from '@workflow-bench/bench-kit';
import { TMA_SIZES, detectPii, generateTma } from '../src/index.ts';

/** core/pii-detect/<size>: detectPii over a generated submission with embedded personal data. */
export default defineSuite('pii-detect', (s) => {
  s.bench('', {
    params: TMA_SIZES,
    setup: ({ param }) => generateTma(param ?? 'medium').text,
    fn: (text) => detectPii(text),
    throughput: { unit: 'bytes', perIteration: (text) => Buffer.byteLength(text) },
  });
});
