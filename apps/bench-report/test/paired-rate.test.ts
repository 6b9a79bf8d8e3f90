import { normal, seededRandom, type PairedBenchmarkResult, type PairedRound } from '@workflow-bench/bench-kit';
import { describe, expect, it } from 'vitest';
import { evaluatePaired, quadLogRatios } from '../src/verdict/paired.ts';

/**
 * Interference only ever makes code slower: it adds time to a time-like sample and lowers a rate.
 * So the less disturbed sample of a quad's side is the smaller time, or the larger rate (a custom
 * benchmark's requests/s or MiB/s, higher is better).
 */
const round = (base: number[], head: number[]): PairedRound => ({
  process: 1,
  firstSide: 'base',
  base,
  head,
  baseIterations: base.map(() => 1),
  headIterations: head.map(() => 1),
  quadOrder: base.filter((_, i) => i % 2 === 0).map(() => 'ABBA' as const),
});

/**
 * A rate benchmark (requests/s, higher is better) of R processes × Q quads, true rate `rate` on the
 * base side and `rate × (1 − drop)` on the head side, 1% noise per sample; on the head side one
 * sample of every quad is disturbed (a neighbour's burst: the rate falls by 30-60%).
 */
function rateBenchmark(seed: number, drop: number): PairedBenchmarkResult {
  const random = seededRandom(seed);
  const rate = 20_000;
  const rounds: PairedRound[] = [];
  for (let r = 0; r < 6; r++) {
    const level = Math.exp(normal(random, 0, 0.2));
    const base: number[] = [];
    const head: number[] = [];
    for (let q = 0; q < 5; q++) {
      const sample = () => rate * level * Math.exp(normal(random, 0, 0.01));
      base.push(sample(), sample());
      const disturbed = 0.4 + 0.3 * random();
      head.push(sample() * (1 - drop), sample() * (1 - drop) * disturbed);
    }
    rounds.push({ ...round(base, head), process: r + 1 });
  }
  return { id: 'sim/rate/requests', project: 'sim', group: 'rate', name: 'requests', presence: 'both', status: 'ok', kind: 'custom', unit: 'requests/s', lowerIsBetter: false, rounds, warnings: [], durationMs: 0 };
}

describe('paired quads: the less disturbed sample of a side', () => {
  it('is the smaller time and the larger rate', () => {
    const r = round([100, 140], [150, 100]);
    expect(quadLogRatios(r, true)).toEqual([Math.log(100 / 100)]);
    expect(quadLogRatios(r, false)).toEqual([Math.log(150 / 140)]);
  });

  it('a rate benchmark whose head samples are disturbed (one of each two lowered 30-60%) but not slower is not called regressed', () => {
    const [v] = evaluatePaired([rateBenchmark(1, 0)]);
    expect(v.outcome).toBe('unchanged');
    expect(Math.abs(v.comparison!.change.point)).toBeLessThan(0.01);
  });

  it('a rate 20% lower on the head side is regressed, its change measured on the undisturbed samples', () => {
    const [v] = evaluatePaired([rateBenchmark(2, 0.2)]);
    expect(v.outcome).toBe('regressed');
    expect(v.comparison!.change.point).toBeCloseTo(-0.2, 1);
  });
});
