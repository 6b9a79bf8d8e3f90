import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { join } from 'node:path';
import { openLmdbEventStore, type EventStore } from '@workflow-bench/core';
import { startMarkingApi, type RunningMarkingApi } from '@workflow-bench/marking-api';
import { runLoad } from '../src/driver/run-load.ts';
import { loadProfile } from '../src/profiles/load-profiles.ts';
import { markingScenario } from '../src/scenarios/marking-scenarios.ts';
import { startMarkingApiProcess } from '../src/tools/marking-api-process.ts';

const CLI = join(import.meta.dirname, '..', 'bin', 'load.ts');
/** LOAD_TEST_FULL=1 runs the HeavyLoad check for longer. */
const HEAVY_SECONDS = process.env.LOAD_TEST_FULL === '1' ? 20 : 1.5;

describe('marking API under load (HeavyLoad, bounded)', () => {
  let store: EventStore;
  let api: RunningMarkingApi;
  beforeAll(async () => {
    // No fsync wait: the check is about counting, and CI disks are slow.
    store = await openLmdbEventStore({ sync: false });
    api = await startMarkingApi({ store });
  });
  afterAll(async () => {
    await api.close();
    await store.close();
  });

  it('no 5xx and no lost submission: TmaSubmitted events == 2xx answers', async () => {
    const users = loadProfile('heavy').users;
    expect(users).toBeGreaterThanOrEqual(100);
    const r = await runLoad({
      url: api.url,
      scenario: markingScenario('submit', { tmaSize: 'small', bodies: 8 }),
      executor: { type: 'constant-vus', vus: users, durationS: HEAVY_SECONDS },
      maxIterations: 3000,
      gracefulStopS: 30,
    });
    const fiveXX = Object.entries(r.statusCodes).filter(([c]) => Number(c) >= 500).reduce((s, [, n]) => s + n, 0);
    expect(fiveXX).toBe(0);
    expect(r.interruptedRequests).toBe(0);
    const accepted = r.statusCodes['202'] ?? 0;
    expect(accepted).toBeGreaterThan(0);
    const events = await store.readAll();
    expect(events.filter((e) => e.type === 'TmaSubmitted')).toHaveLength(accepted);
  });

  it('the mixed and workflow scenarios run clean against the real API', async () => {
    for (const name of ['mixed', 'workflow'] as const) {
      const r = await runLoad({ url: api.url, scenario: markingScenario(name, { tmaSize: 'small', bodies: 4, seeded: 5 }), executor: { type: 'constant-vus', vus: 5, durationS: 0.5 } });
      expect(r.requests, name).toBeGreaterThan(0);
      expect(r.failures, `${name}: ${JSON.stringify(r.statusCodes)}`).toBe(0);
    }
  });
});

describe('load CLI', () => {
  it('exits 99 when a threshold fails', async () => {
    const server = await startMarkingApiProcess({ env: { DATABASE_URL: '' } });
    try {
      const r = await execa('node', ['--import', 'tsx', CLI, '--url', server.url, '--scenario', 'status', '--seeded', '2', '--vus', '2', '--duration', '0.5', '--threshold', 'http_req_duration:p(50)<0.001'], { reject: false, timeout: 60_000 });
      expect(r.exitCode).toBe(99);
      expect(r.stdout).toMatch(/✗ http_req_duration: p\(50\)<0\.001/);
    } finally {
      await server.stop();
    }
  });

  it('exits 2 with a clear message on a bad threshold', async () => {
    const r = await execa('node', ['--import', 'tsx', CLI, '--url', 'http://127.0.0.1:9', '--threshold', 'http_req_duration:p95<1'], { reject: false, timeout: 60_000 });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/threshold http_req_duration/);
  });

  it('the server killed in the middle of a run: errors reported, non-zero exit, no hang', async () => {
    const server = await startMarkingApiProcess({ env: { DATABASE_URL: '' } });
    const run = execa('node', ['--import', 'tsx', CLI, '--url', server.url, '--scenario', 'status', '--seeded', '3', '--vus', '5', '--duration', '6'], { reject: false, timeout: 90_000 });
    // Kill once the driver is sending (its progress line says so), or after 40 s at the latest.
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 40_000);
      run.stderr?.on('data', (c: Buffer) => {
        if (/\d+ s: \d+ requests/.test(c.toString())) {
          clearTimeout(t);
          resolve();
        }
      });
    });
    await server.kill();
    const r = await run;
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).not.toBe(0);
    expect(r.stdout, r.stderr).toMatch(/errors\.+: .*(ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET)/);
    expect(r.stdout).toMatch(/✗ http_req_failed/);
  });
});
