import { defineSuite } from '@workflow-bench/bench-kit';
import { embeddedLoadBenchmarks } from './support/embedded-load-bench.ts';

/** load/mixed/{light,medium,heavy}: the embedded driver against the marking API in its own process. */
export default defineSuite('mixed', (s) => embeddedLoadBenchmarks(s, 'mixed'));
