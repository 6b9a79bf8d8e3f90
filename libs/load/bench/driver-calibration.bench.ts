import { defineSuite, median } from '@workflow-bench/bench-kit';
import { runLoad } from '../src/driver/run-load.ts';
import { LoadTarget } from '../src/driver/load-target.ts';
import { seedSubmissions, submissionBodies } from '../src/scenarios/marking-scenarios.ts';
import type { Scenario } from '../src/scenarios/scenario.ts';
import { startMarkingApiProcess, type MarkingApiProcess } from '../src/tools/marking-api-process.ts';
import { runWrk, WRK_INSTALL_HINT, wrkPath } from '../src/tools/wrk.ts';

interface State {
  server: MarkingApiProcess;
  path: string;
}

const CONNECTIONS = 50;

/**
 * load/driver-calibration: requests/s of the embedded driver divided by wrk's, against the same
 * server (its own process) on the same endpoint (GET status of one submission) with the same
 * number of connections, alternating wrk and driver runs so drift on a shared machine hits both.
 * Each sample is the ratio of one adjacent pair, for the driver's default client on 127.0.0.1 (the
 * raw node:net client); undici runs in the same rounds for comparison (metric `undici_ratio`).
 * Goal: >= 0.8.
 */
export default defineSuite('driver-calibration', (s) => {
  s.bench<State>('', {
    kind: 'custom',
    setup: async (ctx) => {
      if (!wrkPath()) ctx.skip(WRK_INSTALL_HINT);
      const server = await startMarkingApiProcess({ env: { DATABASE_URL: '' } });
      const target = new LoadTarget(server.url, { connections: 1, requestTimeoutMs: 10_000 });
      try {
        const [id] = await seedSubmissions(target, submissionBodies(1, 'small'), 1);
        return { server, path: `/api/tmas/${id}/status` };
      } finally {
        await target.destroy();
      }
    },
    measure: async (state, ctx) => {
      const rounds = ctx.quick ? 6 : 10;
      const durationS = ctx.quick ? 1 : 3;
      const scenario: Scenario<undefined> = {
        name: 'calibration',
        description: 'GET one status path',
        iteration: async (http) => {
          await http.request({ name: 'status', method: 'GET', path: state.path });
        },
      };
      const ratios: number[] = [];
      const undiciRatios: number[] = [];
      const wrkRates: number[] = [];
      const driverRates: number[] = [];
      const undiciRates: number[] = [];
      const warnings = new Set<string>();
      let driverCpu = 0;
      // Warm both the server's JIT and the connections before the first pair.
      const executor = { type: 'constant-vus', vus: CONNECTIONS, durationS } as const;
      let client = '';
      for (const c of ['raw', 'undici'] as const) await runLoad({ url: state.server.url, scenario, client: c, executor: { ...executor, durationS: 1 } });
      for (let i = 0; i < rounds; i++) {
        // wrk, driver, undici then the reverse: the driver always runs next to wrk, and a drift
        // within a round does not favour whichever goes first.
        const forward = i % 2 === 0;
        ctx.progress(`round ${i + 1}/${rounds}: ${forward ? 'wrk, driver, undici' : 'undici, driver, wrk'}; ${CONNECTIONS} connections, ${durationS} s each`);
        const wrk = () => runWrk({ url: state.server.url + state.path, connections: CONNECTIONS, durationS });
        const undici = () => runLoad({ url: state.server.url, scenario, executor, client: 'undici' });
        const w = forward ? await wrk() : undefined;
        const u0 = forward ? undefined : await undici();
        const d = await runLoad({ url: state.server.url, scenario, executor });
        const u = u0 ?? (await undici());
        const wr = w ?? (await wrk());
        client = d.client ?? '';
        if (wr.non2xx3xx > 0 || d.failures > 0 || u.failures > 0) warnings.add(`errors during calibration: wrk non-2xx ${wr.non2xx3xx}, driver failures ${d.failures} (${client}), ${u.failures} (undici)`);
        for (const x of d.driver?.warnings ?? []) warnings.add(x);
        driverCpu = Math.max(driverCpu, d.driver?.cpuPercent ?? 0);
        wrkRates.push(wr.requestsPerSecond);
        driverRates.push(d.requestsPerSecond);
        ratios.push(d.requestsPerSecond / wr.requestsPerSecond);
        undiciRates.push(u.requestsPerSecond);
        undiciRatios.push(u.requestsPerSecond / wr.requestsPerSecond);
      }
      return {
        unit: 'ratio',
        lowerIsBetter: false,
        samples: ratios,
        metrics: {
          wrk_requests_per_second: { value: median(wrkRates), unit: 'requests/s', note: 'median over rounds, wrk -t1' },
          driver_requests_per_second: { value: median(driverRates), unit: 'requests/s', note: `median over rounds, closed model, ${client} client` },
          undici_requests_per_second: { value: median(undiciRates), unit: 'requests/s', note: 'median over rounds, closed model, undici client' },
          undici_ratio: { value: median(undiciRatios), unit: 'ratio', note: 'undici client / wrk, median over rounds' },
          driver_cpu_max: { value: driverCpu, unit: '%', note: 'driver CPU, % of one core' },
        },
        details: { client, comparedClient: 'undici', connections: CONNECTIONS, durationS, rounds, endpoint: 'GET /api/tmas/:id/status', wrkThreads: 1 },
        warnings: [...warnings],
      };
    },
    teardown: (state) => state.server.stop(),
  });
  s.compare('load/driver-calibration', { ratioTo: 'wrk' });
  s.goal({
    name: 'embedded driver >= 0.8x wrk',
    description: 'requests/s of the embedded driver over wrk against the same server, same connections',
    unit: 'ratio',
    target: 0.8,
    comparison: '>=',
    benchmarks: ['load/driver-calibration'],
    actual: (r) => r.estimate('load/driver-calibration'),
  });
});
