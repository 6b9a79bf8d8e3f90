import type { Metric } from '@workflow-bench/bench-kit';
import { percentile } from './percentile.ts';

export function latencyMetrics(latenciesNs: readonly number[]): Record<string, Metric> {
  return {
    p50: { value: percentile(latenciesNs, 50), unit: 'ns', note: 'per-request round trip, nearest rank' },
    p99: { value: percentile(latenciesNs, 99), unit: 'ns', note: 'per-request round trip, nearest rank' },
  };
}
