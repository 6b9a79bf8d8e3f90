import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../src/verdict/benjamini-hochberg.ts';
import { bootstrapMeanDifference } from '../src/verdict/bootstrap.ts';
import { classify } from '../src/verdict/classify.ts';
import { expandedTail } from '../src/verdict/expanded-percentile.ts';
import { mannWhitney } from '../src/verdict/mann-whitney.ts';
import { DEFAULT_POLICY } from '../src/verdict/outcome.ts';
import { permutationTest } from '../src/verdict/permutation.ts';
import { normalQuantile, studentTQuantile } from '../src/verdict/student-t.ts';
import { blockUnits, chooseUnits, splitRounds } from '../src/verdict/units.ts';
import { mean, seededRandom } from '@workflow-bench/bench-kit';

describe('Mann-Whitney U', () => {
  it('matches the textbook normal approximation with continuity correction', () => {
    const r = mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(r.u).toBe(25);
    // z = (25 - 12.5 - 0.5) / sqrt(25 * 11 / 12) = 2.5067; two-sided p = 0.0122 (scipy asymptotic)
    expect(r.z).toBeCloseTo(2.5067, 3);
    expect(r.p).toBeCloseTo(0.0122, 3);
  });

  it('is symmetric and gives p = 1 for identical samples', () => {
    expect(mannWhitney([3, 3, 3], [3, 3, 3]).p).toBe(1);
    const a = mannWhitney([1, 4, 6, 9], [2, 3, 8, 10, 12]);
    const b = mannWhitney([2, 3, 8, 10, 12], [1, 4, 6, 9]);
    expect(a.p).toBeCloseTo(b.p, 12);
  });

  it('its tie-corrected variance equals the exact permutation variance of U', () => {
    const x = [1, 1, 2, 2, 3];
    const y = [2, 3, 3, 4];
    const pooled = [...x, ...y];
    // Enumerate every relabeling, compute U each time, and compare the variance with the formula.
    const us: number[] = [];
    const n = y.length;
    const N = pooled.length;
    const idx = Array.from({ length: n }, (_, i) => i);
    for (;;) {
      const chosen = new Set(idx);
      const yy = idx.map((i) => pooled[i]);
      const xx = pooled.filter((_, i) => !chosen.has(i));
      us.push(mannWhitney(xx, yy).u);
      let i = n - 1;
      while (i >= 0 && idx[i] === N - n + i) i--;
      if (i < 0) break;
      idx[i]++;
      for (let j = i + 1; j < n; j++) idx[j] = idx[j - 1] + 1;
    }
    const m = mean(us);
    const exactVar = us.reduce((a, u) => a + (u - m) ** 2, 0) / us.length;
    const tieTerm = [2, 3, 3].reduce((a, t) => a + t ** 3 - t, 0); // ties: 1×2, 2×3, 3×3
    const formula = ((x.length * n) / 12) * (N + 1 - tieTerm / (N * (N - 1)));
    expect(exactVar).toBeCloseTo(formula, 10);
  });
});

describe('permutation test', () => {
  it('is exact for small samples: the most extreme of 20 relabelings in each tail gives p = 0.1', () => {
    const r = permutationTest([1, 2, 3], [4, 5, 6]);
    expect(r.exact).toBe(true);
    expect(r.permutations).toBe(20);
    expect(r.p).toBeCloseTo(0.1, 12);
  });

  it('falls back to a seeded Monte-Carlo estimate for large samples, reproducibly', () => {
    const random = seededRandom(7);
    const x = Array.from({ length: 30 }, () => random());
    const y = Array.from({ length: 30 }, () => random() + 0.5);
    const a = permutationTest(x, y, { seed: 1 });
    const b = permutationTest(x, y, { seed: 1 });
    expect(a.exact).toBe(false);
    expect(a.p).toBe(b.p);
    expect(a.p).toBeLessThan(0.001);
    expect(a.p).toBeGreaterThan(0); // (1 + hits) / (1 + resamples) never claims p = 0
  });
});

describe('Benjamini-Hochberg', () => {
  it('adjusts step-up and keeps input order; NaN (no test) is passed through', () => {
    const adj = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, NaN]);
    expect(adj.slice(0, 4).map((x) => Number(x.toFixed(6)))).toEqual([0.02, 0.04, 0.04, 0.02]);
    expect(adj[4]).toBeNaN();
  });
});

describe('quantiles and the expanded percentile bootstrap', () => {
  it('computes Student t and normal quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(studentTQuantile(0.975, 6)).toBeCloseTo(2.4469, 2);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0423, 3);
  });

  it('widens small-sample intervals and converges to the plain percentile interval', () => {
    expect(expandedTail(0.95, 5)).toBeLessThan(0.01);
    expect(expandedTail(0.95, 1000)).toBeCloseTo(0.025, 3);
  });

  it('bootstraps the difference of means reproducibly', () => {
    const x = [10, 11, 9, 10.5, 9.5, 10.2];
    const y = [12, 12.5, 11.5, 12.2, 11.8, 12.1];
    const a = bootstrapMeanDifference(x, y, { seed: 3 });
    expect(a).toEqual(bootstrapMeanDifference(x, y, { seed: 3 }));
    expect(a.point).toBeCloseTo(mean(y) - mean(x), 12);
    expect(a.lower).toBeGreaterThan(1);
    expect(a.upper).toBeLessThan(3);
    expect(a.point).toBeCloseTo(2.0, 1);
  });
});

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
