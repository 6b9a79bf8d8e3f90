import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open as openLmdb } from 'lmdb';
import { Packr } from 'msgpackr';
import { afterEach, describe, expect, it } from 'vitest';
import { PLAIN_OPTIONS, ConcurrencyError, EventStoreInputError, MAX_STREAM_ID_LENGTH, openLmdbEventStore, type EventStore, type NewEvent } from '../src/index.ts';

const submitted = (n: number): NewEvent => ({ type: 'TmaSubmitted', data: { n, text: `answer ${n}` }, metadata: { by: 'test' } });

describe('LMDB event store', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });
  const open = async (options?: Parameters<typeof openLmdbEventStore>[0]): Promise<EventStore> => {
    const store = await openLmdbEventStore(options);
    cleanup.push(() => store.close());
    return store;
  };
  const tempDir = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'core-es-test-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  };

  it('orders events per stream and globally', async () => {
    const store = await open({ sync: false });
    expect(await store.append('tma-1', [submitted(1), submitted(2)], 0)).toEqual({ version: 2, globalPosition: 2 });
    expect(await store.append('tma-2', [{ type: 'TmaAnonymised', data: { ok: true } }], 0)).toEqual({ version: 1, globalPosition: 3 });
    expect(await store.append('tma-1', [{ type: 'FeedbackGenerated', data: 'good' }, { type: 'MarkRecorded', data: 71 }], 2)).toEqual({ version: 4, globalPosition: 5 });
    // A stream id that is a prefix of another must not see its events.
    await store.append('tma-1x', [submitted(9)]);

    const s1 = await store.readStream('tma-1');
    expect(s1.map((e) => [e.version, e.globalPosition, e.type])).toEqual([
      [1, 1, 'TmaSubmitted'],
      [2, 2, 'TmaSubmitted'],
      [3, 4, 'FeedbackGenerated'],
      [4, 5, 'MarkRecorded'],
    ]);
    expect(s1[0]).toMatchObject({ streamId: 'tma-1', data: { n: 1, text: 'answer 1' }, metadata: { by: 'test' } });
    expect(s1[2].metadata).toBeUndefined();
    expect(new Date(s1[0].recordedAt).toISOString()).toBe(s1[0].recordedAt);

    expect((await store.readStream('tma-1', { from: 2, limit: 2 })).map((e) => e.version)).toEqual([2, 3]);
    expect((await store.readStream('tma-1', { from: 4 })).map((e) => e.version)).toEqual([4]);
    expect(await store.readStream('tma-1', { from: 5 })).toEqual([]);
    expect(await store.readStream('nope')).toEqual([]);

    const all = await store.readAll();
    expect(all.map((e) => [e.globalPosition, e.streamId, e.version])).toEqual([
      [1, 'tma-1', 1],
      [2, 'tma-1', 2],
      [3, 'tma-2', 1],
      [4, 'tma-1', 3],
      [5, 'tma-1', 4],
      [6, 'tma-1x', 1],
    ]);
    expect((await store.readAll({ from: 3, limit: 2 })).map((e) => e.globalPosition)).toEqual([3, 4]);
    expect(await store.streamVersion('tma-1')).toBe(4);
    expect(await store.streamVersion('nope')).toBe(0);
  });

  it('rejects a stale expected version with ConcurrencyError and writes nothing', async () => {
    const store = await open({ sync: false });
    await store.append('tma-1', [submitted(1)], 0);
    await expect(store.append('tma-1', [submitted(2), submitted(3)], 0)).rejects.toMatchObject({
      name: 'ConcurrencyError',
      streamId: 'tma-1',
      expectedVersion: 0,
      actualVersion: 1,
    });
    await expect(store.append('tma-new', [submitted(1)], 3)).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.readAll()).toHaveLength(1);
    expect(await store.streamVersion('tma-new')).toBe(0);
    // 'any' appends unconditionally; the next global position follows on with no gap.
    expect(await store.append('tma-1', [submitted(2)], 'any')).toEqual({ version: 2, globalPosition: 2 });
  });

  it('lets exactly one of two racing appends at the same version win', async () => {
    const store = await open({ sync: false });
    const results = await Promise.allSettled([
      store.append('race', [submitted(1), submitted(2)], 0),
      store.append('race', [submitted(3)], 0),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
    const events = await store.readStream('race');
    expect(events.map((e) => e.version)).toEqual(events.length === 2 ? [1, 2] : [1]);
    expect(await store.readAll()).toHaveLength(events.length);
  });

  it('rolls back a whole append when one event cannot be stored', async () => {
    const store = await open({ sync: false });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(store.append('tma-1', [submitted(1), { type: 'Bad', data: circular }], 0)).rejects.toThrow();
    expect(await store.readAll()).toEqual([]);
    expect(await store.streamVersion('tma-1')).toBe(0);
    await expect(store.append('tma-1', [{ type: '', data: 1 }])).rejects.toThrow(/type/);
  });

  it('keeps many small concurrent appends ordered and gap-free', async () => {
    const store = await open({ sync: false });
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.append(`s-${i % 7}`, [submitted(i)])));
    const all = await store.readAll();
    expect(all.map((e) => e.globalPosition)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    for (let s = 0; s < 7; s++) {
      const events = await store.readStream(`s-${s}`);
      expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    }
  });

  it('persists across reopen, with sync on and off', async () => {
    for (const sync of [true, false]) {
      const dir = await tempDir();
      const first = await openLmdbEventStore({ path: dir, sync });
      await first.append('tma-1', [submitted(1), submitted(2)], 0);
      await first.append('tma-2', [submitted(3)], 0);
      await first.close();
      await first.close(); // idempotent
      await expect(first.readAll()).rejects.toThrow(/closed/);

      const second = await open({ path: dir, sync });
      expect((await second.readAll()).map((e) => [e.streamId, e.version, e.globalPosition])).toEqual([
        ['tma-1', 1, 1],
        ['tma-1', 2, 2],
        ['tma-2', 1, 3],
      ]);
      expect(await second.append('tma-1', [submitted(4)], 2)).toEqual({ version: 3, globalPosition: 4 });
      expect(existsSync(dir)).toBe(true);
    }
  });

  it('removes its default temp directory on close', async () => {
    const store = await openLmdbEventStore();
    await store.append('x', [submitted(1)]);
    const path = (store as unknown as { removeOnClose: string }).removeOnClose;
    expect(existsSync(path)).toBe(true);
    await store.close();
    expect(existsSync(path)).toBe(false);
  });

  it('keeps a __proto__ key in event data byte for byte and pollutes no prototype', async () => {
    const store = await open({ sync: false });
    const text = '{"a":1,"__proto__":{"polluted":true},"nested":{"__proto__":[1,2]},"__proto_":"not the same key"}';
    const data: unknown = JSON.parse(text);
    await store.append('proto', [{ type: 'TmaSubmitted', data, metadata: JSON.parse('{"__proto__":{"x":1}}') }]);
    const [event] = await store.readStream('proto');
    expect(JSON.stringify(event!.data)).toBe(text);
    expect(Object.keys(event!.data as object)).toEqual(['a', '__proto__', 'nested', '__proto_']);
    expect(Object.getPrototypeOf(event!.data)).toBe(Object.prototype);
    expect(JSON.stringify(event!.metadata)).toBe('{"__proto__":{"x":1}}');
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify((await store.readAll())[0]!.data)).toBe(text);
  });

  it('reads a store whose records msgpackr wrote (before MsgpackWriter), and appends after them', async () => {
    const dir = await tempDir();
    // The layout as the store wrote it with msgpackr: maps with 16-bit headers, one index entry per append.
    const root = openLmdb({ path: dir, maxDbs: 4 });
    const events = root.openDB<Buffer, number>({ name: 'events', encoding: 'binary' });
    const streams = root.openDB<[number, number], [string, number]>({ name: 'streams' });
    const packr = new Packr(PLAIN_OPTIONS);
    const data: unknown = JSON.parse('{"n":1,"__proto__":{"x":[1,"é"]}}');
    await root.transaction(() => {
      events.put(1, packr.pack(['tma-1', 1, 'TmaSubmitted', data, '2024-01-02T03:04:05.006Z', { by: 'old' }]));
      events.put(2, packr.pack(['tma-1', 2, 'MarkRecorded', 71, '2024-01-02T03:04:05.006Z']));
      streams.put(['tma-1', 2], [1, 1]);
    });
    await root.close();

    const store = await open({ path: dir, sync: false });
    expect(await store.append('tma-1', [submitted(3)], 2)).toEqual({ version: 3, globalPosition: 3 });
    const read = await store.readStream('tma-1');
    expect(read.map((e) => [e.globalPosition, e.version, e.type])).toEqual([
      [1, 1, 'TmaSubmitted'],
      [2, 2, 'MarkRecorded'],
      [3, 3, 'TmaSubmitted'],
    ]);
    expect(JSON.stringify(read[0]!.data)).toBe('{"n":1,"__proto__":{"x":[1,"é"]}}');
    expect(read[0]).toMatchObject({ metadata: { by: 'old' }, recordedAt: '2024-01-02T03:04:05.006Z' });
    expect(read[1]!.metadata).toBeUndefined();
    expect(read[2]!.data).toEqual({ n: 3, text: 'answer 3' });
  });

  it('names the bad field of an append or read in EventStoreInputError', async () => {
    const store = await open({ sync: false });
    const field = (promise: Promise<unknown>) => promise.then(() => 'no error', (e: unknown) => (e instanceof EventStoreInputError ? e.field : String(e)));
    expect(await field(store.append('', [submitted(1)]))).toBe('streamId');
    expect(await field(store.append('x'.repeat(MAX_STREAM_ID_LENGTH + 1), [submitted(1)]))).toBe('streamId');
    expect(await field(store.append('s', [submitted(1), { type: '', data: 1 }]))).toBe('events[1].type');
    expect(await field(store.append('s', [submitted(1)], -1))).toBe('expectedVersion');
    expect(await field(store.readStream('s', { from: 0 }))).toBe('from');
    expect(await field(store.readAll({ limit: -1 }))).toBe('limit');
    expect(await field(store.readStream('x'.repeat(5000)))).toBe('streamId');
    // The longest id is fine, and nothing was written by the refused calls.
    expect(await store.append('x'.repeat(MAX_STREAM_ID_LENGTH), [submitted(1)])).toEqual({ version: 1, globalPosition: 1 });
  });

  it('validates its arguments', async () => {
    const store = await open({ sync: false });
    await expect(store.append('', [submitted(1)])).rejects.toThrow(/streamId/);
    await expect(store.append('a', [submitted(1)], -1)).rejects.toThrow(/expectedVersion/);
    await expect(store.readAll({ from: 0 })).rejects.toThrow(/from/);
    expect(await store.append('a', [], 0)).toEqual({ version: 0, globalPosition: 0 });
  });
});
