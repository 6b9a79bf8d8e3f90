import { mean, median, seededRandom, type Random } from '@workflow-bench/bench-kit';
import { describe, expect, it } from 'vitest';
import { roundLevels } from '../src/verdict/units.ts';
import { ISSUE_21_NOISE, processNoiseSide, RARE_LARGE_NOISE, type ProcessNoise } from './support/process-noise.ts';

/**
 * What other location estimators of round levels could give (issue 21; README "Measured accuracy").
 *
 * For each location estimator of a side's round levels (the engine's levels: 20%-trimmed means of 15
 * log samples), the null distribution of Δ = L(current) − L(baseline) is simulated from the
 * generator itself, and the interval is given the narrowest *fixed* width that is still valid:
 * wide enough that (a) it is a 95% interval, and (b) under no change at most 0.25% of benchmarks
 * clear the +5% floor (the issue's "≤ 5% of runs exiting 1" with 20 benchmarks a run). Power is the
 * share of 20% slowdowns whose interval then clears +5%. No real test can know the null
 * distribution; the mixture MLE is even told the mixture's exact rate, shift and spread. A fixed
 * width is still not the best a test can do (a width that follows each benchmark's own rounds can
 * beat it), so this ranks estimators like for like; it is not a ceiling.
 *
 * Slow (about two minutes under load), so only with BENCH_REPORT_ESTIMATOR_BOUND=1.
 */
const RUN = process.env.BENCH_REPORT_ESTIMATOR_BOUND === '1';
const REPS = Number(process.env.BENCH_REPORT_ESTIMATOR_REPS ?? 10_000);

function levels(random: Random, noise: ProcessNoise, rounds: number): number[] {
  const s = processNoiseSide(random, { value: 1000, samplesPerRound: 15, rounds, noise });
  return roundLevels(s, { samples: [1] }).base.map((r) => r.level);
}

const ascending = (x: readonly number[]) => [...x].sort((a, b) => a - b);
const phi = (z: number) => Math.exp((-z * z) / 2);

/** Location estimators of one side's round levels. `fastSd` is the spread of an undisturbed level. */
function estimators(noise: ProcessNoise, fastSd: number): Record<string, (x: number[]) => number> {
  const shift = Math.log1p(noise.slowCoreShift);
  const rate = noise.slowCoreRate;
  return {
    'mean (the engine)': mean,
    median,
    'lower half mean': (x) => mean(ascending(x).slice(0, Math.ceil(x.length / 2))),
    min: (x) => Math.min(...x),
    'one-sided Huber (c = 1.5)': (x) => {
      let mu = median(x);
      for (let i = 0; i < 100; i++) {
        const w = x.map((v) => ((v - mu) / fastSd > 1.5 ? (1.5 * fastSd) / (v - mu) : 1));
        mu = x.reduce((a, v, j) => a + w[j] * v, 0) / w.reduce((a, b) => a + b, 0);
      }
      return mu;
    },
    'mixture MLE (true rate, shift, spread)': (x) => {
      const lo = Math.min(...x) - shift - 3 * fastSd;
      const hi = Math.max(...x) + 3 * fastSd;
      let best = lo;
      let bestLogLik = -Infinity;
      for (let i = 0; i <= 600; i++) {
        const mu = lo + ((hi - lo) * i) / 600;
        let ll = 0;
        for (const v of x) ll += Math.log((1 - rate) * phi((v - mu) / fastSd) + rate * phi((v - mu - shift) / fastSd));
        if (ll > bestLogLik) {
          bestLogLik = ll;
          best = mu;
        }
      }
      return best;
    },
  };
}

/** Δ between two sides' estimates under no change, for every estimator (same draws for all). */
function nullDeltas(noise: ProcessNoise, rounds: number, seed: number): Record<string, number[]> {
  const random = seededRandom(seed);
  const fast = Array.from({ length: 4000 }, () => levels(random, { ...noise, slowCoreRate: 0 }, 1)[0]);
  const m = mean(fast);
  const fastSd = Math.sqrt(mean(fast.map((v) => (v - m) ** 2)));
  const est = estimators(noise, fastSd);
  const out: Record<string, number[]> = Object.fromEntries(Object.keys(est).map((k) => [k, []]));
  for (let i = 0; i < REPS; i++) {
    const base = levels(random, noise, rounds);
    const current = levels(random, noise, rounds);
    for (const [k, f] of Object.entries(est)) out[k].push(f(current) - f(base));
  }
  return out;
}

/**
 * Power at the narrowest valid fixed half-width h (see above): h ≥ the null's 97.5% quantile (a 95%
 * interval of a symmetric null) and floor + h ≥ its 99.75% quantile (A/A budget); a slowdown is
 * caught when Δ − h clears the floor. Every estimator here is shift-equivariant, so Δ under the
 * slowdown is the null Δ plus log(1 + slowdown).
 */
export function boundedPower(deltas: readonly number[], slowdown = 0.2, floor = Math.log1p(0.05)): number {
  const s = ascending(deltas);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const bar = Math.max(floor + q(0.975), q(0.9975));
  return s.filter((d) => d + Math.log1p(slowdown) > bar).length / s.length;
}

describe.runIf(RUN)('location estimators of round levels compared at their narrowest valid fixed width (issue 21)', () => {
  it('prints the table for the README', () => {
    const lines: string[] = [];
    for (const [name, model] of [
      ['issue 21 (30% of rounds +15%)', ISSUE_21_NOISE],
      ['rarer, larger (15% of rounds +30%)', RARE_LARGE_NOISE],
    ] as const) {
      for (const rounds of [3, 6]) {
        const cells: Record<string, string[]> = {};
        for (const [i, cv] of [0.05, 0.1, 0.2].entries()) {
          const deltas = nullDeltas({ ...model, cv }, rounds, 7100 + 10 * rounds + i);
          for (const [k, d] of Object.entries(deltas)) (cells[k] ??= []).push(`${Math.round(100 * boundedPower(d))}`);
        }
        for (const [k, v] of Object.entries(cells)) lines.push(`| ${name} | ${rounds} | ${k} | ${v.join(' / ')}% |`);
      }
    }
    console.log(['| model | rounds | estimator | 20% caught at best (CV 5 / 10 / 20%) |', '|---|---|---|---|', ...lines].join('\n'));
    expect(lines.length).toBeGreaterThan(0);
  }, 3_600_000);
});
