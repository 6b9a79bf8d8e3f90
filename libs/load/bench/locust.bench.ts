import { loadavg } from 'node:os';
import { defineSuite, median } from '@workflow-bench/bench-kit';
import { generateTma } from '@workflow-bench/core';
import { loadBenchFull, toCustomMeasurement } from './support/load-measurement.ts';
import { loadProfile, type ProfileName } from '../src/profiles/load-profiles.ts';
import { lostWorkerRequests } from '../src/tools/locust-results.ts';
import { LOCUST_INSTALL_HINT, locustPath, runLocust } from '../src/tools/locust.ts';
import { SharedMarkingServer } from './support/shared-server.ts';
import { parseThresholds } from '../src/driver/thresholds.ts';

const tmaTexts = () => Array.from({ length: 16 }, (_, i) => generateTma('medium', i + 1).text);

/**
 * load/locust/{light,medium}: the repo's locustfile (all scenarios, weighted) with the LightLoad /
 * MediumLoad user classes, headless, against the marking API in its own process (one for both profiles). Think times are
 * a tenth of the profiles' (1 under LOAD_FULL=1) so a short run still has enough requests.
 *
 * load/locust/distributed/{2,4}: a master and 2 or 4 workers on this machine (the master on
 * 127.0.0.1) against one Locust process, in alternating pairs of runs (single, distributed /
 * distributed, single) with the same users and no think time, so Locust's own CPU is the limit.
 * Samples are the distributed runs' request rates (whole run: requests ÷ duration); the metrics
 * give the single process's rate and the ratio, and the requests lost between workers and master.
 */
export default defineSuite('locust', (s) => {
  const shared = new SharedMarkingServer();
  s.bench<undefined, ProfileName>('', {
    kind: 'custom',
    params: ['light', 'medium'],
    setup: (ctx) => {
      if (!locustPath()) ctx.skip(LOCUST_INSTALL_HINT);
      return undefined;
    },
    measure: async (_state, ctx) => {
      const { server } = await shared.get();
      const full = loadBenchFull();
      const profile = loadProfile(ctx.param ?? 'light', { full });
      const runTimeS = ctx.quick ? 5 : full ? 120 : 30;
      ctx.progress(`locust ${profile.locustClass}: ${profile.users} users for ${runTimeS} s`);
      const r = await runLocust({
        url: server.url,
        userClass: profile.locustClass,
        users: profile.users,
        spawnRate: profile.spawnRate,
        runTimeS,
        thinkScale: full ? 1 : 0.1,
        tmaTexts: tmaTexts(),
        thresholds: parseThresholds({ http_req_failed: ['rate<0.01'] }),
      });
      return toCustomMeasurement(r, { details: { users: profile.users, userClass: profile.locustClass, thinkScale: full ? 1 : 0.1 } });
    },
    teardown: async (_state, ctx) => {
      if (ctx.param === 'medium') await shared.dispose();
    },
  });

  const distributedServer = new SharedMarkingServer();
  s.bench<undefined, '2' | '4'>('distributed', {
    kind: 'custom',
    params: ['2', '4'],
    setup: (ctx) => {
      if (!locustPath()) ctx.skip(LOCUST_INSTALL_HINT);
      return undefined;
    },
    measure: async (_state, ctx) => {
      const { server } = await distributedServer.get();
      const workers = Number(ctx.param ?? '2');
      const full = loadBenchFull();
      const rounds = ctx.quick ? 2 : 5;
      const runTimeS = ctx.quick ? 5 : full ? 60 : 20;
      const users = 20;
      const texts = tmaTexts();
      const run = (n: number) =>
        runLocust({ url: server.url, userClass: 'HeavyLoad', users, spawnRate: users, runTimeS, thinkScale: 0, tmaTexts: texts, workers: n });
      const distributedRates: number[] = [];
      const singleRates: number[] = [];
      const ratios: number[] = [];
      const warnings: string[] = [];
      let lost = 0;
      let failures = 0;
      const loadBefore = loadavg()[0];
      for (let i = 0; i < rounds; i++) {
        // Alternate the order so drift on a shared machine does not favour one side.
        const order = i % 2 === 0 ? [0, workers] : [workers, 0];
        const rate: Record<number, number> = {};
        for (const n of order) {
          ctx.progress(`round ${i + 1}/${rounds}: ${n ? `master + ${n} workers` : 'one process'}, ${users} users, ${runTimeS} s`);
          const r = await run(n);
          rate[n] = r.requestsPerSecond;
          failures += r.failures;
          const accounting = lostWorkerRequests(r);
          if (n > 0) {
            if (!accounting) warnings.push(`round ${i + 1}: no worker counts in the result`);
            else lost += accounting.lost;
          }
        }
        distributedRates.push(rate[workers]);
        singleRates.push(rate[0]);
        ratios.push(rate[workers] / rate[0]);
      }
      if (lost !== 0) warnings.push(`${lost} requests made by workers are missing from the master's totals`);
      return {
        unit: 'requests/s',
        lowerIsBetter: false,
        samples: distributedRates,
        metrics: {
          single_process_requests_per_second: { value: median(singleRates), unit: 'requests/s', note: 'one Locust process, same users, median over rounds' },
          ratio_to_single_process: { value: median(ratios), unit: 'ratio', note: `master + ${workers} workers ÷ one process, per adjacent pair, median over rounds` },
          lost_requests: { value: lost, unit: 'count', note: "sum over rounds of the workers' own counts minus the master's totals" },
          failures: { value: failures, unit: 'count' },
          load_average_1m: { value: (loadBefore + loadavg()[0]) / 2, unit: 'load', note: 'os.loadavg()[0], mean of before and after' },
        },
        details: { workers, users, userClass: 'HeavyLoad', thinkScale: 0, runTimeS, rounds, masterBindHost: '127.0.0.1', server: 'separate process, 127.0.0.1' },
        warnings,
      };
    },
    teardown: async (_state, ctx) => {
      if (ctx.param === '4') await distributedServer.dispose();
    },
  });
});
