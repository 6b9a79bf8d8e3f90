import type { Options } from 'k6/options';
import { testTypeShape, type TestType } from '../../../src/profiles/test-types.ts';
import { perEndpointThresholds } from './endpoints.ts';
import { SUMMARY_TREND_STATS } from './marking.ts';

/**
 * k6 options for one of the five test types, from the same shapes the embedded driver uses.
 * K6_FULL=1 gives the documented full size; TIME_SCALE multiplies every stage's duration.
 */
export function testTypeOptions(type: TestType): Options {
  const shape = testTypeShape(type, { full: __ENV.K6_FULL === '1', timeScale: __ENV.TIME_SCALE ? Number(__ENV.TIME_SCALE) : undefined });
  return {
    stages: shape.stages.map((s) => ({ duration: `${Math.round(s.durationS * 1000)}ms`, target: s.target })),
    ...(shape.startVUs > 0 ? { vus: shape.startVUs } : {}),
    thresholds: { ...shape.thresholds, ...perEndpointThresholds() },
    summaryTrendStats: SUMMARY_TREND_STATS,
    setupTimeout: '60s',
  };
}
