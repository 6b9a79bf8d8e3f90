import { defineSuite } from '@workflow-bench/bench-kit';
import { generateTma } from '@workflow-bench/core';
import { toCustomMeasurement } from './support/load-measurement.ts';
import { K6_INSTALL_HINT, k6Path, runK6 } from '../src/tools/k6.ts';
import { startMarkingApiProcess, type MarkingApiProcess } from '../src/tools/marking-api-process.ts';

/** load/k6/smoke: the k6 smoke test (TypeScript, bundled with esbuild) when k6 is on PATH. */
export default defineSuite('k6', (s) => {
  s.bench<MarkingApiProcess>('', {
    kind: 'custom',
    params: ['smoke'],
    setup: async (ctx) => {
      if (!k6Path()) ctx.skip(K6_INSTALL_HINT);
      return startMarkingApiProcess({ env: { DATABASE_URL: '' } });
    },
    measure: async (server, ctx) => {
      ctx.progress('k6 smoke test');
      const r = await runK6({
        script: 'smoke',
        url: server.url,
        timeScale: ctx.quick ? 0.5 : 3,
        tmaTexts: Array.from({ length: 8 }, (_, i) => generateTma('medium', i + 1).text),
      });
      // The summary export has no per-second data: the run's rate is the one sample.
      return toCustomMeasurement(r, { details: { k6ExitCode: r.k6ExitCode } });
    },
    teardown: (server) => server.stop(),
  });
});
