import { defineSuite } from '@workflow-bench/bench-kit';
import { generateTma } from '@workflow-bench/core';
import { loadBenchFull, toCustomMeasurement } from './support/load-measurement.ts';
import { loadProfile, type ProfileName } from '../src/profiles/load-profiles.ts';
import { LOCUST_INSTALL_HINT, locustPath, runLocust } from '../src/tools/locust.ts';
import { SharedMarkingServer } from './support/shared-server.ts';
import { parseThresholds } from '../src/driver/thresholds.ts';

/**
 * load/locust/{light,medium}: the repo's locustfile (all scenarios, weighted) with the LightLoad /
 * MediumLoad user classes, headless, against the marking API in its own process (one for both profiles). Think times are
 * a tenth of the profiles' (1 under LOAD_FULL=1) so a short run still has enough requests.
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
        tmaTexts: Array.from({ length: 16 }, (_, i) => generateTma('medium', i + 1).text),
        thresholds: parseThresholds({ http_req_failed: ['rate<0.01'] }),
      });
      return toCustomMeasurement(r, { details: { users: profile.users, userClass: profile.locustClass, thinkScale: full ? 1 : 0.1 } });
    },
    teardown: async (_state, ctx) => {
      if (ctx.param === 'medium') await shared.dispose();
    },
  });
});
