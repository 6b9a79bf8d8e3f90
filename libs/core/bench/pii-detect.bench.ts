import { defineSuite } from '@workflow-bench/bench-kit';
import { TMA_SIZES, detectPii, generateTma } from '../src/index.ts';

/** core/pii-detect/<size>: detectPii over a generated submission with embedded personal data. */
export default defineSuite('pii-detect', (s) => {
  s.bench({
    params: TMA_SIZES,
    // Detect once in setup: the common-word list is loaded on first use, and that load is not the scan.
    setup: ({ param }) => {
      const text = generateTma(param ?? 'medium').text;
      detectPii(text);
      return text;
    },
    fn: (text) => detectPii(text),
    throughput: { unit: 'bytes', perIteration: (text) => Buffer.byteLength(text) },
  });
});
