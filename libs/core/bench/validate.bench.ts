import { defineSuite } from '@workflow-bench/bench-kit';
import { TMA_SIZES, generateTma, validateSubmission } from '../src/index.ts';

/** core/validate/<size>: validateSubmission (compiled ajv schema + date, duplicate and word-count checks). */
export default defineSuite('validate', (s) => {
  s.bench({
    params: TMA_SIZES,
    setup: ({ param }) => generateTma(param ?? 'medium').submission,
    fn: (submission) => {
      const result = validateSubmission(submission);
      if (!result.valid) throw new Error(`generated submission invalid: ${JSON.stringify(result.errors)}`);
      return result;
    },
    throughput: { unit: 'items', perIteration: 1 },
  });
});
