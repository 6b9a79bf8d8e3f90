import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConcurrencyError, EventStoreInputError, MAX_STREAM_ID_LENGTH, type EventStore } from '@workflow-bench/core';

/**
 * The behaviour every EventStore backend must share; run against PostgreSQL here and against
 * core's LMDB store, so the two engines are benchmarked doing the same thing.
 */
export function describeEventStoreContract(name: string, open: () => Promise<EventStore>, dispose?: (store: EventStore) => Promise<void>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      if (dispose) await dispose(store);
      else await store.close();
    });

    it('appends and reads back a stream with 1-based versions and global positions', async () => {
      const result = await store.append('tma-1', [
        { type: 'TmaSubmitted', data: { words: 1200, text: 'tab\there "quoted" \\ back\nslash' } },
        { type: 'TmaAnonymised', data: { tokens: ['a', 'b'] }, metadata: { actor: 'tutor-7' } },
      ]);
      expect(result).toEqual({ version: 2, globalPosition: 2 });
      const events = await store.readStream('tma-1');
      expect(events.map((e) => [e.streamId, e.version, e.globalPosition, e.type])).toEqual([
        ['tma-1', 1, 1, 'TmaSubmitted'],
        ['tma-1', 2, 2, 'TmaAnonymised'],
      ]);
      expect(events[0]!.data).toEqual({ words: 1200, text: 'tab\there "quoted" \\ back\nslash' });
      expect(events[0]!.metadata).toBeUndefined();
      expect(events[1]!.metadata).toEqual({ actor: 'tutor-7' });
      expect(Number.isNaN(Date.parse(events[0]!.recordedAt))).toBe(false);
      expect(await store.streamVersion('tma-1')).toBe(2);
      expect(await store.streamVersion('tma-unknown')).toBe(0);
    });

    it('orders all streams by global position and honours from/limit', async () => {
      await store.append('a', [{ type: 'x', data: 1 }, { type: 'x', data: 2 }]);
      await store.append('b', [{ type: 'y', data: 3 }]);
      await store.append('a', [{ type: 'x', data: 4 }]);
      const all = await store.readAll();
      expect(all.map((e) => [e.globalPosition, e.streamId, e.version, e.data])).toEqual([
        [1, 'a', 1, 1],
        [2, 'a', 2, 2],
        [3, 'b', 1, 3],
        [4, 'a', 3, 4],
      ]);
      expect((await store.readAll({ from: 2, limit: 2 })).map((e) => e.globalPosition)).toEqual([2, 3]);
      expect((await store.readStream('a', { from: 2 })).map((e) => e.version)).toEqual([2, 3]);
      expect((await store.readStream('a', { from: 1, limit: 1 })).map((e) => e.version)).toEqual([1]);
      expect(await store.readStream('none')).toEqual([]);
    });

    it('refuses bad input with EventStoreInputError naming the field, and writes nothing', async () => {
      const field = (promise: Promise<unknown>) => promise.then(() => 'no error', (e: unknown) => (e instanceof EventStoreInputError ? e.field : String(e)));
      expect(await field(store.append('', [{ type: 'x', data: 1 }]))).toBe('streamId');
      expect(await field(store.append('s'.repeat(MAX_STREAM_ID_LENGTH + 1), [{ type: 'x', data: 1 }]))).toBe('streamId');
      expect(await field(store.append('s', [{ type: 'x', data: 1 }, { type: '', data: 2 }]))).toBe('events[1].type');
      expect(await field(store.readStream('s', { from: 0 }))).toBe('from');
      expect(await field(store.readAll({ limit: -1 }))).toBe('limit');
      expect(await store.readAll()).toEqual([]);
    });

    it('rejects a wrong expected version with ConcurrencyError and writes nothing', async () => {
      await store.append('s', [{ type: 'x', data: {} }], 0);
      const error = await store.append('s', [{ type: 'x', data: {} }, { type: 'x', data: {} }], 0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId: 's', expectedVersion: 0, actualVersion: 1 });
      expect(await store.streamVersion('s')).toBe(1);
      expect(await store.readAll()).toHaveLength(1);
      // Positions stay gap-free after a rejected append.
      expect(await store.append('t', [{ type: 'x', data: {} }], 0)).toEqual({ version: 1, globalPosition: 2 });
      expect(await store.append('s', [{ type: 'x', data: {} }], 1)).toEqual({ version: 2, globalPosition: 3 });
    });

    it('serialises concurrent appends to one stream without losing or duplicating versions', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.append('c', [{ type: 'x', data: i }])));
      const events = await store.readStream('c');
      expect(events.map((e) => e.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(new Set(events.map((e) => e.data)).size).toBe(20);
    });
  });
}
