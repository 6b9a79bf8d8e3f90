import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContentType } from '../src/content-type.ts';
import { startMarkingApi, type RunningMarkingApi } from '../src/index.ts';
import { call, isJsonClientError, tmaText } from './helpers.ts';

describe('parseContentType (RFC 9110 media type)', () => {
  it.each([
    ['application/json', 'application/json', {}],
    ['Application/JSON; Charset=UTF-8', 'application/json', { charset: 'UTF-8' }],
    ['text/plain;charset="utf-8"', 'text/plain', { charset: 'utf-8' }],
    ['text/plain ; format=flowed ;', 'text/plain', { format: 'flowed' }],
    ['text/plain; q="a\\"b"', 'text/plain', { q: 'a"b' }],
  ])('reads %j', (header, essence, parameters) => {
    const m = parseContentType(header);
    expect(m?.essence).toBe(essence);
    expect(Object.fromEntries(m!.parameters)).toEqual(parameters);
  });

  it.each([
    'application/json; charset',
    'application/json garbage',
    'text/plain; charset="utf-8',
    'text/plain; charset=utf-8; charset=latin1',
    'application/',
    '/json',
    'text/plain; =x',
    '',
  ])('refuses %j', (header) => {
    expect(parseContentType(header)).toBeUndefined();
  });
});

describe('bodies the API cannot read are refused, not guessed', () => {
  let api: RunningMarkingApi;
  beforeAll(async () => {
    api = await startMarkingApi();
  });
  afterAll(() => api.close());

  const post = (body: string | Uint8Array, contentType: string) =>
    call(`${api.url}/api/tmas`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const json = JSON.stringify({ text: tmaText(3) });

  it.each([
    ['JSON in UTF-16', 'application/json; charset=utf-16', 415, 'unsupported_charset', Buffer.from(json, 'utf16le')],
    ['JSON labelled UTF-16 (whatever the bytes)', 'application/json; charset=utf-16', 415, 'unsupported_charset', json],
    ['text in latin1', 'text/plain; charset=iso-8859-1', 415, 'unsupported_charset', tmaText(3)],
    ['a charset without a value', 'application/json; charset', 400, 'malformed_content_type', json],
    ['an unterminated quoted charset', 'text/plain; charset="utf-8', 400, 'malformed_content_type', tmaText(3)],
    ['two charsets', 'application/json; charset=utf-8; charset=utf-16', 400, 'malformed_content_type', json],
    ['text/plain with invalid UTF-8', 'text/plain', 400, 'invalid_utf8', Buffer.concat([Buffer.from(tmaText(3)), Buffer.from([0xff, 0xfe, 0xc3])])],
    ['JSON with invalid UTF-8 in the text', 'application/json', 400, 'invalid_utf8', Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')])],
  ])('%s (%s) → %i %s', async (_name, type, status, code, body) => {
    const a = await post(body, type);
    expect(a.status).toBe(status);
    expect(isJsonClientError(a)).toBe(true);
    expect(a.body).toMatchObject({ error: { code, field: expect.any(String) } });
  });

  it.each(['application/json; charset=UTF-8', 'application/json;charset="utf-8"', 'application/json'])('JSON as %j is accepted', async (type) => {
    expect((await post(json, type)).status).toBe(202);
  });

  it.each(['text/plain; charset=utf-8', 'text/plain'])('text as %j is accepted', async (type) => {
    expect((await post(tmaText(4), type)).status).toBe(202);
  });
});
