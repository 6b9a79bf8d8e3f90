import type { Executor } from './driver/executors.ts';
import type { ThresholdSpec } from './driver/thresholds.ts';
import { loadProfile, type ProfileName } from './profiles/load-profiles.ts';
import { testTypeShape, type TestType } from './profiles/test-types.ts';
import { isTrafficPattern, trafficPatternExecutor, type TrafficPattern } from './profiles/traffic-patterns.ts';
import { markingScenario, type MarkingData, type MarkingScenarioName, type MarkingScenarioOptions } from './scenarios/marking-scenarios.ts';
import type { Scenario } from './scenarios/scenario.ts';

export interface LoadPlanOptions extends MarkingScenarioOptions {
  /** A marking scenario, or a traffic pattern (burst, sustained) that runs the mixed scenario. */
  scenario: MarkingScenarioName | TrafficPattern;
  profile?: ProfileName;
  testType?: TestType;
  /** Total duration in s (test types are scaled to it, keeping their shape). */
  durationS?: number;
  /** Open model: iterations per second. */
  rate?: number;
  /** Closed model: virtual users (open model: the cap on concurrent iterations). */
  vus?: number;
  /** Full-size profiles and test types instead of the 2-core defaults. */
  full?: boolean;
  /** Use the profile's think time between iterations (closed model). */
  think?: boolean;
}

export interface LoadPlan {
  scenario: Scenario<MarkingData>;
  executor: Executor;
  thresholds: ThresholdSpec;
  thinkTimeMs?: readonly [number, number];
  /** One line saying what will run. */
  description: string;
}

const DEFAULT_THRESHOLDS: ThresholdSpec = { http_req_failed: ['rate<0.01'] };

/**
 * Turns CLI-style choices into a scenario and an executor. Precedence: an explicit rate (open
 * model) > a test type (VU stages) > a traffic pattern > the profile's users for a fixed time.
 */
export function buildLoadPlan(o: LoadPlanOptions): LoadPlan {
  const profile = loadProfile(o.profile ?? 'light', { full: o.full });
  const pattern = isTrafficPattern(o.scenario) ? o.scenario : undefined;
  const scenario = markingScenario(pattern ? 'mixed' : (o.scenario as MarkingScenarioName), o);
  let executor: Executor;
  let thresholds = DEFAULT_THRESHOLDS;
  if (o.rate !== undefined && pattern !== 'burst') {
    executor = { type: 'constant-arrival-rate', rate: o.rate, durationS: o.durationS ?? 10, maxVUs: o.vus ?? Math.max(profile.users, 100) };
  } else if (o.testType) {
    const shape0 = testTypeShape(o.testType, { full: o.full });
    const total = shape0.stages.reduce((s, st) => s + st.durationS, 0);
    const shape = o.durationS ? testTypeShape(o.testType, { full: o.full, timeScale: o.durationS / total }) : shape0;
    executor = { type: 'ramping-vus', startVUs: shape.startVUs, stages: shape.stages };
    thresholds = shape.thresholds;
  } else if (pattern) {
    executor = trafficPatternExecutor(pattern, { rate: o.rate, durationS: o.durationS, maxVUs: o.vus, full: o.full });
  } else {
    executor = { type: 'constant-vus', vus: o.vus ?? profile.users, durationS: o.durationS ?? 10 };
  }
  const thinkTimeMs = o.think ? profile.thinkTimeMs : undefined;
  const what =
    executor.type === 'constant-vus' ? `${executor.vus} VUs for ${executor.durationS} s`
    : executor.type === 'constant-arrival-rate' ? `${executor.rate} it/s for ${executor.durationS} s (max ${executor.maxVUs} VUs)`
    : executor.type === 'ramping-vus' ? `ramping VUs ${executor.startVUs} → ${executor.stages.map((s) => `${s.target}@${s.durationS}s`).join(' → ')}`
    : `ramping arrival rate ${executor.startRate} → ${executor.stages.map((s) => `${s.target}/s@${s.durationS}s`).join(' → ')}`;
  return {
    scenario,
    executor,
    thresholds,
    thinkTimeMs,
    description: `${pattern ?? scenario.name}${o.testType ? ` (${o.testType} test)` : ''}: ${what}${thinkTimeMs ? `, think ${thinkTimeMs[0]}-${thinkTimeMs[1]} ms` : ''}`,
  };
}
