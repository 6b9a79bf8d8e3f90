import { defineSuite } from '@workflow-bench/bench-kit';
import { lmdbEngine } from '../src/engine/lmdb-engine.ts';
import { RawLmdb } from '../src/lmdb/raw-lmdb.ts';
import { workloadEvents } from '../src/workload/event-workload.ts';
import { registerEngineBenchmarks } from './support/engine-benchmarks.ts';

const RAW_PUT = 'database/lmdb/raw-put/1000';
const STORE_WRITE = 'database/lmdb/write-events/1000';

/** Core's LMDB event store, plus raw LMDB puts as the anchor for the store's own overhead. */
export default defineSuite('lmdb', (s) => {
  registerEngineBenchmarks(s, lmdbEngine, {
    durability: ['sync', 'nosync'],
    durabilityNote: 'LMDB noSync (the OS flushes later)',
  });

  s.bench<{ raw: RawLmdb; values: Buffer[] }, '1000'>('raw-put', {
    params: ['1000'],
    setup: async () => ({
      raw: await RawLmdb.open({ durable: true }),
      // The same events the store writes, as their JSON bytes: no records, indexes or version checks.
      values: workloadEvents(1, 1000).map((e) => Buffer.from(JSON.stringify(e))),
    }),
    fn: (st) => st.raw.putAll(st.values),
    teardown: (st) => st.raw.dispose(),
    throughput: { unit: 'events', perIteration: 1000 },
    details: { durable: true, what: '1000 raw puts of the events JSON bytes in one write transaction, flushed' },
  });

  s.goal({
    name: 'event store write <= 1.25x raw LMDB put',
    description: 'Per-event cost of a 1000-event append through the event store, relative to 1000 raw LMDB puts of the same bytes in one transaction (both durable).',
    unit: 'x',
    target: 1.25,
    comparison: '<=',
    benchmarks: [STORE_WRITE, RAW_PUT],
    actual: (r) => {
      const store = r.estimate(STORE_WRITE);
      const raw = r.estimate(RAW_PUT);
      return store === undefined || raw === undefined ? undefined : store / raw;
    },
  });
});
