import { defineSuite } from '@workflow-bench/bench-kit';
import { measurePaired, pairedMetrics, PAYLOAD_BYTES, PAYLOAD_SIZES, startEchoPair, stopEchoPair, type EchoPair, type PayloadSize } from './support/paired-throughput.ts';

/**
 * MiB/s of payload echoed through the core server's pipes, framed (length-prefixed + msgpack),
 * measured in batches that alternate with batches through a bare passthrough child (the raw-pipe
 * anchor), so `ratio-to-raw` is paired against the same moment's machine.
 */
export default defineSuite('stdio-throughput', (s) => {
  s.bench<EchoPair, PayloadSize>('', {
    kind: 'custom',
    params: PAYLOAD_SIZES,
    setup: () => startEchoPair(),
    measure: async (pair, ctx) => {
      const samples = await measurePaired(pair, ctx.param!, ctx);
      return {
        unit: 'MiB/s',
        lowerIsBetter: false,
        samples: samples.framed,
        iterations: samples.framed.map(() => samples.messagesPerBatch),
        metrics: pairedMetrics(samples),
        details: { frameBytes: PAYLOAD_BYTES[ctx.param!], framedPayloadBytes: samples.framedPayloadBytes, framing: 'length', codec: 'msgpack', messagesPerBatch: samples.messagesPerBatch, inFlight: 1 },
      };
    },
    teardown: (pair) => stopEchoPair(pair),
  });

  for (const size of PAYLOAD_SIZES) s.compare(`ipc/stdio-throughput/${size}`, `ipc/raw-pipe/${size}`);
  s.goal({
    name: 'framed stdio throughput >= 70% of the raw pipe (64 KiB frames)',
    description:
      'Median of per-pair ratios framed/raw for 64 KiB echoes, framed and raw batches interleaved in the same benchmark so both see the same machine noise.',
    unit: 'ratio',
    target: 0.7,
    comparison: '>=',
    benchmarks: ['ipc/stdio-throughput/64KiB'],
    actual: (r) => r.metric('ipc/stdio-throughput/64KiB', 'ratio-to-raw'),
  });
});
