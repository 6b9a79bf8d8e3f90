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

  it('names the offending field in invalid-params errors', async () => {
    const error = await client.call('parse', { text: 42 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcRemoteError);
    expect(error).toMatchObject({ code: 'invalid-params', data: { field: 'text' } });
    await expect(client.call('appendEvents', { streamId: 's', events: [{}] })).rejects.toMatchObject({ data: { field: 'events[0].type' } });
    await expect(client.call('nope')).rejects.toMatchObject({ code: 'unknown-method' });
  });
});

