/**
 * Sustained load (open model): one constant arrival rate for a long time.
 *   k6 run -e BASE_URL=... -e RATE=100 -e DURATION_S=600 dist/sustained.js
 */
import type { Options } from 'k6/options';
import { perEndpointThresholds } from './lib/endpoints.ts';
import { iteration, seed, SUMMARY_TREND_STATS } from './lib/marking.ts';

export const options: Options = {
  scenarios: {
    sustained: {
      executor: 'constant-arrival-rate',
      rate: Number(__ENV.RATE || '100'),
      timeUnit: '1s',
      duration: `${Number(__ENV.DURATION_S || '30')}s`,
      preAllocatedVUs: 50,
      maxVUs: Number(__ENV.MAX_VUS || '200'),
    },
  },
  thresholds: { http_req_duration: ['p(95)<500'], http_req_failed: ['rate<0.01'], ...perEndpointThresholds() },
  summaryTrendStats: SUMMARY_TREND_STATS,
};

export function setup(): { ids: string[] } {
  return { ids: seed(Number(__ENV.SEEDED || '10')) };
}

export default function (data: { ids: string[] }): void {
  iteration(data.ids);
}
