import { defineSuite } from '@workflow-bench/bench-kit';
import { generateTma } from '@workflow-bench/core';
import { CoreClient } from '../src/client/core-client.ts';
import { latencyMetrics } from './support/latency.ts';

type Case = 'ping' | 'parse-medium';
interface State {
  client: CoreClient;
  call: () => Promise<unknown>;
}

/**
 * Latency of one request at a time through the core server (length-prefixed + msgpack): each
 * sample is one request's round trip in ns, from call() to its promise resolving.
 */
export default defineSuite('roundtrip', (s) => {
  s.bench<State, Case>('', {
    kind: 'custom',
    params: ['ping', 'parse-medium'],
    setup: async ({ param }) => {
      const client = await CoreClient.spawn({ framing: 'length', codec: 'msgpack' });
      const text = generateTma('medium', 1).text;
      const call = param === 'ping' ? () => client.ping() : () => client.parse(text);
      return { client, call };
    },
    measure: async ({ call }, ctx) => {
      const requests = ctx.param === 'ping' ? (ctx.quick ? 2000 : 20_000) : ctx.quick ? 200 : 1000;
      for (let i = 0; i < Math.ceil(requests / 5); i++) await call(); // warm-up: JIT both processes
      const samples: number[] = new Array(requests);
      for (let i = 0; i < requests; i++) {
        const start = process.hrtime.bigint();
        await call();
        samples[i] = Number(process.hrtime.bigint() - start);
      }
      return {
        unit: 'ns',
        samples,
        metrics: latencyMetrics(samples),
        details: { framing: 'length', codec: 'msgpack', inFlight: 1, requests },
      };
    },
    teardown: ({ client }) => client.close(),
  });

  s.goal({
    name: 'ping round trip p50 < 100 µs',
    description: 'Median latency of a ping request through the core server child (length-prefixed + msgpack), one request in flight.',
    unit: 'ns',
    target: 100_000,
    comparison: '<',
    benchmarks: ['ipc/roundtrip/ping'],
    actual: (r) => r.metric('ipc/roundtrip/ping', 'p50'),
  });
});
