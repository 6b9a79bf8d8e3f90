import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Http1Client } from '../src/driver/http1/http1-client.ts';
import { Http1ClientClosedError, Http1ConnectionError, Http1ParseError, Http1TimeoutError } from '../src/driver/http1/http1-errors.ts';
import { RequestEncodingError } from '../src/driver/http1/request-encoder.ts';
import { defaultClientFor, LoadTarget } from '../src/driver/load-target.ts';
import { runLoad } from '../src/driver/run-load.ts';
import type { Scenario } from '../src/scenarios/scenario.ts';

interface TestServer {
  url: string;
  server: http.Server;
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

function listen(server: http.Server | net.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/**
 * A node:http server with routes for each behaviour under test:
 * /len/N (Content-Length body of N bytes), /chunked (three writes, no length), /echo (POST body back),
 * /status/C, /close (Connection: close), /destroy (socket destroyed mid-request), /never (no answer),
 * /big-header, /big-body.
 */
async function testServer(): Promise<TestServer> {
  let connections = 0;
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const len = /^\/len\/(\d+)$/.exec(path);
      const status = /^\/status\/(\d{3})$/.exec(path);
      if (len) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(Number(len[1])));
      } else if (path === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('one,');
        setTimeout(() => {
          res.write('two,');
          setTimeout(() => res.end('three'), 5);
        }, 5);
      } else if (path === '/echo') {
        res.writeHead(200, { 'x-method': req.method, 'x-content-type': String(req.headers['content-type']) }).end(Buffer.concat(chunks));
      } else if (status) {
        res.writeHead(Number(status[1])).end(`status ${status[1]}`);
      } else if (path === '/close') {
        res.writeHead(200, { connection: 'close', 'content-length': 2 }).end('ok');
      } else if (path === '/destroy') {
        req.socket.destroy();
      } else if (path === '/never') {
        // no answer
      } else if (path === '/big-header') {
        res.writeHead(200, { 'x-big': 'h'.repeat(20_000), 'content-length': 0 }).end();
      } else if (path === '/big-body') {
        res.writeHead(200, { 'content-length': 100_000 }).end('b'.repeat(100_000));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }
    });
  });
  server.on('connection', () => connections++);
  const url = await listen(server);
  return {
    url,
    server,
    connections: () => connections,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('Http1Client against node:http', () => {
  let srv: TestServer;
  const clients: Http1Client[] = [];
  const client = (connections = 1, requestTimeoutMs = 5000, limits?: { maxHeaderBytes?: number; maxBodyBytes?: number }) => {
    const c = new Http1Client(srv.url, { connections, requestTimeoutMs, limits });
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    srv = await testServer();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
  });
  afterAll(() => srv.close());

  it('reuses one keep-alive connection for sequential requests', async () => {
    const c = client(1);
    const before = srv.connections();
    for (let i = 0; i < 20; i++) expect(await c.send({ name: 'get', method: 'GET', path: '/' })).toEqual({ status: 200 });
    expect(srv.connections() - before).toBe(1);
  });

  it('reads Content-Length and chunked bodies when asked', async () => {
    const c = client(1);
    expect(await c.send({ name: 'len', method: 'GET', path: '/len/5000', readBody: true })).toEqual({ status: 200, body: 'x'.repeat(5000) });
    expect(await c.send({ name: 'len', method: 'GET', path: '/len/0', readBody: true })).toEqual({ status: 200, body: '' });
    expect(await c.send({ name: 'chunked', method: 'GET', path: '/chunked', readBody: true })).toEqual({ status: 200, body: 'one,two,three' });
    // Unread bodies are skipped, and the connection is still in step for the next request.
    expect(await c.send({ name: 'chunked', method: 'GET', path: '/chunked' })).toEqual({ status: 200 });
    expect(await c.send({ name: 'len', method: 'GET', path: '/len/3', readBody: true })).toEqual({ status: 200, body: 'xxx' });
  });

  it('sends bodies (UTF-8, JSON content type by default) and methods', async () => {
    const c = client(1);
    const body = JSON.stringify({ text: 'Größe – ünïcode ✓' });
    expect(await c.send({ name: 'echo', method: 'POST', path: '/echo', body, readBody: true })).toEqual({ status: 200, body });
    expect(await c.send({ name: 'echo', method: 'PUT', path: '/echo', body: 'plain', headers: { 'content-type': 'text/plain' }, readBody: true })).toEqual({ status: 200, body: 'plain' });
    expect(await c.send({ name: 'echo', method: 'DELETE', path: '/echo', readBody: true })).toEqual({ status: 200, body: '' });
  });

  it('returns 4xx and 5xx statuses as responses, not errors', async () => {
    const c = client(2);
    const [a, b, d] = await Promise.all(['/status/404', '/status/503', '/status/500'].map((path) => c.send({ name: 's', method: 'GET', path, readBody: true })));
    expect([a, b, d]).toEqual([
      { status: 404, body: 'status 404' },
      { status: 503, body: 'status 503' },
      { status: 500, body: 'status 500' },
    ]);
  });

  it('more concurrent requests than connections wait their turn; never more connections than allowed', async () => {
    const c = client(3);
    const before = srv.connections();
    const all = await Promise.all(Array.from({ length: 30 }, () => c.send({ name: 'len', method: 'GET', path: '/len/10', readBody: true })));
    expect(all.every((r) => r.status === 200 && r.body === 'x'.repeat(10))).toBe(true);
    expect(srv.connections() - before).toBe(3);
  });

  it('Connection: close from the server: the response counts, the next request reconnects', async () => {
    const c = client(1);
    const before = srv.connections();
    for (let i = 0; i < 5; i++) expect(await c.send({ name: 'close', method: 'GET', path: '/close', readBody: true })).toEqual({ status: 200, body: 'ok' });
    expect(srv.connections() - before).toBe(5);
  });

  it('the server dropping the connection mid-request: a typed connection error, then a fresh connection works', async () => {
    const c = client(1);
    const r = await c.send({ name: 'destroy', method: 'GET', path: '/destroy' });
    expect(r.status).toBe(0);
    expect(r.cause).toBeInstanceOf(Http1ConnectionError);
    expect(['ECONNRESET', 'HTTP1_CONNECTION_CLOSED']).toContain(r.error);
    expect(await c.send({ name: 'get', method: 'GET', path: '/' })).toEqual({ status: 200 });
  });

  it('a connection the server closed while idle is replaced on the next request', async () => {
    const s = await testServer();
    const c = new Http1Client(s.url, { connections: 1, requestTimeoutMs: 5000 });
    try {
      expect((await c.send({ name: 'get', method: 'GET', path: '/' })).status).toBe(200);
      // What a keep-alive timeout does: the server closes the idle connection.
      await new Promise((r) => setTimeout(r, 20));
      s.server.closeIdleConnections();
      await new Promise((r) => setTimeout(r, 50));
      expect((await c.send({ name: 'get', method: 'GET', path: '/' })).status).toBe(200);
      expect(s.connections()).toBe(2);
    } finally {
      await c.destroy();
      await s.close();
    }
  });

  it('a server that never answers: HTTP1_TIMEOUT, and the connection is replaced', async () => {
    const c = client(1, 150);
    const r = await c.send({ name: 'never', method: 'GET', path: '/never' });
    expect(r).toMatchObject({ status: 0, error: 'HTTP1_TIMEOUT' });
    expect(r.cause).toBeInstanceOf(Http1TimeoutError);
    expect(await c.send({ name: 'get', method: 'GET', path: '/' })).toEqual({ status: 200 });
  });

  it('oversized headers and bodies: typed limit errors', async () => {
    const c = client(1, 5000, { maxHeaderBytes: 16 * 1024, maxBodyBytes: 50_000 });
    const h = await c.send({ name: 'big', method: 'GET', path: '/big-header' });
    expect(h).toMatchObject({ status: 0, error: 'HTTP1_HEADERS_TOO_LARGE' });
    expect(h.cause).toBeInstanceOf(Http1ParseError);
    expect(await c.send({ name: 'big', method: 'GET', path: '/big-body' })).toMatchObject({ status: 0, error: 'HTTP1_BODY_TOO_LARGE' });
    expect(await c.send({ name: 'get', method: 'GET', path: '/' })).toEqual({ status: 200 });
  });

  it('connection refused is reported with the OS code', async () => {
    const dead = await testServer();
    await dead.close();
    const c = new Http1Client(dead.url, { connections: 1, requestTimeoutMs: 1000 });
    clients.push(c);
    const r = await c.send({ name: 'get', method: 'GET', path: '/' });
    expect(r).toMatchObject({ status: 0, error: 'ECONNREFUSED' });
    expect(r.cause).toBeInstanceOf(Http1ConnectionError);
  });

  it('destroy fails queued and in-flight requests with HTTP1_CLIENT_CLOSED', async () => {
    const c = new Http1Client(srv.url, { connections: 1, requestTimeoutMs: 5000 });
    const inFlight = c.send({ name: 'never', method: 'GET', path: '/never' });
    const queued = c.send({ name: 'get', method: 'GET', path: '/' });
    await new Promise((r) => setTimeout(r, 20));
    await c.destroy();
    expect(await inFlight).toMatchObject({ status: 0, error: 'HTTP1_CLIENT_CLOSED' });
    expect((await queued).cause).toBeInstanceOf(Http1ClientClosedError);
    expect(await c.send({ name: 'get', method: 'GET', path: '/' })).toMatchObject({ status: 0, error: 'HTTP1_CLIENT_CLOSED' });
  });

  it('refuses requests that cannot be encoded safely, naming the origin', async () => {
    const c = client(1);
    expect(() => c.send({ name: 'bad', method: 'GET', path: '/a b' })).toThrow(RequestEncodingError);
    expect(() => c.send({ name: 'bad', method: 'GET', path: 'no-slash' })).toThrow(/127\.0\.0\.1/);
    expect(() => c.send({ name: 'bad', method: 'GET', path: '/', headers: { 'x-evil': 'a\r\nHost: other' } })).toThrow(RequestEncodingError);
    expect(() => c.send({ name: 'bad', method: 'GET', path: '/', headers: { host: 'other' } })).toThrow(RequestEncodingError);
  });
});

