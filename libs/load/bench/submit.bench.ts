import { defineSuite } from '@workflow-bench/bench-kit';
import { embeddedLoadBenchmarks } from './support/embedded-load-bench.ts';

/** load/submit/{light,medium,heavy}: the embedded driver against the marking API in its own process. */
export default defineSuite('submit', (s) => embeddedLoadBenchmarks(s, 'submit'));
