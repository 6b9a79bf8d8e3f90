import { defineSuite } from '@workflow-bench/bench-kit';
import { measurePaired, pairedMetrics, PAYLOAD_BYTES, PAYLOAD_SIZES, startEchoPair, stopEchoPair, type EchoPair, type PayloadSize } from './support/paired-throughput.ts';

/**
 * The physical anchor: the same payloads through a bare passthrough child (stdin piped to
 * stdout), one at a time, interleaved with framed batches exactly as in stdio-throughput; here the
 * raw side is the reported sample.
 */
export default defineSuite('raw-pipe', (s) => {
  s.bench<EchoPair, PayloadSize>('', {
    kind: 'custom',
    params: PAYLOAD_SIZES,
    setup: () => startEchoPair(),
    measure: async (pair, ctx) => {
      const samples = await measurePaired(pair, ctx.param!, ctx);
      return {
        unit: 'MiB/s',
        lowerIsBetter: false,
        samples: samples.raw,
        iterations: samples.raw.map(() => samples.messagesPerBatch),
        metrics: pairedMetrics(samples),
        details: { frameBytes: PAYLOAD_BYTES[ctx.param!], framedPayloadBytes: samples.framedPayloadBytes, child: 'bin/passthrough.ts', messagesPerBatch: samples.messagesPerBatch, inFlight: 1 },
      };
    },
    teardown: (pair) => stopEchoPair(pair),
  });
});