describe('raw responses from a plain TCP server', () => {
  /** A TCP server that answers every request's first bytes with `reply`, then does what `after` says. */
  async function rawServer(reply: string, after: 'keep' | 'end'): Promise<{ url: string; close(): Promise<void> }> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('data', () => {
        if (after === 'end') s.end(reply);
        else s.write(reply);
      });
    });
    const url = await listen(server);
    return { url, close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }) };
  }

  it('a body delimited by the connection closing is a complete response', async () => {
    const s = await rawServer('HTTP/1.1 200 OK\r\n\r\nuntil the end', 'end');
    const c = new Http1Client(s.url, { connections: 1, requestTimeoutMs: 2000 });
    try {
      expect(await c.send({ name: 'eof', method: 'GET', path: '/', readBody: true })).toEqual({ status: 200, body: 'until the end' });
      expect(await c.send({ name: 'eof', method: 'GET', path: '/', readBody: true })).toEqual({ status: 200, body: 'until the end' });
    } finally {
      await c.destroy();
      await s.close();
    }
  });

  it('garbage instead of HTTP: HTTP1_PARSE_ERROR', async () => {
    const s = await rawServer('SSH-2.0-OpenSSH_9.2\r\n\r\n', 'keep');
    const c = new Http1Client(s.url, { connections: 1, requestTimeoutMs: 2000 });
    try {
      expect(await c.send({ name: 'x', method: 'GET', path: '/' })).toMatchObject({ status: 0, error: 'HTTP1_PARSE_ERROR' });
    } finally {
      await c.destroy();
      await s.close();
    }
  });
});

