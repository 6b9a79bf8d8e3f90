import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startMarkingApi, type RunningMarkingApi } from '../src/index.ts';
import { call, isJsonClientError, postJson, tmaText } from './helpers.ts';

/** Bad input must get a 4xx with a JSON error naming the problem: never a 5xx, never HTML. */
describe('bad input', () => {
  let api: RunningMarkingApi;
  let id: string;
  beforeAll(async () => {
    api = await startMarkingApi({ bodyLimit: 64 * 1024 });
    id = ((await postJson(`${api.url}/api/tmas`, { text: tmaText(1) })).body as { id: string }).id;
  });
  afterAll(() => api.close());

  const post = (body: string, contentType?: string) =>
    call(`${api.url}/api/tmas`, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });

  it.each([
    ['malformed JSON', '{"text": ', 'application/json', 400, 'malformed_body'],
    ['empty JSON body', '', 'application/json', 400, 'empty_body'],
    ['JSON array', '[1,2]', 'application/json', 400, 'invalid_body'],
    ['JSON string', '"Course: TM112"', 'application/json', 400, 'invalid_body'],
    ['empty text/plain', '', 'text/plain', 400, 'missing_field'],
    ['missing text', '{}', 'application/json', 400, 'missing_field'],
    ['null text', '{"text": null}', 'application/json', 400, 'missing_field'],
    ['numeric text', '{"text": 42}', 'application/json', 400, 'invalid_field'],
    ['blank text', '{"text": "  "}', 'application/json', 400, 'missing_field'],
    ['not a TMA', '{"text": "hello world"}', 'application/json', 400, 'tma_parse_error'],
    ['XML', '<tma/>', 'application/xml', 415, 'unsupported_media_type'],
    ['form data', 'text=abc', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
  ])('%s → %i JSON', async (_name, body, type, status, code) => {
    const a = await post(body, type);
    expect(a.status).toBe(status);
    expect(isJsonClientError(a)).toBe(true);
    expect(a.body).toMatchObject({ error: { code } });
  });

  it('a TMA that parses but fails validation → 4xx naming the field', async () => {
    const text = tmaText(2).replace(/^Course: .*$/m, 'Course: not a course');
    const a = await postJson(`${api.url}/api/tmas`, { text });
    expect(isJsonClientError(a)).toBe(true);
    expect(JSON.stringify(a.body)).toMatch(/course/i);
  });

  it('a very long URL is still a 4xx, never a 5xx', async () => {
    const a = await call(`${api.url}/api/tmas/${'a'.repeat(5000)}/status`);
    expect(a.status).toBeGreaterThanOrEqual(400);
    expect(a.status).toBeLessThan(500);
  });

  it('an oversized body → 413 JSON', async () => {
    const a = await postJson(`${api.url}/api/tmas`, { text: 'x'.repeat(100 * 1024) });
    expect(a.status).toBe(413);
    expect(isJsonClientError(a)).toBe(true);
  });

  it.each([
    ['unknown id status', 'GET', '/api/tmas/00000000-0000-4000-8000-000000000000/status', 404],
    ['unknown id feedback', 'GET', '/api/tmas/00000000-0000-4000-8000-000000000000/feedback', 404],
    ['unknown id feedback generation', 'POST', '/api/tmas/00000000-0000-4000-8000-000000000000/feedback', 404],
    ['malformed id', 'GET', '/api/tmas/..%2f..%2fetc/status', 404],
    ['long id', 'GET', `/api/tmas/${'a'.repeat(900)}/status`, 404],
    ['unknown route', 'GET', '/api/nothing', 404],
    ['wrong method', 'DELETE', '/api/tmas', 404],
  ])('%s → %i JSON', async (_name, method, path, status) => {
    const a = await call(`${api.url}${path}`, { method });
    expect(a.status).toBe(status);
    expect(isJsonClientError(a)).toBe(true);
  });

  it('the valid submission is unaffected by all of the above', async () => {
    expect((await call(`${api.url}/api/tmas/${id}/status`)).status).toBe(200);
  });

  it('random bodies and content types never get a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json(), fc.string().map((s) => JSON.stringify({ text: s })), fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b).toString('latin1'))),
        fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', 'application/json; charset=utf-8'),
        async (body, type) => {
          const a = await post(body, type);
          if (a.status === 202) return;
          expect(isJsonClientError(a)).toBe(true);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
  });
});
