import type { CustomMeasurement, Metric } from '@workflow-bench/bench-kit';
import type { LoadResult } from '../../src/results/load-result.ts';

/** Environment switch for full-size load benchmarks (seed-sized profiles and long runs). */
export function loadBenchFull(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LOAD_FULL === '1' || env.LOAD_FULL === 'true';
}

const ms = (value: number, note?: string): Metric => ({ value, unit: 'ms', ...(note ? { note } : {}) });
/** Only figures the tool gave: a statistic it did not report (NaN) is left out, not written as a number. */
const known = (metrics: Record<string, Metric>): Record<string, Metric> => Object.fromEntries(Object.entries(metrics).filter(([, m]) => Number.isFinite(m.value)));
const count = (value: number, note?: string): Metric => ({ value, unit: 'count', ...(note ? { note } : {}) });

/**
 * A load result as a bench-kit custom measurement.
 *
 * Samples are the per-second request rates of the measured run (requests/s, higher is better),
 * so the estimate is the median second's throughput with a CI over seconds; the latency
 * percentiles (from the run's HDR histogram), errors and dropped iterations are metrics. A
 * trailing partial second shorter than half a second is left out of the samples.
 */
export function toCustomMeasurement(r: LoadResult, extra: { metrics?: Record<string, Metric>; details?: Record<string, string | number | boolean>; warnings?: string[] } = {}): CustomMeasurement {
  const full = r.intervals.filter((iv, i) => i < r.intervals.length - 1 || r.durationS - iv.second >= 0.5);
  const samples = full.map((iv) => iv.requestsPerSecond);
  if (samples.length === 0) samples.push(r.requestsPerSecond);
  const fiveXX = Object.entries(r.statusCodes).reduce((s, [code, n]) => s + (Number(code) >= 500 ? n : 0), 0);
  const networkErrors = Object.values(r.errors).reduce((a, b) => a + b, 0);
  const warnings = [...(r.driver?.warnings ?? []), ...(extra.warnings ?? [])];
  if (fiveXX > 0) warnings.push(`${fiveXX} answers were 5xx`);
  return {
    unit: 'requests/s',
    lowerIsBetter: false,
    samples,
    metrics: known({
      requests_per_second: { value: r.requestsPerSecond, unit: 'requests/s', note: 'whole run: requests / duration' },
      p50: ms(r.latencyMs.p50),
      p90: ms(r.latencyMs.p90),
      p95: ms(r.latencyMs.p95),
      p99: ms(r.latencyMs.p99),
      max: ms(r.latencyMs.max),
      requests: count(r.requests),
      errors: count(r.failures, 'network errors plus statuses >= 400'),
      server_5xx: count(fiveXX),
      network_errors: count(networkErrors),
      dropped_iterations: count(r.droppedIterations),
      ...(r.driver ? { driver_cpu: { value: r.driver.cpuPercent, unit: '%', note: 'load driver CPU, % of one core' }, driver_event_loop_lag_p99: ms(r.driver.eventLoopLagP99Ms) } : {}),
      ...extra.metrics,
    }),
    details: { tool: r.tool, ...(r.client ? { client: r.client } : {}), scenario: r.scenario, durationS: Number(r.durationS.toFixed(3)), ...extra.details },
    warnings,
  };
}
