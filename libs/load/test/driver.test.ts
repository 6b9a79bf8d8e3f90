import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../src/driver/run-load.ts';
import type { Scenario } from '../src/scenarios/scenario.ts';

/** A tiny local server: `/slow?ms=N` answers after N ms, `/status/<code>` with that code, else 200. */
function tinyServer(): Promise<{ url: string; close(): Promise<void>; hits(): number }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    req.resume();
    const u = new URL(req.url ?? '/', 'http://x');
    const code = /^\/status\/(\d{3})$/.exec(u.pathname);
    const reply = () => {
      res.writeHead(code ? Number(code[1]) : 200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    };
    if (u.pathname === '/slow') setTimeout(reply, Number(u.searchParams.get('ms') ?? 50));
    else reply();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        hits: () => hits,
        close: () => new Promise<void>((r) => server.close(() => r())).then(() => undefined),
      }),
    ),
  );
}

const get = (path: string, name = 'get'): Scenario<undefined> => ({
  name,
  description: path,
  iteration: async (h) => {
    await h.request({ name, method: 'GET', path });
  },
});

describe('embedded driver', () => {
  let srv: Awaited<ReturnType<typeof tinyServer>>;
  beforeAll(async () => {
    srv = await tinyServer();
  });
  afterAll(() => srv.close());

  it('closed model: VUs loop until the duration, every request is counted and timed', async () => {
    const before = srv.hits();
    const r = await runLoad({ url: srv.url, scenario: get('/'), executor: { type: 'constant-vus', vus: 4, durationS: 0.5 }, thresholds: { http_req_failed: ['rate<0.01'], http_reqs: ['count>0'] } });
    expect(r.requests).toBeGreaterThan(0);
    expect(r.requests).toBe(srv.hits() - before);
    expect(r.iterations).toBe(r.requests);
    expect(r.failures).toBe(0);
    expect(r.statusCodes).toEqual({ '200': r.requests });
    expect(r.latencyMs.count).toBe(r.requests);
    expect(r.latencyMs.p50).toBeGreaterThan(0);
    expect(r.latencyMs.p50).toBeLessThanOrEqual(r.latencyMs.max);
    expect(r.intervals.reduce((s, i) => s + i.requests, 0)).toBe(r.requests);
    expect(r.endpoints.get.requests).toBe(r.requests);
    expect(r.thresholds.every((t) => t.passed)).toBe(true);
    expect(r.driver).toBeDefined();
  });

  it('bounds a run by iterations as well as time', async () => {
    const r = await runLoad({ url: srv.url, scenario: get('/'), executor: { type: 'constant-vus', vus: 2, durationS: 30 }, maxIterations: 25 });
    expect(r.iterations).toBeLessThanOrEqual(26);
    expect(r.durationS).toBeLessThan(30);
  });

  it('counts 4xx/5xx as failed requests and fails a rate threshold', async () => {
    const r = await runLoad({ url: srv.url, scenario: get('/status/503', 'err'), executor: { type: 'constant-vus', vus: 1, durationS: 0.3 }, thresholds: { http_req_failed: ['rate<0.01'] } });
    expect(r.failures).toBe(r.requests);
    expect(r.statusCodes['503']).toBe(r.requests);
    expect(r.thresholds[0]).toMatchObject({ passed: false, actual: 1 });
  });

  it('open model: a slow server with few VUs makes the schedule drop iterations, and they are counted', async () => {
    const r = await runLoad({
      url: srv.url,
      scenario: get('/slow?ms=200', 'slow'),
      executor: { type: 'constant-arrival-rate', rate: 100, durationS: 1, maxVUs: 5 },
      maxIterations: 100,
      gracefulStopS: 5,
    });
    expect(r.droppedIterations).toBeGreaterThan(0);
    // Every scheduled iteration either ran to completion or was dropped: none silently lost.
    expect(r.iterations + r.droppedIterations).toBe(100);
    expect(r.intervals.reduce((s, i) => s + i.droppedIterations, 0)).toBe(r.droppedIterations);
  });

  it('open model: latency is measured from the intended send time (a stalled driver shows up)', async () => {
    const stall: Scenario<undefined> = {
      name: 'stall',
      description: 'blocks the event loop once',
      iteration: async (h, _d, ctx) => {
        if (ctx.iteration === 5) {
          // Busy-wait: while the loop is blocked, ~30 iterations fall due and start late.
          const until = performance.now() + 300;
          while (performance.now() < until);
        }
        await h.request({ name: 'get', method: 'GET', path: '/' });
      },
    };
    const r = await runLoad({ url: srv.url, scenario: stall, executor: { type: 'constant-arrival-rate', rate: 100, durationS: 1, maxVUs: 200 } });
    expect(r.droppedIterations).toBe(0);
    // From the intended time, the late-started iterations carry the stall; from the actual send they do not.
    expect(r.latencyMs.max).toBeGreaterThanOrEqual(200);
    expect(r.latencyMs.max).toBeGreaterThan(r.serviceTimeMs!.max);
    expect(r.latencyMs.p90).toBeGreaterThan(r.serviceTimeMs!.p90);
  });

  it('network errors are reported by code and count as failures; the run still ends', async () => {
    const dead = await tinyServer();
    const url = dead.url;
    await dead.close();
    const r = await runLoad({ url, scenario: get('/'), executor: { type: 'constant-vus', vus: 2, durationS: 0.3 }, requestTimeoutMs: 1000 });
    expect(r.requests).toBeGreaterThan(0);
    expect(r.failures).toBe(r.requests);
    expect(Object.keys(r.errors)).toContain('ECONNREFUSED');
  });

  it('ramping VUs follow the stages', async () => {
    const r = await runLoad({ url: srv.url, scenario: get('/slow?ms=20', 'slow'), executor: { type: 'ramping-vus', startVUs: 1, stages: [{ durationS: 0.6, target: 6 }, { durationS: 0.4, target: 6 }] } });
    expect(r.requests).toBeGreaterThan(0);
    expect(Math.max(...r.intervals.map((i) => i.users ?? 0))).toBeGreaterThan(1);
  });

  it('refuses non-http targets with a typed error naming the URL', async () => {
    await expect(runLoad({ url: 'ftp://127.0.0.1/', scenario: get('/'), executor: { type: 'constant-vus', vus: 1, durationS: 0.1 } })).rejects.toThrow(/ftp:\/\/127\.0\.0\.1/);
  });
});
