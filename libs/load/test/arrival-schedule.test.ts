import { describe, expect, it } from 'vitest';
import { ArrivalSchedule } from '../src/driver/arrival-schedule.ts';
import { validateExecutor, ExecutorError } from '../src/driver/executors.ts';
import { testTypeShape, TEST_TYPES } from '../src/profiles/test-types.ts';
import { trafficPatternExecutor } from '../src/profiles/traffic-patterns.ts';

describe('arrival schedule (open model)', () => {
  it('spaces a constant rate evenly from the start time', () => {
    const s = ArrivalSchedule.constant(100, 2);
    expect(s.totalIterations).toBe(200);
    expect(s.dueAtS(0)).toBe(0);
    expect(s.dueAtS(1)).toBeCloseTo(0.01, 9);
    expect(s.dueAtS(150)).toBeCloseTo(1.5, 9);
    expect(s.dueAtS(200)).toBeUndefined();
  });

  it('integrates a ramp: a linear rise from 0 to 100/s over 2 s is due at t = sqrt(k/25)', () => {
    const s = new ArrivalSchedule(0, [{ durationS: 2, target: 100 }]);
    expect(s.totalIterations).toBe(100);
    for (const k of [1, 25, 64, 99]) expect(s.dueAtS(k)).toBeCloseTo(Math.sqrt(k / 25), 6);
    expect(s.rateAt(1)).toBeCloseTo(50);
  });

  it('keeps due times increasing across stages, ramps down included', () => {
    const s = new ArrivalSchedule(10, [
      { durationS: 1, target: 50 },
      { durationS: 1, target: 50 },
      { durationS: 1, target: 0 },
    ]);
    let last = -1;
    for (let k = 0; k < s.totalIterations; k++) {
      const t = s.dueAtS(k)!;
      expect(t).toBeGreaterThan(last);
      last = t;
    }
    expect(last).toBeLessThanOrEqual(3);
  });
});

describe('executors, test types and traffic patterns', () => {
  it('validates executors with errors naming the field', () => {
    expect(() => validateExecutor({ type: 'constant-vus', vus: 0, durationS: 1 })).toThrow(ExecutorError);
    expect(() => validateExecutor({ type: 'ramping-vus', startVUs: 0, stages: [] })).toThrow(/stages/);
    expect(() => validateExecutor({ type: 'constant-arrival-rate', rate: 10, durationS: 1, maxVUs: -1 })).toThrow(/maxVUs/);
  });

  it('has the five test types, scaled by default and full size behind a flag', () => {
    for (const t of TEST_TYPES) {
      const scaled = testTypeShape(t);
      const full = testTypeShape(t, { full: true });
      const total = (s: typeof scaled) => s.stages.reduce((a, st) => a + st.durationS, 0);
      expect(total(full)).toBeGreaterThan(total(scaled));
      expect(Math.max(...full.stages.map((s) => s.target))).toBeGreaterThanOrEqual(Math.max(...scaled.stages.map((s) => s.target)));
    }
    expect(testTypeShape('spike').stages.at(-1)!.target).toBe(0);
  });

  it('builds burst (5x surge) and sustained (constant) open-model executors', () => {
    const burst = trafficPatternExecutor('burst', { rate: 10, durationS: 12 });
    expect(burst.type).toBe('ramping-arrival-rate');
    if (burst.type === 'ramping-arrival-rate') expect(Math.max(...burst.stages.map((s) => s.target))).toBe(50);
    expect(trafficPatternExecutor('sustained', { rate: 7 })).toMatchObject({ type: 'constant-arrival-rate', rate: 7 });
  });
});
