import { median, type BenchContext, type CustomMeasurement, type SuiteBuilder } from '@workflow-bench/bench-kit';
import type { BenchEngine, EngineStore } from '../../src/engine/bench-engine.ts';
import type { BulkAppendBatch } from '../../src/postgres/pg-event-store.ts';
import { EVENT_DATA_BYTES, workloadEvent, workloadEvents } from '../../src/workload/event-workload.ts';

/**
 * The benchmarks both engines run, registered by each engine's bench file (lmdb.bench.ts,
 * pg.bench.ts) so the two measure exactly the same work: the same events (EVENT_DATA_BYTES of
 * JSON data each), the same stream layout and the same read patterns.
 */

const WRITE_STREAMS = 1000;
const common = { dataBytesPerEvent: EVENT_DATA_BYTES };

/** `count` events starting at `firstSeq`, as `perStream`-event batches spread round-robin over `streams` streams. */
export function streamBatches(firstSeq: number, count: number, streams: number, perStream: number, prefix = 'tma'): BulkAppendBatch[] {
  const batches: BulkAppendBatch[] = [];
  for (let done = 0, k = 0; done < count; k++) {
    const n = Math.min(perStream, count - done);
    batches.push({ streamId: `${prefix}-${k % streams}`, events: workloadEvents(firstSeq + done, n) });
    done += n;
  }
  return batches;
}

/** Fills a store to `total` events in bulk chunks; returns the fill time in ms. */
async function fill(es: EngineStore, total: number, ctx: BenchContext, streams = 1000): Promise<number> {
  const chunk = 10_000;
  const started = performance.now();
  for (let done = 0; done < total; done += chunk) {
    const n = Math.min(chunk, total - done);
    await es.bulkInsert(streamBatches(done + 1, n, streams, 100));
    if (total >= 100_000 && (done + n) % 100_000 === 0) ctx.progress(`filled ${(done + n).toLocaleString('en-GB')} / ${total.toLocaleString('en-GB')} events`);
  }
  return performance.now() - started;
}

/** Deterministic pseudo-random integers in [1, max] (xorshift), so runs read the same positions. */
function positions(max: number, seed = 0x9e3779b9): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return (x % max) + 1;
  };
}

interface WriteState {
  es: EngineStore;
  events: ReturnType<typeof workloadEvents>;
  next: number;
}

export interface EngineBenchmarkOptions {
  /** Params of the durability benchmark: [durable, not durable], e.g. ['sync', 'nosync']. */
  durability: readonly [string, string];
  /** What the non-durable setting is called, for the details. */
  durabilityNote: string;
}

