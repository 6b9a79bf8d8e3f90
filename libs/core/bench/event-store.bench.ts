import { defineSuite } from '@workflow-bench/bench-kit';
import { openLmdbEventStore, sha256Hex, type EventStore, type NewEvent } from '../src/index.ts';

/** 1000 realistic marking-workflow events (the data a TMA's stream carries). */
function workflowEvents(count: number): NewEvent[] {
  const types = ['TmaSubmitted', 'TmaAnonymised', 'FeedbackGenerated', 'MarkRecorded'] as const;
  return Array.from({ length: count }, (_, i) => {
    const type = types[i % types.length];
    const tmaId = `TM112-01-${String(i).padStart(6, '0')}`;
    const data =
      type === 'TmaSubmitted'
        ? { tmaId, courseCode: 'TM112', tmaNumber: '01', contentHash: sha256Hex(tmaId), wordCount: 1900 + (i % 200) }
        : type === 'TmaAnonymised'
          ? { tmaId, replacements: 12 + (i % 5), anonymisedHash: sha256Hex(`anon-${tmaId}`) }
          : type === 'FeedbackGenerated'
            ? { tmaId, model: 'llama-q4', tokens: 380 + (i % 60), feedback: 'Clear structure; expand the evaluation in 2(b).' }
            : { tmaId, mark: 40 + (i % 60), markedBy: 'tutor-0042' };
    return { type, data, metadata: { correlationId: `c-${i}` } };
  });
}

interface WriteState {
  store: EventStore;
  events: NewEvent[];
  next: number;
}

async function openForWrites(sync: boolean): Promise<WriteState> {
  return { store: await openLmdbEventStore({ sync }), events: workflowEvents(1000), next: 0 };
}

/**
 * core/event-store/write-1000: one append of 1000 new events to a fresh stream, committed and
 * (default sync) flushed to disk; the store is a temp dir per benchmark, removed in teardown.
 * core/event-store/read-1000: readStream of a 1000-event stream.
 * Extra: write-1000-nosync (same without waiting for the flush) and append-1 (one-event appends
 * with optimistic concurrency, the service's per-step write).
 */
export default defineSuite('event-store', (s) => {
  s.bench('write-1000', {
    setup: () => openForWrites(true),
    fn: (state) => state.store.append(`tma-${state.next++}`, state.events, 0),
    teardown: (state) => state.store.close(),
    throughput: { unit: 'events', perIteration: 1000 },
    details: { sync: true, eventsPerAppend: 1000 },
  });
  s.bench('write-1000-nosync', {
    setup: () => openForWrites(false),
    fn: (state) => state.store.append(`tma-${state.next++}`, state.events, 0),
    teardown: (state) => state.store.close(),
    throughput: { unit: 'events', perIteration: 1000 },
    details: { sync: false, eventsPerAppend: 1000 },
  });
  s.bench('append-1', {
    setup: () => openForWrites(true),
    fn: (state) => {
      const i = state.next++;
      // Five events per TMA stream, each appended on its own as the workflow advances.
      return state.store.append(`tma-${Math.floor(i / 5)}`, [state.events[i % 1000]], i % 5);
    },
    teardown: (state) => state.store.close(),
    throughput: { unit: 'events', perIteration: 1 },
    details: { sync: true, eventsPerAppend: 1 },
  });
  s.bench('read-1000', {
    setup: async () => {
      const store = await openLmdbEventStore({ sync: false });
      await store.append('tma-read', workflowEvents(1000), 0);
      return store;
    },
    fn: async (store) => {
      const events = await store.readStream('tma-read');
      if (events.length !== 1000) throw new Error(`read ${events.length} events, expected 1000`);
      return events;
    },
    teardown: (store) => store.close(),
    throughput: { unit: 'events', perIteration: 1000 },
  });
  s.goal({
    name: 'event store write-1000 < 10 ms',
    description: 'Appending 1000 events to a new stream in one atomic, durable (sync) append takes under 10 ms.',
    unit: 'ns',
    target: 10_000_000,
    comparison: '<',
    benchmarks: ['core/event-store/write-1000'],
    actual: (r) => r.estimate('core/event-store/write-1000'),
  });
});
