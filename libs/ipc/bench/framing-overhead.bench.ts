import { defineSuite, median, type Metric } from '@workflow-bench/bench-kit';
import { measurePaired, PAYLOAD_SIZES, startEchoPair, stopEchoPair, type EchoPair } from './support/paired-throughput.ts';

/**
 * Framed vs raw throughput for the same payloads, as a ratio (1 = framing costs nothing). Samples
 * are the per-pair ratios at 64 KiB (the goal's size); the other sizes' medians are metrics.
 */
export default defineSuite('framing-overhead', (s) => {
  s.bench<EchoPair>('', {
    kind: 'custom',
    setup: () => startEchoPair(),
    measure: async (pair, ctx) => {
      const metrics: Record<string, Metric> = {};
      let headline: number[] = [];
      for (const size of PAYLOAD_SIZES) {
        const samples = await measurePaired(pair, size, ctx);
        metrics[`ratio-${size}`] = { value: median(samples.ratios), unit: 'ratio', note: `median of per-pair framed/raw MiB/s, ${size} payloads` };
        metrics[`framed-MiB/s-${size}`] = { value: median(samples.framed), unit: 'MiB/s' };
        metrics[`raw-MiB/s-${size}`] = { value: median(samples.raw), unit: 'MiB/s' };
        if (size === '64KiB') headline = samples.ratios;
      }
      return {
        unit: 'ratio',
        lowerIsBetter: false,
        samples: headline,
        metrics,
        details: { headlineSize: '64KiB', framing: 'length', codec: 'msgpack' },
      };
    },
    teardown: (pair) => stopEchoPair(pair),
  });
  s.compare('ipc/framing-overhead', { ratioTo: 'the raw pipe (64 KiB payloads, batches interleaved)' });
});
