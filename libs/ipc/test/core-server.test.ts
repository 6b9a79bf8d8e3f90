import { Anonymiser, generateTma, sha256Hex } from '@workflow-bench/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreClient } from '../src/client/core-client.ts';
import { IpcRemoteError } from '../src/errors.ts';

const combos = [
  ['length', 'msgpack'],
  ['length', 'json'],
  ['ndjson', 'json'],
] as const;

describe.each(combos)('core server over %s framing with %s', (framing, codec) => {
  let client: CoreClient;
  beforeAll(async () => {
    client = await CoreClient.spawn({ framing, codec, timeoutMs: 20_000 });
  }, 30_000);
  afterAll(async () => {
    await client?.close();
  });

  it('serves parse, validate, detectPii, anonymise and hash like the core does in-process', async () => {
    const tma = generateTma('small', 7);
    const [parsed, pii, hash, anonymised] = await Promise.all([
      client.parse(tma.text),
      client.detectPii(tma.text),
      client.hash(tma.text),
      client.anonymise(tma.text, 'secret-key'),
    ]);
    expect(parsed).toEqual(tma.submission);
    expect(await client.validate(parsed)).toEqual({ valid: true, errors: [] });
    expect(pii.length).toBeGreaterThan(0);
    expect(hash).toBe(sha256Hex(tma.text));
    expect(anonymised.text).not.toContain(tma.submission.header.studentId);
    // The marking's student pseudonym: the token core's in-process anonymiser gives under the same key.
    expect(await client.pseudonym('student-id', tma.submission.header.studentId, 'secret-key')).toBe(
      new Anonymiser('secret-key').pseudonym('student-id', tma.submission.header.studentId),
    );
    await expect(client.call('pseudonym', { type: 'shoe-size', value: '9', key: 'k' })).rejects.toMatchObject({ code: 'invalid-params', data: { field: 'type' } });
    expect((await client.validate({ header: {} })).valid).toBe(false);
  });

  it('appends and reads events, with typed concurrency and parse errors', async () => {
    const streamId = `tma-${framing}-${codec}`;
    const appended = await client.appendEvents(streamId, [{ type: 'TmaSubmitted', data: { words: 1200 } }, { type: 'TmaAnonymised', data: {} }], 0);
    expect(appended.version).toBe(2);
    const events = await client.readStream(streamId);
    expect(events.map((e) => [e.type, e.version])).toEqual([['TmaSubmitted', 1], ['TmaAnonymised', 2]]);
    expect((await client.readStream(streamId, { from: 2 })).length).toBe(1);
    await expect(client.appendEvents(streamId, [{ type: 'MarkRecorded', data: {} }], 0)).rejects.toMatchObject({
      code: 'concurrency-error',
      data: { expectedVersion: 0, actualVersion: 2 },
    });
    await expect(client.parse('not a TMA')).rejects.toMatchObject({ name: 'IpcRemoteError', code: 'tma-parse-error', data: { line: 1 } });
  });

  if (codec === 'msgpack') {
    it('echoes bytes as bytes', async () => {
      const payload = Buffer.alloc(200_000, 0xab);
      expect(Buffer.from(await client.echo(payload)).equals(payload)).toBe(true);
    });
  }

  it('answers invalid-params naming the field for stream ids, versions and event types the store refuses', async () => {
    const field = (call: Promise<unknown>) => call.then(() => 'no error', (e: unknown) => (e instanceof IpcRemoteError ? `${e.code} ${(e.data as { field?: string })?.field}` : String(e)));
    const event = { type: 'TmaSubmitted', data: {} };
    expect(await field(client.call('appendEvents', { streamId: '', events: [event] }))).toBe('invalid-params streamId');
    expect(await field(client.call('appendEvents', { streamId: 's'.repeat(5000), events: [event] }))).toBe('invalid-params streamId');
    expect(await field(client.call('appendEvents', { streamId: 's', events: [event, { type: '', data: {} }] }))).toBe('invalid-params events[1].type');
    expect(await field(client.call('appendEvents', { streamId: 's', events: [event], expectedVersion: -2 }))).toBe('invalid-params expectedVersion');
    expect(await field(client.call('readStream', { streamId: 's', from: 0 }))).toBe('invalid-params from');
    expect(await field(client.call('readStream', { streamId: '' }))).toBe('invalid-params streamId');
  });

  it('keeps event data byte for byte, a __proto__ key included, and pollutes no prototype', async () => {
    const text = '{"a":1,"__proto__":{"polluted":true},"list":[{"__proto__":null}],"__proto_":2}';
    const streamId = `proto-${framing}-${codec}`;
    await client.appendEvents(streamId, [{ type: 'TmaSubmitted', data: JSON.parse(text) }], 0);
    const [stored] = await client.readStream(streamId);
    expect(JSON.stringify(stored!.data)).toBe(text);
    expect(Object.keys(stored!.data as object)).toEqual(['a', '__proto__', 'list', '__proto_']);
    expect(Object.getPrototypeOf(stored!.data)).toBe(Object.prototype);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('names the offending field in invalid-params errors', async () => {
    const error = await client.call('parse', { text: 42 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcRemoteError);
    expect(error).toMatchObject({ code: 'invalid-params', data: { field: 'text' } });
    await expect(client.call('appendEvents', { streamId: 's', events: [{}] })).rejects.toMatchObject({ data: { field: 'events[0].type' } });
    await expect(client.call('nope')).rejects.toMatchObject({ code: 'unknown-method' });
  });
});

