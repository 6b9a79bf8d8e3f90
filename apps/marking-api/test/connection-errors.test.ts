import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMarkingApi, type RunningMarkingApi } from '../src/index.ts';
import { call, isJsonClientError, postJson, tmaText } from './helpers.ts';
import { rawExchange } from './raw-http.ts';

/** The documented error format: `{ error: { code, message } }`, as JSON. */
const apiError = (code: string) => ({ error: expect.objectContaining({ code, message: expect.any(String) }) });

/**
 * What Node and Fastify answer on their own (timeouts, oversized headers, URLs the router refuses,
 * requests while closing) must use the API's error format too. Short timeouts keep it quick.
 */
describe('answers from below the routes', () => {
  let api: RunningMarkingApi;
  beforeAll(async () => {
    api = await startMarkingApi({ timeouts: { headersMs: 300, requestMs: 600 } });
  });
  afterAll(() => api.close());

  it('a body that trickles in for longer than the request timeout gets a 408 in the API format, and the connection is closed', async () => {
    let trickle: NodeJS.Timeout | undefined;
    const r = await rawExchange(
      api.url,
      (socket) => {
        socket.write('POST /api/tmas HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"text":"');
        trickle = setInterval(() => socket.writable && socket.write('x'), 50);
        socket.on('close', () => clearInterval(trickle));
      },
      10_000,
    );
    clearInterval(trickle);
    expect(r.closed).toBe(true);
    expect(r).toMatchObject({ status: 408, contentType: expect.stringContaining('application/json'), body: apiError('request_timeout') });
  });

  it('headers that never end get a 408 in the API format, and the connection is closed', async () => {
    const r = await rawExchange(api.url, (socket) => socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n'), 10_000);
    expect(r.closed).toBe(true);
    expect(r).toMatchObject({ status: 408, body: apiError('request_timeout') });
  });

  it('headers over the size limit get a 431 in the API format', async () => {
    const r = await rawExchange(api.url, (socket) => socket.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`), 10_000);
    expect(r).toMatchObject({ status: 431, contentType: expect.stringContaining('application/json'), body: apiError('headers_too_large') });
  });

  it('bytes that are not HTTP get a 400 in the API format', async () => {
    const r = await rawExchange(api.url, (socket) => socket.write('HELLO THERE\r\n\r\n'), 10_000);
    expect(r).toMatchObject({ status: 400, body: apiError('malformed_request') });
  });

  it('a path parameter over the length limit gets a 414 in the API format', async () => {
    const a = await call(`${api.url}/api/tmas/${'a'.repeat(5000)}/status`);
    expect(a.status).toBe(414);
    expect(isJsonClientError(a)).toBe(true);
    expect(a.body).toMatchObject(apiError('url_too_long'));
  });

  it('a URL the router cannot decode gets a 400 in the API format', async () => {
    const a = await call(`${api.url}/api/tmas/%E0%A4%A/status`);
    expect(a.status).toBe(400);
    expect(a.body).toMatchObject(apiError('malformed_url'));
  });

  it('a normal request still works on a server with short timeouts', async () => {
    expect((await postJson(`${api.url}/api/tmas`, { text: tmaText(1) })).status).toBe(202);
  });
});

describe('while closing', () => {
  it('a request that completes its headers after the server stopped listening gets a 503 in the API format', async () => {
    const api = await startMarkingApi();
    let closed: Promise<void> | undefined;
    const r = await rawExchange(
      api.url,
      (socket) => {
        // A request under way keeps its connection open through close(); it ends once the server has stopped listening.
        socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        setTimeout(async () => {
          closed = api.close();
          await untilRefused(api.url);
          socket.write('\r\n');
        }, 50);
      },
      10_000,
    );
    await closed;
    expect(r).toMatchObject({ status: 503, contentType: expect.stringContaining('application/json'), body: apiError('shutting_down') });
  });
});

/** Resolves once the server no longer accepts connections (polls with plain connects to 127.0.0.1, at most 5 s). */
async function untilRefused(url: string): Promise<void> {
  const { port } = new URL(url);
  for (const stop = Date.now() + 5_000; Date.now() < stop; ) {
    const refused = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port: Number(port) });
      s.once('connect', () => {
        s.destroy();
        resolve(false);
      });
      s.once('error', () => resolve(true));
    });
    if (refused) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} still accepts connections after 5 s of closing`);
}
