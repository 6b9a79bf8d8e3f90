import { describe, expect, it } from 'vitest';
import { classify } from '../src/verdict/classify.ts';
import { DEFAULT_POLICY } from '../src/verdict/outcome.ts';
import { roundLevels, splitRounds } from '../src/verdict/units.ts';

describe('units', () => {
  it('splits pooled samples back into rounds at the recorded boundaries (roundSampleCounts)', () => {
    expect(splitRounds([1, 2, 3, 4, 5, 6], 2)).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(splitRounds([1, 2, 3, 4, 5], 2)).toEqual([[1, 2, 3, 4, 5]]);
    expect(splitRounds([1, 2, 3, 4, 5, 6, 7], 3, [2, 4, 1])).toEqual([[1, 2], [3, 4, 5, 6], [7]]);
    expect(splitRounds([1, 2, 3], 2, [1, 1])).toEqual([[1, 2, 3]]); // counts that do not add up are ignored
  });

  it('a round level is the 20%-trimmed mean of its log samples: one 3x outlier does not move it', () => {
    // Round 1: 7 samples at 100, round 2: 13 at 200 (a process-to-process offset), plus one outlier.
    const samples = [...Array(7).fill(100), ...Array(12).fill(200), 600];
    const levels = roundLevels({ samples, roundEstimates: [100, 200], roundSampleCounts: [7, 13] }, { samples: [100, 100, 100, 100] });
    expect(levels.base.map((r) => Math.round(Math.exp(r.level)))).toEqual([100, 200]);
    expect(levels.base.map((r) => r.samples)).toEqual([7, 13]);
    expect(levels.base[0].withinVariance).toBe(0);
    expect(levels.current[0].withinVariance).toBe(0);
  });
});

describe('classify', () => {
  const policy = DEFAULT_POLICY;
  it('regressed needs significance and the whole CI above +threshold/2', () => {
    expect(classify({ point: 0.12, lower: 0.06, upper: 0.18 }, 0.001, 10, true, policy).outcome).toBe('regressed');
    expect(classify({ point: 0.12, lower: 0.04, upper: 0.18 }, 0.001, 10, true, policy).outcome).toBe('inconclusive');
    expect(classify({ point: 0.12, lower: 0.06, upper: 0.18 }, 0.2, 10, true, policy).outcome).toBe('inconclusive');
  });
  it('mirrors for improvements and for higher-is-better units', () => {
    expect(classify({ point: -0.12, lower: -0.18, upper: -0.06 }, 0.001, 10, true, policy).outcome).toBe('improved');
    expect(classify({ point: -0.12, lower: -0.18, upper: -0.06 }, 0.001, 10, false, policy).outcome).toBe('regressed');
  });
  it('unchanged when the CI lies inside ±threshold, with the reason stated', () => {
    const c = classify({ point: 0.01, lower: -0.03, upper: 0.05 }, 0.5, 10, true, policy);
    expect(c.outcome).toBe('unchanged');
    expect(c.reason).toMatch(/inside ±10.0%/);
    const i = classify({ point: 0.01, lower: -0.2, upper: 0.25 }, 0.9, 10, true, policy);
    expect(i.outcome).toBe('inconclusive');
    expect(i.reason).toMatch(/too noisy/);
  });
});
