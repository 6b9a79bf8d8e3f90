import { describe, expect, it } from 'vitest';
import { openLmdbEventStore } from '@workflow-bench/core';
import { CrashConsistencyError, checkRecoveredStore } from '../src/fault/crash-check.ts';
import { crashStreamId } from '../src/fault/crash-layout.ts';
import { workloadEvent } from '../src/workload/event-workload.ts';

const BATCH = 4;
const batch = (b: number, size = BATCH) => Array.from({ length: size }, (_, i) => workloadEvent(b * BATCH + i + 1, { batch: b, index: i }));

describe('the crash checker catches what it must', () => {
  it('accepts whole batches, including one committed but not acknowledged', async () => {
    const store = await openLmdbEventStore({ sync: false });
    try {
      for (let b = 0; b < 3; b++) await store.append(crashStreamId(b), batch(b));
      expect(await checkRecoveredStore(store, 8, BATCH)).toEqual({ acknowledged: 8, found: 12, committedUnacknowledged: 4 });
    } finally {
      await store.close();
    }
  });

  it('reports lost acknowledged events and half-visible batches', async () => {
    const store = await openLmdbEventStore({ sync: false });
    try {
      await store.append(crashStreamId(0), batch(0));
      await store.append(crashStreamId(1), batch(1, 2)); // a torn batch
      const error = await checkRecoveredStore(store, 8, BATCH).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CrashConsistencyError);
      expect((error as CrashConsistencyError).problems.join('\n')).toMatch(/lost acknowledged events: 8 acknowledged, 6 found[\s\S]*half visible/);
    } finally {
      await store.close();
    }
  });

  it('reports data that differs from what was written', async () => {
    const store = await openLmdbEventStore({ sync: false });
    try {
      const events = batch(0);
      events[2] = { ...events[2]!, data: { ...events[2]!.data, mark: -1 } };
      await store.append(crashStreamId(0), events);
      await expect(checkRecoveredStore(store, 4, BATCH)).rejects.toThrow(/event 3: data differs/);
    } finally {
      await store.close();
    }
  });
});
