/**
 * k6 smoke test of the marking API (scenario from SCENARIO: workflow, submit, status, feedback, mixed).
 *   k6 run -e BASE_URL=http://127.0.0.1:3000 --summary-export summary.json dist/smoke.js
 */
import { iteration, seed } from './lib/marking.ts';
import { testTypeOptions } from './lib/options.ts';

export const options = testTypeOptions('smoke');

export function setup(): { ids: string[] } {
  return { ids: seed(Number(__ENV.SEEDED || '10')) };
}

export default function (data: { ids: string[] }): void {
  iteration(data.ids);
}
