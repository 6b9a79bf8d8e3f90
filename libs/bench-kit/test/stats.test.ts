import { describe, expect, it } from 'vitest';
import {
  bootstrapCI,
  bootstrapPairedCI,
  countOutliers,
  mad,
  mean,
  median,
  normal,
  quantile,
  rSquared,
  seededRandom,
  slopeThroughOrigin,
  stdDev,
  tukeyFences,
  classify,
} from '../src/stats/index.ts';

describe('descriptive statistics', () => {
  it('computes mean, median, quantiles, sd and MAD on known data', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(mean(xs)).toBe(5.5);
    expect(median(xs)).toBe(5.5);
    expect(quantile(xs, 0)).toBe(1);
    expect(quantile(xs, 1)).toBe(10);
    expect(quantile(xs, 0.75)).toBeCloseTo(7.75, 10);
    expect(stdDev(xs)).toBeCloseTo(3.0276503540974917, 12);
    // |x - 5.5| has median 2.5; scaled by 1.4826.
    expect(mad(xs)).toBeCloseTo(2.5 * 1.4826, 10);
  });
});

describe('bootstrap', () => {
  it('95% CI of the mean of a seeded normal sample covers the true mean', () => {
    const random = seededRandom(42);
    const xs = Array.from({ length: 200 }, () => normal(random, 100, 10));
    const ci = bootstrapCI(xs, mean);
    expect(ci.lower).toBeLessThan(100);
    expect(ci.upper).toBeGreaterThan(100);
    expect(ci.upper - ci.lower).toBeLessThan(6); // ≈ 2·1.96·10/√200 ≈ 2.8
  });

  it('covers the true mean in about 95% of repeated experiments', () => {
    const random = seededRandom(7);
    let covered = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const xs = Array.from({ length: 40 }, () => normal(random, 0, 1));
      const ci = bootstrapCI(xs, mean, { resamples: 2000, seed: t });
      if (ci.lower <= 0 && ci.upper >= 0) covered++;
    }
    // The percentile bootstrap is slightly anti-conservative for n = 40; 88-99% is the right range.
    expect(covered / trials).toBeGreaterThan(0.88);
    expect(covered / trials).toBeLessThan(0.995);
  });

  it('is reproducible for a seed', () => {
    const xs = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    expect(bootstrapCI(xs, median, { seed: 1 })).toEqual(bootstrapCI(xs, median, { seed: 1 }));
  });
});

describe('linear regression', () => {
  it('recovers a known per-iteration cost from synthetic linear samples', () => {
    const random = seededRandom(3);
    const perIteration = 125; // ns
    const overhead = 400; // ns of fixed cost per sample
    const iterations = Array.from({ length: 50 }, (_, i) => (i + 1) * 1000);
    const times = iterations.map((n) => overhead + n * perIteration * (1 + normal(random, 0, 0.02)));
    const b = slopeThroughOrigin(iterations, times);
    expect(b).toBeGreaterThan(perIteration * 0.98);
    expect(b).toBeLessThan(perIteration * 1.02);
    expect(rSquared(iterations, times, b)).toBeGreaterThan(0.99);
    const ci = bootstrapPairedCI(iterations, times, slopeThroughOrigin);
    expect(ci.lower).toBeLessThan(ci.upper);
    expect(ci.lower).toBeGreaterThan(perIteration * 0.97);
    expect(ci.upper).toBeLessThan(perIteration * 1.03);
  });
});

describe('Tukey outliers', () => {
  it('classifies a crafted sample', () => {
    // Quartiles of 1..20 are 5.75 and 15.25: IQR 9.5, mild fences -8.5/29.5, severe -22.75/43.75.
    const base = Array.from({ length: 20 }, (_, i) => i + 1);
    const fences = tukeyFences(base);
    expect(fences.highMild).toBeCloseTo(29.5, 10);
    expect(fences.highSevere).toBeCloseTo(43.75, 10);
    expect(classify(30, fences)).toBe('high-mild');
    expect(classify(50, fences)).toBe('high-severe');
    expect(classify(-10, fences)).toBe('low-mild');
    expect(classify(-30, fences)).toBe('low-severe');
    expect(classify(10, fences)).toBe('normal');
    const counts = countOutliers([...base, 1000]);
    expect(counts.highSevere).toBe(1);
    expect(counts.highMild + counts.lowMild + counts.lowSevere).toBe(0);
  });
});
