import { defineSuite, median } from '@workflow-bench/bench-kit';
import type { EngineStore } from '../src/engine/bench-engine.ts';
import { lmdbEngine } from '../src/engine/lmdb-engine.ts';
import { RawLmdb } from '../src/lmdb/raw-lmdb.ts';
import { workloadEvents } from '../src/workload/event-workload.ts';
import { registerEngineBenchmarks } from './support/engine-benchmarks.ts';

const STORE_VS_RAW = 'database/lmdb/store-vs-raw/1000';
const WRITE_STREAMS = 1000;

interface PairState {
  es: EngineStore;
  raw: RawLmdb;
  events: ReturnType<typeof workloadEvents>;
  values: Buffer[];
  next: number;
}

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

  // The two above, interleaved in one process: batches alternate store, raw, raw, store, ... so
  // both sides see the same moment of a shared machine, and each pair gives one ratio. The goal
  // reads this paired ratio, not the quotient of two estimates taken minutes apart.
  s.bench<PairState, '1000'>('store-vs-raw', {
    kind: 'custom',
    params: ['1000'],
    setup: async () => {
      const events = workloadEvents(1, 1000);
      return {
        es: await lmdbEngine.open({ durable: true }),
        raw: await RawLmdb.open({ durable: true }),
        events,
        values: events.map((e) => Buffer.from(JSON.stringify(e))),
        next: 0,
      };
    },
    measure: async (st, ctx) => {
      const storeBatch = async () => {
        const started = process.hrtime.bigint();
        await st.es.store.append(`tma-${st.next++ % WRITE_STREAMS}`, st.events);
        return Number(process.hrtime.bigint() - started);
      };
      const rawBatch = async () => {
        const started = process.hrtime.bigint();
        await st.raw.putAll(st.values);
        return Number(process.hrtime.bigint() - started);
      };
      const warmUp = ctx.quick ? 10 : 30;
      for (let i = 0; i < warmUp; i++) {
        await storeBatch();
        await rawBatch();
      }
      const pairs = ctx.quick ? 20 : 60;
      const store: number[] = [];
      const raw: number[] = [];
      for (let i = 0; i < pairs; i++) {
        if (i % 2 === 0) {
          store.push(await storeBatch());
          raw.push(await rawBatch());
        } else {
          raw.push(await rawBatch());
          store.push(await storeBatch());
        }
      }
      const ratios = store.map((t, i) => t / raw[i]!);
      return {
        unit: 'ratio',
        // store time / raw time: lower is better.
        lowerIsBetter: true,
        samples: ratios,
        metrics: {
          ratio: { value: median(ratios), unit: 'ratio', note: 'median of per-pair store/raw time, 1000 events each' },
          'store-ns': { value: median(store), unit: 'ns', note: 'one durable append of 1000 events (as write-events/1000)' },
          'raw-ns': { value: median(raw), unit: 'ns', note: '1000 raw puts of the events JSON bytes, flushed (as raw-put/1000)' },
        },
        details: { durable: true, pairs, order: 'store,raw then raw,store, alternating', events: 1000 },
      };
    },
    teardown: async (st) => {
      await st.es.dispose();
      await st.raw.dispose();
    },
  });

  s.compare('database/lmdb/store-vs-raw/1000', { ratioTo: 'raw LMDB puts of the same bytes (interleaved pairs)' });
  s.goal({
    name: 'event store write <= 1.25x raw LMDB put',
    description:
      'Time of a durable 1000-event append through the event store over 1000 raw LMDB puts of the same events JSON bytes in one flushed transaction: the median of per-pair ratios, the two interleaved in one process (store-vs-raw/1000).',
    unit: 'x',
    target: 1.25,
    comparison: '<=',
    benchmarks: [STORE_VS_RAW],
    actual: (r) => r.metric(STORE_VS_RAW, 'ratio'),
  });
});
