import { describe, expect, it } from 'vitest';
import { classify } from '../src/verdict/classify.ts';
import { DEFAULT_POLICY } from '../src/verdict/outcome.ts';
import { blockUnits, chooseUnits, splitRounds } from '../src/verdict/units.ts';

describe('units', () => {
  it('cuts blocks inside rounds when the samples split evenly', () => {
    expect(splitRounds([1, 2, 3, 4, 5, 6], 2)).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(splitRounds([1, 2, 3, 4, 5], 2)).toEqual([[1, 2, 3, 4, 5]]);
    expect(blockUnits([1, 1, 2, 2, 100], 2).map(Math.exp)).toEqual([1, 2]); // tail folded into the last block, median tames the outlier
  });

  it('cuts at the recorded round boundaries (roundSampleCounts) when rounds differ in length', () => {
    expect(splitRounds([1, 2, 3, 4, 5, 6, 7], 3, [2, 4, 1])).toEqual([[1, 2], [3, 4, 5, 6], [7]]);
    expect(splitRounds([1, 2, 3], 2, [1, 1])).toEqual([[1, 2, 3]]); // counts that do not add up are ignored
    // Round 1: 7 samples at 100, round 2: 13 at 200 (a process-to-process offset). The even split
    // (10 + 10) would put a block across the boundary, whose median (150) belongs to neither round.
    const samples = [...Array(7).fill(100), ...Array(13).fill(200)];
    const side = { samples, roundEstimates: [100, 200], roundSampleCounts: [7, 13] };
    const units = chooseUnits(side, side);
    expect(units.kind).toBe('blocks');
    expect(new Set(units.base.map((u) => Math.round(Math.exp(u))))).toEqual(new Set([100, 200]));
    const even = chooseUnits({ samples, roundEstimates: [100, 200] }, { samples, roundEstimates: [100, 200] });
    expect(even.base.map((u) => Math.round(Math.exp(u)))).toContain(150);
  });

  it('uses round estimates only when both sides have enough rounds', () => {
    const samples = Array.from({ length: 60 }, (_, i) => 100 + (i % 7));
    const six = [100, 101, 102, 103, 104, 105];
    expect(chooseUnits({ samples, roundEstimates: six }, { samples, roundEstimates: six }).kind).toBe('rounds');
    expect(chooseUnits({ samples, roundEstimates: six }, { samples, roundEstimates: [1, 2] }).kind).toBe('blocks');
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
