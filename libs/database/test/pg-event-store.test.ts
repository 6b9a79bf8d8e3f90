import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { ConcurrencyError } from '@workflow-bench/core';
import { openPgEventStore, type PgEventStore } from '../src/postgres/pg-event-store.ts';
import { describeEventStoreContract } from './support/event-store-contract.ts';

const url = inject('postgresUrl');
const freshSchema = (): string => `t_${randomBytes(6).toString('hex')}`;
const open = (): Promise<PgEventStore> => openPgEventStore({ url, schema: freshSchema() });

describeEventStoreContract('PostgreSQL', open, (store) => (store as PgEventStore).destroy());

describe('PostgreSQL event store extras', () => {
  it('bulkAppend writes many streams with COPY in one transaction, continuing versions and positions', async () => {
    const store = await open();
    try {
      await store.append('s1', [{ type: 'x', data: { n: 0 } }]);
      const result = await store.bulkAppend([
        { streamId: 's1', events: [{ type: 'x', data: { n: 1, s: 'tab\t"q"\\n' } }, { type: 'y', data: [1, 2] }], expectedVersion: 1 },
        { streamId: 's2', events: [{ type: 'z', data: null, metadata: { m: true } }] },
      ]);
      expect(result).toEqual({ version: 1, globalPosition: 4 });
      const all = await store.readAll();
      expect(all.map((e) => [e.globalPosition, e.streamId, e.version, e.type])).toEqual([
        [1, 's1', 1, 'x'],
        [2, 's1', 2, 'x'],
        [3, 's1', 3, 'y'],
        [4, 's2', 1, 'z'],
      ]);
      expect(all[1]!.data).toEqual({ n: 1, s: 'tab\t"q"\\n' });
      expect(all[3]!.metadata).toEqual({ m: true });
      expect(await store.streamVersion('s1')).toBe(3);
      // A later single append continues from the bulk-written head.
      expect(await store.append('s2', [{ type: 'x', data: 1 }], 1)).toEqual({ version: 2, globalPosition: 5 });
    } finally {
      await store.destroy();
    }
  });

  it('bulkAppend is all-or-nothing on a version conflict', async () => {
    const store = await open();
    try {
      await store.append('s1', [{ type: 'x', data: 0 }]);
      const error = await store
        .bulkAppend([
          { streamId: 's2', events: [{ type: 'x', data: 1 }] },
          { streamId: 's1', events: [{ type: 'x', data: 2 }], expectedVersion: 5 },
        ])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(await store.readAll()).toHaveLength(1);
      expect(await store.streamVersion('s2')).toBe(0);
    } finally {
      await store.destroy();
    }
  });

  it('reports its size on disk and commits empty transactions', async () => {
    const store = await open();
    try {
      const before = await store.sizeOnDiskBytes();
      await store.bulkAppend([{ streamId: 's', events: Array.from({ length: 2000 }, (_, i) => ({ type: 'x', data: { i, pad: 'p'.repeat(200) } })) }]);
      expect(await store.sizeOnDiskBytes()).toBeGreaterThan(before);
      await store.emptyTransaction();
    } finally {
      await store.destroy();
    }
  });

  it('rejects non-JSON data with a TypeError naming the stream', async () => {
    const store = await open();
    try {
      await expect(store.append('s', [{ type: 'x', data: undefined }])).rejects.toThrow(/stream s: event data is not JSON-serialisable/);
    } finally {
      await store.destroy();
    }
  });

  it('can be opened with synchronous_commit off', async () => {
    const store = await openPgEventStore({ url, schema: freshSchema(), synchronousCommit: false });
    try {
      await store.append('s', [{ type: 'x', data: 1 }]);
      expect(await store.streamVersion('s')).toBe(1);
    } finally {
      await store.destroy();
    }
  });
});
