/**
 * The five k6 test types as VU stage shapes. Pure data (no Node imports): the k6 scripts bundle
 * this file too.
 *
 * `full` follows the shapes in k6's documentation (minutes to hours); the default is scaled to a
 * 2-core machine shared by the driver and the server: about a tenth of the users and seconds
 * instead of minutes, keeping each shape (ramp, plateau, spike, long plateau).
 */
export type TestType = 'smoke' | 'load' | 'stress' | 'spike' | 'soak';

export interface VuStage {
  durationS: number;
  target: number;
}

export interface TestTypeShape {
  type: TestType;
  description: string;
  startVUs: number;
  stages: readonly VuStage[];
  /** Thresholds suited to the test type (k6 syntax). */
  thresholds: Record<string, string[]>;
}

export const TEST_TYPES: readonly TestType[] = ['smoke', 'load', 'stress', 'spike', 'soak'];

const m = 60;
const h = 3600;

const SHAPES: Record<TestType, { description: string; full: VuStage[]; scaled: VuStage[]; thresholds: Record<string, string[]> }> = {
  smoke: {
    description: 'minimal load: does the system work at all',
    full: [{ durationS: 1 * m, target: 3 }],
    scaled: [{ durationS: 10, target: 1 }],
    thresholds: { http_req_duration: ['p(95)<500'], http_req_failed: ['rate<0.01'] },
  },
  load: {
    description: 'average load: ramp up, hold, ramp down',
    full: [
      { durationS: 5 * m, target: 100 },
      { durationS: 30 * m, target: 100 },
      { durationS: 5 * m, target: 0 },
    ],
    scaled: [
      { durationS: 10, target: 20 },
      { durationS: 40, target: 20 },
      { durationS: 10, target: 0 },
    ],
    thresholds: { http_req_duration: ['p(95)<500', 'p(99)<1000'], http_req_failed: ['rate<0.01'] },
  },
  stress: {
    description: 'above-average load: where does it degrade',
    full: [
      { durationS: 10 * m, target: 200 },
      { durationS: 30 * m, target: 200 },
      { durationS: 5 * m, target: 0 },
    ],
    scaled: [
      { durationS: 10, target: 40 },
      { durationS: 40, target: 40 },
      { durationS: 10, target: 0 },
    ],
    thresholds: { http_req_duration: ['p(95)<1000'], http_req_failed: ['rate<0.05'] },
  },
  spike: {
    description: 'a sudden surge with no plateau',
    full: [
      { durationS: 2 * m, target: 2000 },
      { durationS: 1 * m, target: 0 },
    ],
    scaled: [
      { durationS: 10, target: 200 },
      { durationS: 5, target: 0 },
    ],
    thresholds: { http_req_failed: ['rate<0.1'] },
  },
  soak: {
    description: 'average load held for a long time: leaks and drift',
    full: [
      { durationS: 5 * m, target: 100 },
      { durationS: 8 * h, target: 100 },
      { durationS: 5 * m, target: 0 },
    ],
    scaled: [
      { durationS: 10, target: 20 },
      { durationS: 5 * m, target: 20 },
      { durationS: 10, target: 0 },
    ],
    thresholds: { http_req_duration: ['p(95)<500'], http_req_failed: ['rate<0.01'] },
  },
};

export interface TestTypeOptions {
  /** The documented full size instead of the 2-core default. */
  full?: boolean;
  /** Multiply every stage duration (e.g. 0.1 for a quick check); default 1. */
  timeScale?: number;
}

export function testTypeShape(type: TestType, options: TestTypeOptions = {}): TestTypeShape {
  const s = SHAPES[type];
  if (!s) throw new TypeError(`unknown test type '${type}' (known: ${TEST_TYPES.join(', ')})`);
  const scale = options.timeScale ?? 1;
  const stages = (options.full ? s.full : s.scaled).map((st) => ({ durationS: Math.max(0.5, st.durationS * scale), target: st.target }));
  return { type, description: s.description, startVUs: type === 'smoke' ? stages[0].target : 0, stages, thresholds: s.thresholds };
}

export function isTestType(s: string): s is TestType {
  return (TEST_TYPES as readonly string[]).includes(s);
}
