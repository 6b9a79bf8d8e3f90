import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTma } from '@workflow-bench/core';
import { startMarkingApi, type RunningMarkingApi } from '@workflow-bench/marking-api';
import { locustPath, runLocust } from '../src/tools/locust.ts';

/** A real headless Locust run for a few seconds, when python3-locust is installed. */
describe.skipIf(!locustPath())('Locust (installed)', () => {
  let api: RunningMarkingApi;
  beforeAll(async () => {
    api = await startMarkingApi({});
  });
  afterAll(() => api.close());

  it('runs the locustfile headless and parses its CSVs into the common result', async () => {
    const r = await runLocust({
      url: api.url,
      userClass: 'LightLoad',
      users: 3,
      spawnRate: 3,
      runTimeS: 3,
      thinkScale: 0.05,
      tmaTexts: [generateTma('small', 1).text, generateTma('small', 2).text],
    });
    expect(r.tool).toBe('locust');
    expect(r.requests).toBeGreaterThan(0);
    expect(r.failures).toBe(0);
    expect(r.endpoints.submit.requests).toBeGreaterThan(0);
    expect(r.latencyMs.p50).toBeGreaterThan(0);
  }, 90_000);

  it('the built-in sample TMA (no bodies file) is accepted by the API', async () => {
    const r = await runLocust({ url: api.url, userClass: 'HeavyLoad', users: 2, spawnRate: 2, runTimeS: 2, thinkScale: 0.05, tags: ['submit'] });
    expect(r.requests).toBeGreaterThan(0);
    expect(r.failures).toBe(0);
  }, 90_000);
});
