import { defineSuite, median, type CustomMeasurement, type Metric } from '@workflow-bench/bench-kit';
import { measurePaired, pairedMetrics, PAYLOAD_BYTES, PAYLOAD_SIZES, startEchoPair, stopEchoPair, type EchoPair, type PairedSamples } from './support/paired-throughput.ts';

/**
 * One paired measurement, seven ids. For each frame size, batches of echoes through the core
 * server (length-prefixed + msgpack) alternate with batches through a bare passthrough child, so
 * both see the same moment's machine; the one run then serves
 *
 * - `ipc/stdio-throughput/<size>`: the framed side's MiB/s per batch,
 * - `ipc/raw-pipe/<size>`: the raw side's MiB/s per batch (the physical anchor),
 * - `ipc/framing-overhead`: the per-pair framed/raw ratios at 64 KiB (other sizes as metrics).
 *
 * (They used to be three bench files that ran the same paired measurement three times.)
 */
const outputs = {
  ...Object.fromEntries(PAYLOAD_SIZES.map((size) => [`framed-${size}`, { group: 'stdio-throughput', name: size }])),
  ...Object.fromEntries(PAYLOAD_SIZES.map((size) => [`raw-${size}`, { group: 'raw-pipe', name: size }])),
  overhead: { group: 'framing-overhead', name: '' },
};

function sideMeasurement(samples: PairedSamples, side: 'framed' | 'raw', details: Record<string, string | number>): CustomMeasurement {
  return {
    unit: 'MiB/s',
    lowerIsBetter: false,
    samples: samples[side],
    iterations: samples[side].map(() => samples.messagesPerBatch),
    metrics: pairedMetrics(samples),
    details: { framedPayloadBytes: samples.framedPayloadBytes, messagesPerBatch: samples.messagesPerBatch, inFlight: 1, ...details },
  };
}

export default defineSuite('stdio-throughput', (s) => {
  s.bench<EchoPair, string, keyof typeof outputs & string>('paired', {
    kind: 'custom',
    outputs,
    setup: () => startEchoPair(),
    measure: async (pair, ctx) => {
      const result: Record<string, CustomMeasurement> = {};
      const overhead: Record<string, Metric> = {};
      let headline: number[] = [];
      for (const size of PAYLOAD_SIZES) {
        const samples = await measurePaired(pair, size, ctx);
        result[`framed-${size}`] = sideMeasurement(samples, 'framed', { frameBytes: PAYLOAD_BYTES[size], framing: 'length', codec: 'msgpack' });
        result[`raw-${size}`] = sideMeasurement(samples, 'raw', { frameBytes: PAYLOAD_BYTES[size], child: 'bin/passthrough.ts' });
        overhead[`ratio-${size}`] = { value: median(samples.ratios), unit: 'ratio', note: `median of per-pair framed/raw MiB/s, ${size} payloads` };
        overhead[`framed-MiB/s-${size}`] = { value: median(samples.framed), unit: 'MiB/s' };
        overhead[`raw-MiB/s-${size}`] = { value: median(samples.raw), unit: 'MiB/s' };
        if (size === '64KiB') headline = samples.ratios;
      }
      result.overhead = { unit: 'ratio', lowerIsBetter: false, samples: headline, metrics: overhead, details: { headlineSize: '64KiB', framing: 'length', codec: 'msgpack' } };
      return result as Record<keyof typeof outputs & string, CustomMeasurement>;
    },
    teardown: (pair) => stopEchoPair(pair),
  });

  for (const size of PAYLOAD_SIZES) s.compare(`ipc/stdio-throughput/${size}`, `ipc/raw-pipe/${size}`);
  s.compare('ipc/framing-overhead', { ratioTo: 'the raw pipe (64 KiB payloads, batches interleaved)' });
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
