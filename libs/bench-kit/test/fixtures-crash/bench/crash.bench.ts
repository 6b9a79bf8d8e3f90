import { defineSuite } from '../../../src/index.ts';

// The second benchmark kills its own process: the harness must record it and the third as failed.
export default defineSuite('crash', (s) => {
  s.bench('before', { fn: () => Math.sqrt(2) * 3 });
  s.bench('dies', { setup: () => process.exit(7), fn: () => 1 });
  s.bench('after', { fn: () => 1 });
});