describe('driver end-to-end with each client', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await testServer();
  });
  afterAll(() => srv.close());

  const scenario: Scenario<undefined> = {
    name: 'mix',
    description: 'GET, POST with a body, a 404',
    iteration: async (h, _d, ctx) => {
      if (ctx.iteration % 3 === 0) await h.request({ name: 'get', method: 'GET', path: '/' });
      else if (ctx.iteration % 3 === 1) {
        const r = await h.request({ name: 'echo', method: 'POST', path: '/echo', body: '{"n":1}', readBody: true });
        if (r.body !== '{"n":1}') throw new Error(`echo answered ${r.body}`);
      } else await h.request({ name: 'missing', method: 'GET', path: '/status/404' });
    },
  };

  it('loopback targets default to the raw client; others to undici', () => {
    expect(defaultClientFor('http://127.0.0.1:3000')).toBe('raw');
    expect(defaultClientFor('http://localhost:3000')).toBe('raw');
    expect(defaultClientFor('http://[::1]:3000')).toBe('raw');
    expect(defaultClientFor('http://example.org')).toBe('undici');
    expect(new LoadTarget(srv.url, { connections: 1, requestTimeoutMs: 1000 }).client).toBe('raw');
    expect(() => new LoadTarget(srv.url, { connections: 1, requestTimeoutMs: 1000, client: 'curl' as 'raw' })).toThrow(/unknown client 'curl'/);
  });

  it.each(['raw', 'undici'] as const)('%s: every request counted, 404s as failures, the client recorded', async (client) => {
    const before = srv.connections();
    const r = await runLoad({ url: srv.url, scenario, client, executor: { type: 'constant-vus', vus: 4, durationS: 0.4 } });
    expect(r.client).toBe(client);
    expect(r.requests).toBeGreaterThan(0);
    expect(r.requests).toBe(r.iterations);
    expect(r.errors).toEqual({});
    expect(r.endpoints.missing.failures).toBe(r.endpoints.missing.requests);
    expect(r.failures).toBe(r.endpoints.missing.requests);
    expect(r.statusCodes['200']).toBe(r.endpoints.get.requests + r.endpoints.echo.requests);
    expect(r.latencyMs.count).toBe(r.requests);
    expect(srv.connections() - before).toBeLessThanOrEqual(4);
  });

  it('raw: a server that stops answering yields timeouts counted as failures, and the run ends', async () => {
    const never: Scenario<undefined> = { name: 'never', description: '', iteration: async (h) => void (await h.request({ name: 'never', method: 'GET', path: '/never' })) };
    const r = await runLoad({ url: srv.url, scenario: never, client: 'raw', executor: { type: 'constant-vus', vus: 2, durationS: 0.5 }, requestTimeoutMs: 100, gracefulStopS: 1 });
    expect(r.errors.HTTP1_TIMEOUT).toBeGreaterThan(0);
    expect(r.failures).toBe(r.requests);
  });
});
