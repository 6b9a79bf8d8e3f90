import { defineSuite } from '@workflow-bench/bench-kit';
import { TMA_SIZES, generateTma, parseTma } from '../src/index.ts';

/** core/tma-parse/<size>: parseTma on a generated submission (small ≈ 2 KB, medium ≈ 12 KB, large ≈ 60 KB). */
export default defineSuite('tma-parse', (s) => {
  s.bench('', {
    params: TMA_SIZES,
    setup: ({ param }) => generateTma(param ?? 'medium').text,
    fn: (text) => parseTma(text),
    throughput: { unit: 'bytes', perIteration: (text) => Buffer.byteLength(text) },
  });
  s.goal({
    name: 'TMA parse medium < 60 µs',
    description: 'Parsing a medium submission (8 answers, ~2,000 words) takes under 60 µs.',
    unit: 'ns',
    target: 60_000,
    comparison: '<',
    benchmarks: ['core/tma-parse/medium'],
    actual: (r) => r.estimate('core/tma-parse/medium'),
  });
});
