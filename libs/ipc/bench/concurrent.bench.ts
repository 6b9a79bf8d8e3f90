import { defineSuite } from '@workflow-bench/bench-kit';
import { CoreClient } from '../src/client/core-client.ts';
import { latencyMetrics } from './support/latency.ts';

type InFlight = '1' | '8' | '64';

/**
 * Multiplexing: N ping requests kept in flight on one child (each completion immediately sends
 * the next). Samples are requests/s, one per chunk of completed requests (higher is better);
 * per-request latency p50/p99 over all chunks are metrics.
 */
export default defineSuite('concurrent', (s) => {
  s.bench<CoreClient, InFlight>('', {
    kind: 'custom',
    params: ['1', '8', '64'],
    setup: () => CoreClient.spawn({ framing: 'length', codec: 'msgpack' }),
    measure: async (client, ctx) => {
      const inFlight = Number(ctx.param);
      const perChunk = ctx.quick ? 1000 : 3000;
      const chunks = ctx.quick ? 6 : 12;
      const latencies: number[] = [];
      const runChunk = async (record: boolean) => {
        let started = 0;
        const worker = async () => {
          while (started < perChunk) {
            started++;
            const t0 = process.hrtime.bigint();
            await client.ping();
            if (record) latencies.push(Number(process.hrtime.bigint() - t0));
          }
        };
        const start = process.hrtime.bigint();
        await Promise.all(Array.from({ length: inFlight }, worker));
        return perChunk / (Number(process.hrtime.bigint() - start) / 1e9);
      };
      await runChunk(false); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < chunks; i++) samples.push(await runChunk(true));
      return {
        unit: 'requests/s',
        lowerIsBetter: false,
        samples,
        iterations: samples.map(() => perChunk),
        metrics: latencyMetrics(latencies),
        details: { method: 'ping', inFlight, requestsPerSample: perChunk, framing: 'length', codec: 'msgpack' },
      };
    },
    teardown: (client) => client.close(),
  });
});
