/**
 * Burst traffic (open model): a base arrival rate, a fast rise to 5x, a plateau, back to base.
 *   k6 run -e BASE_URL=... -e RATE=50 -e DURATION_S=12 dist/burst.js
 */
import type { Options } from 'k6/options';
import { perEndpointThresholds } from './lib/endpoints.ts';
import { iteration, seed, SUMMARY_TREND_STATS } from './lib/marking.ts';

const base = Number(__ENV.RATE || '50');
const u = Number(__ENV.DURATION_S || '12') / 12;
const s = (n: number) => `${Math.round(n * u * 1000)}ms`;

export const options: Options = {
  scenarios: {
    burst: {
      executor: 'ramping-arrival-rate',
      startRate: base,
      timeUnit: '1s',
      preAllocatedVUs: 50,
      maxVUs: Number(__ENV.MAX_VUS || '200'),
      stages: [
        { duration: s(3), target: base },
        { duration: s(1), target: base * 5 },
        { duration: s(3), target: base * 5 },
        { duration: s(1), target: base },
        { duration: s(4), target: base },
      ],
    },
  },
  thresholds: { http_req_failed: ['rate<0.05'], dropped_iterations: ['count<100'], ...perEndpointThresholds() },
  summaryTrendStats: SUMMARY_TREND_STATS,
};

export function setup(): { ids: string[] } {
  return { ids: seed(Number(__ENV.SEEDED || '10')) };
}

export default function (data: { ids: string[] }): void {
  iteration(data.ids);
}
