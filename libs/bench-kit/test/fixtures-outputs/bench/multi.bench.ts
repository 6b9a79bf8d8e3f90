import { appendFileSync } from 'node:fs';
import { defineSuite } from '../../../src/index.ts';

/** Records lifecycle events to the file named by LIFECYCLE_LOG, so the test can check their order. */
const log = (event: string) => {
  if (process.env.LIFECYCLE_LOG) appendFileSync(process.env.LIFECYCLE_LOG, `${event}\n`);
};

export default defineSuite('multi', (s) => {
  // One measurement, three ids: multi/framed/<p>, raw/<p> (own group), multi/ratio/<p>.
  s.bench('framed', {
    kind: 'custom',
    params: ['1KiB'],
    outputs: { framed: {}, raw: { group: 'raw', name: '' }, ratio: { name: 'ratio' } },
    setup: () => log('setup framed'),
    measure: () => ({
      framed: { unit: 'MiB/s', samples: [90, 100, 110], lowerIsBetter: false },
      raw: { unit: 'MiB/s', samples: [180, 200, 220], lowerIsBetter: false },
      ratio: { unit: 'ratio', samples: [0.5, 0.5, 0.5], lowerIsBetter: false },
    }),
    teardown: () => log('teardown framed'),
  });
  // An output the measurement forgets fails alone.
  s.bench('partial', {
    kind: 'custom',
    outputs: { present: {}, missing: { name: 'partial-missing' } },
    measure: () => ({ present: { unit: 'ratio', samples: [1, 1, 1], lowerIsBetter: false } }) as never,
  });
  // Unnamed: the id is the group plus the parameter.
  s.bench({ params: ['x'], fn: () => 1 + 1 });
  // A measurement that throws still gets its teardown.
  s.bench('throws', {
    kind: 'custom',
    setup: () => log('setup throws'),
    measure: () => {
      throw new Error('measure failed on purpose');
    },
    teardown: () => log('teardown throws'),
  });
});
