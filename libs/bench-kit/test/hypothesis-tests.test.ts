import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  bootstrapMeanDifference,
  mannWhitney,
  mean,
  permutationTest,
  seededRandom,
  welchTest,
} from '../src/stats/index.ts';

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

describe('two-sample bootstrap', () => {
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

describe("Welch's t-test", () => {
  it("textbook value, and perfectly repeatable values", () => {
    // x = 1..5, y = 3..7: t = 2/sqrt(2.5/5 + 2.5/5) = 2, df = 8, two-sided p = 0.08051623795726257 (R: t.test)
    const r = welchTest([1, 2, 3, 4, 5], [3, 4, 5, 6, 7]);
    expect(r.t).toBeCloseTo(2, 12);
    expect(r.df).toBeCloseTo(8, 12);
    expect(r.p).toBeCloseTo(0.08051623795726257, 9);
    expect(welchTest([5, 5, 5], [5, 5, 5]).p).toBe(1);
    expect(welchTest([5, 5, 5], [6, 6, 6]).p).toBe(0);
  });
});
