import type { Executor } from '../driver/executors.ts';

/** Open-model traffic patterns of the seed: a burst on a base rate, and a long steady rate. */
export type TrafficPattern = 'burst' | 'sustained';
export const TRAFFIC_PATTERNS: readonly TrafficPattern[] = ['burst', 'sustained'];

export interface TrafficPatternOptions {
  /** Base arrival rate in iterations/s (default 50 burst, 100 sustained). */
  rate?: number;
  /** Total duration in s (default 12 burst, 30 sustained; full size: 60 and 600). */
  durationS?: number;
  /** Upper bound on concurrent iterations (default 200). */
  maxVUs?: number;
  full?: boolean;
}

/**
 * burst: base rate, a fast rise to 5x, a plateau, back to base (ramping arrival rate);
 * sustained: one constant arrival rate for the whole run.
 */
export function trafficPatternExecutor(pattern: TrafficPattern, o: TrafficPatternOptions = {}): Executor {
  const maxVUs = o.maxVUs ?? 200;
  if (pattern === 'sustained') {
    return { type: 'constant-arrival-rate', rate: o.rate ?? 100, durationS: o.durationS ?? (o.full ? 600 : 30), maxVUs };
  }
  const base = o.rate ?? 50;
  const total = o.durationS ?? (o.full ? 60 : 12);
  const u = total / 12;
  return {
    type: 'ramping-arrival-rate',
    startRate: base,
    maxVUs,
    stages: [
      { durationS: 3 * u, target: base },
      { durationS: 1 * u, target: base * 5 },
      { durationS: 3 * u, target: base * 5 },
      { durationS: 1 * u, target: base },
      { durationS: 4 * u, target: base },
    ],
  };
}

export function isTrafficPattern(s: string): s is TrafficPattern {
  return (TRAFFIC_PATTERNS as readonly string[]).includes(s);
}
