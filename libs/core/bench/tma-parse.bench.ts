import { defineSuite, median } from '@workflow-bench/bench-kit';
import { TMA_SIZES, generateTma, parseTma } from '../src/index.ts';
import { manyTinyAnswers } from './support/many-answers.ts';
import { timePerByteRatios } from './support/size-ratio.ts';

/** Answer counts of the linearity check: the sizes at which parsing was found super-linear. */
const LINEARITY_ANSWERS = { small: 25_000, large: 400_000 } as const;
/** Time per byte may grow this much from the small to the large input (16× the bytes) and still count as linear. */
const LINEARITY_LIMIT = 1.5;

/**
 * core/tma-parse/<size>: parseTma on a generated submission (small ≈ 2 KB, medium ≈ 12 KB, large ≈ 60 KB).
 * core/tma-parse/linearity: time per byte at 400k tiny answers (≈ 8 MB) over that at 25k (≈ 0.5 MB),
 * headings in document order (the headline samples) and scattered (a metric).
 */
export default defineSuite('tma-parse', (s) => {
  s.bench({
    params: TMA_SIZES,
    setup: ({ param }) => generateTma(param ?? 'medium').text,
    fn: (text) => parseTma(text),
    throughput: { unit: 'bytes', perIteration: (text) => Buffer.byteLength(text) },
  });
  s.bench('linearity', {
    kind: 'custom',
    setup: () => ({
      document: [manyTinyAnswers(LINEARITY_ANSWERS.small, 'document'), manyTinyAnswers(LINEARITY_ANSWERS.large, 'document')] as const,
      scattered: [manyTinyAnswers(LINEARITY_ANSWERS.small, 'scattered'), manyTinyAnswers(LINEARITY_ANSWERS.large, 'scattered')] as const,
    }),
    measure: (inputs, ctx) => {
      // Quick: 3 samples. In a quick --against run this benchmark is set up on both sides and
      // measured four times in each of six processes, where 5 samples took 20 s of a process's ~33 s.
      const samples = ctx.quick ? 3 : 11;
      const document = timePerByteRatios(parseTma, ...inputs.document, samples);
      const scattered = timePerByteRatios(parseTma, ...inputs.scattered, samples);
      return {
        unit: 'ratio',
        // time per byte at 16x the input over that at 1x: lower is better (1 is linear).
        lowerIsBetter: true,
        samples: document,
        metrics: {
          'ratio-scattered': { value: median(scattered), unit: 'ratio', note: 'median; headings out of order, so the duplicate check cannot rely on order' },
          'bytes-small': { value: inputs.document[0].length, unit: 'bytes' },
          'bytes-large': { value: inputs.document[1].length, unit: 'bytes' },
        },
        details: { answersSmall: LINEARITY_ANSWERS.small, answersLarge: LINEARITY_ANSWERS.large, headline: 'headings in document order' },
      };
    },
  });
  s.goal({
    name: `TMA parse linear: time per byte at 16x the input < ${LINEARITY_LIMIT}x`,
    description: `Time per byte of parseTma at ${LINEARITY_ANSWERS.large} tiny answers over that at ${LINEARITY_ANSWERS.small}, measured back to back in one process (3.6 in issue 15, before the duplicate check stopped hashing every heading).`,
    unit: 'ratio',
    target: LINEARITY_LIMIT,
    comparison: '<',
    benchmarks: ['core/tma-parse/linearity'],
    actual: (r) => r.estimate('core/tma-parse/linearity'),
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
