import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTma, openLmdbEventStore, type EventStore } from '@workflow-bench/core';
import { startMarkingApi, type RunningMarkingApi } from '@workflow-bench/marking-api';
import type { LoadResult } from '../src/results/load-result.ts';
import { LOCUST_INSTALL_HINT, locustPath, runLocust } from '../src/tools/locust.ts';
import { nonLoopbackAddress } from './support/non-loopback-address.ts';

const CLI = join(import.meta.dirname, '..', 'bin', 'load.ts');
const installed = locustPath() !== undefined;
const network = installed ? nonLoopbackAddress() : { skip: LOCUST_INSTALL_HINT };
const dir = mkdtempSync(join(tmpdir(), 'wb-locust-test-'));

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

let store: EventStore;
let api: RunningMarkingApi;
beforeAll(async () => {
  if (!installed) return;
  // No fsync wait: the checks are about counting.
  store = await openLmdbEventStore({ sync: false });
  api = await startMarkingApi({ store });
});
afterAll(async () => {
  await api?.close();
  await store?.close();
  if ('remove' in network) network.remove();
  rmSync(dir, { recursive: true, force: true });
});

const submitted = async () => (await store.readAll()).filter((e) => e.type === 'TmaSubmitted').length;
const accepted = (r: LoadResult) => (r.endpoints.submit ? r.endpoints.submit.requests - r.endpoints.submit.failures : 0);

/** Real Locust runs, a few seconds each, when python3-locust is installed. Load goes to 127.0.0.1 only. */
describe.skipIf(!installed)('Locust (installed)', () => {
  it('runs the locustfile headless: final totals as Locust printed them, duration from the run', async () => {
    const csvDir = join(dir, 'single');
    const before = await submitted();
    const r = await runLocust({
      url: api.url,
      userClass: 'LightLoad',
      users: 3,
      spawnRate: 3,
      runTimeS: 3,
      thinkScale: 0.05,
      tmaTexts: [generateTma('small', 1).text, generateTma('small', 2).text],
      csvDir,
    });
    expect(r.tool).toBe('locust');
    expect(r.requests).toBeGreaterThan(0);
    expect(r.failures).toBe(0);
    expect(r.endpoints.submit.requests).toBeGreaterThan(0);
    expect(r.latencyMs.p50).toBeGreaterThan(0);
    expect(r.locust).toMatchObject({ totals: 'printed-summary', duration: 'run' });
    expect(r.durationS).toBeGreaterThan(1.5);
    expect(r.durationS).toBeLessThan(4);
    // The locustfile rewrites _stats.csv from the final statistics at exit: it agrees with the summary.
    expect(readFileSync(join(csvDir, 'run_stats.csv'), 'utf8')).toMatch(new RegExp(`^,Aggregated,${r.requests},0,`, 'm'));
    // Users finish the request in flight when the run stops: every accepted submission is counted.
    expect(await submitted()).toBe(before + accepted(r));
  });

  it('the built-in sample TMA (no bodies file) is accepted by the API; --wb-max-requests ends the run', async () => {
    const r = await runLocust({ url: api.url, userClass: 'HeavyLoad', users: 2, spawnRate: 2, runTimeS: 20, maxRequests: 25, thinkScale: 0.05, tags: ['submit'] });
    expect(r.requests).toBe(25);
    expect(r.failures).toBe(0);
    expect(r.durationS).toBeLessThan(15);
  });

  it('the web UI from the CLI listens on 127.0.0.1 only by default, and the run still ends with its summary', async () => {
    const port = await freePort('127.0.0.1');
    const cli = execa('node', ['--import', 'tsx', CLI, 'locust', '--url', api.url, '--users', '2', '--duration', '6', '--think-scale', '0.2', '--web', '--web-port', String(port)], { reject: false, timeout: 110_000 });
    const up = await eventually(() => fetch(`http://127.0.0.1:${port}/`).then((res) => res.status === 200, () => false), 60_000);
    const elsewhere = 'address' in network ? await canConnect(network.address, port) : false;
    const r = await cli;
    expect(up, r.stderr).toBe(true);
    expect(elsewhere).toBe(false);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`web UI at http://127\\.0\\.0\\.1:${port}/`));
    expect(r.stdout).toMatch(/http_reqs\.+: [1-9]\d*/);
  });
});

describe.skipIf('skip' in network)(`distributed Locust over a non-loopback address${'skip' in network ? ` (skipped: ${network.skip})` : ''}`, () => {
  it('a master bound to that address and two workers (one started by `load.ts locust`, one by `load.ts locust-worker`): the counts add up, 0 lost', async () => {
    if (!('address' in network)) return;
    const host = network.address;
    const port = await freePort(host);
    const json = join(dir, 'distributed.json');
    const before = await submitted();
    const master = execa(
      'node',
      ['--import', 'tsx', CLI, 'locust', '--url', api.url, '--profile', 'heavy', '--users', '6', '--think-scale', '0.05', '--max-requests', '400', '--duration', '40',
        '--workers', '1', '--expect-workers', '2', '--master-bind-host', host, '--master-port', String(port), '--json', json],
      { reject: false, timeout: 150_000 },
    );
    const worker = execa('node', ['--import', 'tsx', CLI, 'locust-worker', '--master-host', host, '--master-port', String(port), '--timeout', '150'], { reject: false, timeout: 160_000 });
    // The master listens on that address only: nothing answers on 127.0.0.1, so the workers came over it.
    const bound = await eventually(() => canConnect(host, port), 60_000);
    const onLoopback = await canConnect('127.0.0.1', port);
    const [m, w] = await Promise.all([master, worker]);
    expect(bound, m.stderr).toBe(true);
    expect(onLoopback).toBe(false);
    expect(m.exitCode, `${m.stdout}\n${m.stderr}`).toBe(0);
    expect(w.exitCode, w.stderr).toBe(0);
    expect(m.stderr).toMatch(new RegExp(`master listening on ${host.replace(/\./g, '\\.')}:${port}`));
    expect(m.stderr).toMatch(/load\.ts locust-worker --master-host \S+ --master-port \d+/);

    const r = JSON.parse(readFileSync(json, 'utf8')) as LoadResult;
    expect(r.requests).toBe(400); // --max-requests: 200 per worker
    expect(r.failures).toBe(0);
    const workers = r.locust!.workers!;
    expect(workers).toHaveLength(2);
    const printed = new Map([...w.stdout.matchAll(/^worker (\S+): (\d+) requests$/gm)].map((x) => [x[1], Number(x[2])]));
    expect(printed.size).toBe(1);
    // Each worker's own count: the local one's in the result, the other's printed by locust-worker.
    const own = workers.map((x) => x.ownRequests ?? printed.get(x.id));
    expect(own.every((n) => n !== undefined && n > 0), JSON.stringify(workers)).toBe(true);
    expect(own.reduce((a, b) => a! + b!, 0)).toBe(r.requests);
    expect(workers.reduce((s, x) => s + x.reportedRequests, 0)).toBe(r.requests);
    expect(m.stdout).toMatch(/workers\.+: 2: \d+ \+ \d+ = 400 requests .*master counted 400: 0 lost/);
    // And the server: every accepted submission is one TmaSubmitted event.
    expect(await submitted()).toBe(before + accepted(r));
  }, 180_000);
});
