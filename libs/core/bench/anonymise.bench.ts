import { defineSuite } from '@workflow-bench/bench-kit';
import { Anonymiser, TMA_SIZES, generateTma } from '../src/index.ts';

/**
 * core/anonymise/<size>: detection + keyed pseudonyms + rewriting of a generated submission. A new
 * Anonymiser per call, so every pseudonym costs its HMAC (a fresh document mostly holds values the
 * service has not seen; a warm memo would flatter the figure).
 */
export default defineSuite('anonymise', (s) => {
  s.bench({
    params: TMA_SIZES,
    // Anonymise once in setup: the common-word list is loaded on first use, and that load is not the work.
    setup: ({ param }) => {
      const text = generateTma(param ?? 'medium').text;
      new Anonymiser('bench-key').anonymise(text);
      return text;
    },
    fn: (text) => new Anonymiser('bench-key').anonymise(text),
    throughput: { unit: 'bytes', perIteration: (text) => Buffer.byteLength(text) },
  });
});