export function registerEngineBenchmarks(s: SuiteBuilder, engine: BenchEngine, options: EngineBenchmarkOptions): void {
  s.bench<WriteState, '1' | '100' | '1000'>('write-events', {
    params: ['1', '100', '1000'],
    setup: async ({ param }) => ({ es: await engine.open({ durable: true }), events: workloadEvents(1, Number(param)), next: 0 }),
    fn: (st) => st.es.store.append(`tma-${st.next++ % WRITE_STREAMS}`, st.events),
    teardown: (st) => st.es.dispose(),
    throughput: { unit: 'events', perIteration: (st) => st.events.length },
    details: { ...common, durable: true, what: 'one append (one transaction) of N events to one of 1000 streams' },
  });

  s.bench<{ es: EngineStore; next: () => number }>('read-by-id', {
    setup: async (ctx) => {
      const es = await engine.open({ durable: true });
      await fill(es, 10_000, ctx, 100);
      return { es, next: positions(10_000) };
    },
    fn: async (st) => {
      const events = await st.es.store.readAll({ from: st.next(), limit: 1 });
      if (events.length !== 1) throw new Error('read-by-id: event not found');
      return events;
    },
    teardown: (st) => st.es.dispose(),
    details: { ...common, storeEvents: 10_000, what: 'one event by its global position (readAll from=id limit=1), random ids' },
  });

  const RANGE_STREAMS = 10;
  const RANGE_STREAM_EVENTS = 2000;
  s.bench<{ es: EngineStore; n: number; next: () => number }, '100' | '1000'>('range-query', {
    params: ['100', '1000'],
    setup: async (ctx) => {
      const es = await engine.open({ durable: true });
      // Streams written in interleaved 100-event appends, so a stream's range is not one run of positions.
      const started = performance.now();
      await es.bulkInsert(streamBatches(1, RANGE_STREAMS * RANGE_STREAM_EVENTS, RANGE_STREAMS, 100, 'range'));
      ctx.progress(`filled ${RANGE_STREAMS * RANGE_STREAM_EVENTS} events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const n = Number(ctx.param);
      return { es, n, next: positions(RANGE_STREAM_EVENTS - n + 1) };
    },
    fn: async (st) => {
      const from = st.next();
      const events = await st.es.store.readStream(`range-${from % RANGE_STREAMS}`, { from, limit: st.n });
      if (events.length !== st.n) throw new Error(`range-query: got ${events.length} events, expected ${st.n}`);
      return events;
    },
    teardown: (st) => st.es.dispose(),
    throughput: { unit: 'events', perIteration: (st) => st.n },
    details: { ...common, streams: RANGE_STREAMS, eventsPerStream: RANGE_STREAM_EVENTS, what: 'readStream(from, limit=N) of one stream' },
  });

  s.bench<EngineStore>('transaction-overhead', {
    setup: () => engine.open({ durable: true }),
    fn: (es) => es.emptyTransaction(),
    teardown: (es) => es.dispose(),
    details: { durable: true, what: 'commit of a write transaction with nothing in it' },
  });

  const BULK = 100_000;
  s.bench<{ batches: BulkAppendBatch[] }, '100k'>('bulk-insert', {
    kind: 'custom',
    params: ['100k'],
    setup: () => ({ batches: streamBatches(1, BULK, 1000, 100) }),
    measure: async (st, ctx): Promise<CustomMeasurement> => {
      const runs = ctx.quick ? 2 : 5;
      const samples: number[] = [];
      let sizeOnDisk = 0;
      let details: Record<string, string | number | boolean> = {};
      for (let run = 0; run < runs; run++) {
        const es = await engine.open({ durable: true });
        try {
          const started = process.hrtime.bigint();
          await es.bulkInsert(st.batches);
          samples.push(Number(process.hrtime.bigint() - started));
          sizeOnDisk = await es.sizeOnDiskBytes();
          details = es.details;
        } finally {
          await es.dispose();
        }
        ctx.progress(`run ${run + 1}/${runs}: ${(BULK / (samples.at(-1)! / 1e9)).toFixed(0)} events/s`);
      }
      return {
        unit: 'ns',
        samples,
        throughput: { unit: 'events', perIteration: BULK },
        metrics: {
          eventsPerSecond: { value: BULK / (median(samples) / 1e9), unit: 'events/s', note: 'median run' },
          sizeOnDiskBytes: { value: sizeOnDisk, unit: 'bytes', note: 'after the insert' },
        },
        details: { ...details, ...common, events: BULK, streams: 1000, method: engine.name === 'pg' ? 'COPY in one transaction' : 'batched appends (lmdb-js write batching)', freshStorePerRun: true },
      };
    },
  });

  const SIZES = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 } as const;
  type Size = keyof typeof SIZES;
  s.bench<{ es: EngineStore; fillMs: number; total: number }, Size>('size-vs-performance', {
    kind: 'custom',
    params: ['10k', '100k', '1m'],
    setup: async (ctx) => {
      const size = ctx.param as Size;
      if (size === '1m' && ctx.quick) ctx.skip('the 1m-event step runs in full mode only (quick run)');
      const es = await engine.open({ durable: true });
      try {
        const fillMs = await fill(es, SIZES[size], ctx);
        return { es, fillMs, total: SIZES[size] };
      } catch (error) {
        await es.dispose();
        throw error;
      }
    },
    measure: async (st, ctx): Promise<CustomMeasurement> => {
      const writes = ctx.quick ? 15 : 50;
      const perWrite = 100;
      const samples: number[] = [];
      let seq = st.total;
      const pick = positions(1000, 12345);
      for (let i = 0; i < writes; i++) {
        const events = workloadEvents(seq + 1, perWrite);
        const started = performance.now();
        await st.es.store.append(`tma-${pick() - 1}`, events);
        samples.push(perWrite / ((performance.now() - started) / 1000));
        seq += perWrite;
      }
      const reads = ctx.quick ? 500 : 3000;
      const at = positions(st.total, 777);
      let started = performance.now();
      for (let i = 0; i < reads; i++) {
        if ((await st.es.store.readAll({ from: at(), limit: 1 })).length !== 1) throw new Error('size-vs-performance: read miss');
      }
      const readByIdPerSecond = reads / ((performance.now() - started) / 1000);
      const rangeReads = ctx.quick ? 50 : 200;
      started = performance.now();
      let rangeEvents = 0;
      for (let i = 0; i < rangeReads; i++) rangeEvents += (await st.es.store.readAll({ from: at(), limit: 100 })).length;
      const rangeEventsPerSecond = rangeEvents / ((performance.now() - started) / 1000);
      const sizeOnDisk = await st.es.sizeOnDiskBytes();
      return {
        unit: 'ops/s',
        lowerIsBetter: false,
        samples,
        metrics: {
          writeEventsPerSecond: { value: median(samples), unit: 'events/s', note: `median of ${writes} appends of ${perWrite} events (durable)` },
          readByIdPerSecond: { value: readByIdPerSecond, unit: 'reads/s', note: `${reads} random single-event reads by global position` },
          rangeReadEventsPerSecond: { value: rangeEventsPerSecond, unit: 'events/s', note: `${rangeReads} reads of 100 events from random positions` },
          sizeOnDiskBytes: { value: sizeOnDisk, unit: 'bytes' },
          bytesPerEvent: { value: sizeOnDisk / (st.total + writes * perWrite), unit: 'bytes' },
          fillSeconds: { value: st.fillMs / 1000, unit: 's', note: 'bulk fill to the size before measuring' },
          fillEventsPerSecond: { value: st.total / (st.fillMs / 1000), unit: 'events/s' },
        },
        details: { ...st.es.details, ...common, storeEvents: st.total, samplesAre: 'events written per second, one sample per 100-event append' },
      };
    },
    teardown: (st) => st.es.dispose(),
  });

  const [durableParam, fastParam] = options.durability;
  s.bench<{ es: EngineStore; next: number }>('durability', {
    params: [durableParam, fastParam],
    setup: async ({ param }) => ({ es: await engine.open({ durable: param === durableParam }), next: 0 }),
    fn: (st) => st.es.store.append(`tma-${st.next % WRITE_STREAMS}`, [workloadEvent(++st.next)]),
    teardown: (st) => st.es.dispose(),
    throughput: { unit: 'events', perIteration: 1 },
    details: { ...common, what: `one 1-event append; ${durableParam} = flushed to disk on commit, ${fastParam} = ${options.durabilityNote}` },
  });
}
