import { describe, expect, it } from 'vitest';
import { judgeLeak } from '../src/memory/leak-check.ts';
import { theilSenSlope } from '../src/memory/theil-sen.ts';

const MiB = 1024 * 1024;

describe('Theil–Sen slope', () => {
  it('recovers a line and ignores one outlier', () => {
    const x = [0, 1, 2, 3, 4, 5, 6];
    expect(theilSenSlope(x, x.map((v) => 3 * v + 1))).toBe(3);
    expect(theilSenSlope(x, [1, 4, 7, 1000, 13, 16, 19])).toBe(3);
    expect(theilSenSlope([1], [1])).toBe(0);
    expect(() => theilSenSlope([1, 2], [1])).toThrow(RangeError);
  });
});

describe('judgeLeak', () => {
  it('flags a heap that keeps growing', () => {
    const v = judgeLeak([20, 22, 24, 26, 28, 30, 32, 34].map((m) => m * MiB));
    expect(v.leak).toBe(true);
    expect(v.slopeBytesPerRound).toBe(2 * MiB);
    expect(v.growthBytes).toBe(12 * MiB);
  });

  it('passes a heap that wobbles around a level', () => {
    const v = judgeLeak([20, 30.1, 30.3, 29.9, 30.2, 30.0, 30.1, 29.8].map((m) => m * MiB));
    expect(v.leak).toBe(false);
  });

  it('passes growth during warm-up that then settles', () => {
    const v = judgeLeak([10, 25, 25.1, 25.1, 25.2, 25.2].map((m) => m * MiB), { warmUpRounds: 1 });
    expect(v.leak).toBe(false);
  });

  it('passes slow growth under the threshold, flags it when the threshold is lowered', () => {
    const heap = [30, 30.05, 30.1, 30.15, 30.2, 30.25].map((m) => m * MiB);
    expect(judgeLeak(heap).leak).toBe(false);
    expect(judgeLeak(heap, { minGrowthBytes: 64 * 1024, minGrowthRatio: 0 }).leak).toBe(true);
  });

  it('needs at least three measured rounds', () => {
    expect(() => judgeLeak([1, 2, 3])).toThrow(/at least 3 measured rounds/);
  });
});
