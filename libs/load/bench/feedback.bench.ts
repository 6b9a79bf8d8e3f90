import { defineSuite } from '@workflow-bench/bench-kit';
import { embeddedLoadBenchmarks } from './support/embedded-load-bench.ts';

/** load/feedback/{light,medium,heavy}: the embedded driver against the marking API in its own process. */
export default defineSuite('feedback', (s) => embeddedLoadBenchmarks(s, 'feedback'));
