import type { BenchmarkResult } from '@workflow-bench/bench-kit';
import { describe, expect, it } from 'vitest';
import type { BaselineFile } from '../src/baseline/baseline-file.ts';
import { evaluate } from '../src/verdict/evaluate.ts';
import { seededRandom } from '@workflow-bench/bench-kit';
import { syntheticSide, FIVE_PERCENT_NOISE } from './support/synthetic.ts';
import { GAMMA_INTERFERENCE_NOISE, ISSUE_21_NOISE, processNoiseSide, RARE_LARGE_NOISE, type ProcessNoise } from './support/process-noise.ts';

/**
 * Measured accuracy of the verdict on synthetic data with 5% noise (see support/synthetic.ts:
 * 1% process-to-process offset, 4.9% AR(1) within-process noise, 2% GC-like spikes), with
 * realistic sizes: 15-50 samples per round and 1-5 rounds, drawn per benchmark.
 *
 * Each simulated run holds several benchmarks and the verdict is computed for the whole run, so
 * Benjamini-Hochberg works against us as it would in CI: a slowed benchmark must stand out among
 * unchanged ones. Default threshold (10%).
 *
 * CI size by default; BENCH_REPORT_ACCURACY_FULL=1 runs 1000 pairs per scenario and 10
 * benchmarks per run.
 */
const FULL = process.env.BENCH_REPORT_ACCURACY_FULL === '1';
const PAIRS = FULL ? 1000 : 200;
const PER_RUN = FULL ? 10 : 5;
// Generous: the work is CPU-bound and CI machines are shared; the full size takes minutes.
const TIMEOUT_MS = FULL ? 1_800_000 : 180_000;

interface Tally {
  regressed: number;
  total: number;
  byRounds: Record<string, { regressed: number; total: number }>;
  companionsRegressed: number;
  companions: number;
}

function side(id: string, s: { samples: number[]; roundEstimates: number[]; roundSampleCounts?: number[] }, rounds: number): BenchmarkResult {
  return {
    id,
    project: 'sim',
    group: 'g',
    status: 'ok',
    unit: 'ns',
    lowerIsBetter: true,
    measure: 'time',
    samplingMode: 'flat',
    samples: s.samples,
    iterations: s.samples.map(() => 1),
    ...(rounds > 1 ? { roundEstimates: s.roundEstimates, roundSampleCounts: s.roundEstimates.map(() => s.samples.length / rounds) } : {}),
    warnings: [],
    durationMs: 0,
  };
}

/** `runs` runs of `perRun` benchmarks; in each, benchmark 0 is slowed by `slowdown`. */
function simulate(slowdown: number, runs: number, perRun: number, seed: number): Tally {
  const random = seededRandom(seed);
  const t: Tally = { regressed: 0, total: 0, byRounds: {}, companionsRegressed: 0, companions: 0 };
  for (let r = 0; r < runs; r++) {
    const current: BenchmarkResult[] = [];
    const baseline: BaselineFile = { format: 'workflow-bench-baseline', schemaVersion: 1, name: 'sim', description: '', savedAt: null, environment: null, gitSha: null, benchmarks: [] };
    const roundsOf: number[] = [];
    for (let b = 0; b < perRun; b++) {
      const rounds = 1 + Math.floor(random() * 5);
      const n = 15 + Math.floor(random() * 36);
      const value = 1000 * (1 + 9 * random());
      const base = side(`b${b}`, syntheticSide(random, { value, samplesPerRound: n, rounds }), rounds);
      const cur = side(`b${b}`, syntheticSide(random, { value: value * (b === 0 ? 1 + slowdown : 1), samplesPerRound: n, rounds }), rounds);
      current.push(cur);
      baseline.benchmarks.push({ id: base.id, measure: 'time', measured: { ...base, rounds, mode: 'full', createdAt: '' } });
      roundsOf.push(rounds);
    }
    const { verdicts } = evaluate(current, baseline);
    verdicts.forEach((v, b) => {
      const hit = v.outcome === 'regressed' ? 1 : 0;
      if (b === 0 || slowdown === 0) {
        t.regressed += hit;
        t.total++;
        const key = roundsOf[b] === 1 ? '1 round' : `${roundsOf[b]} rounds`;
        const g = (t.byRounds[key] ??= { regressed: 0, total: 0 });
        g.regressed += hit;
        g.total++;
      } else {
        t.companionsRegressed += hit;
        t.companions++;
      }
    });
  }
  return t;
}

const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
function describeTally(name: string, t: Tally): string {
  const groups = Object.entries(t.byRounds)
    .sort()
    .map(([k, g]) => `${k}: ${g.regressed}/${g.total}`)
    .join(', ');
  const companions = t.companions ? `; unchanged companions called regressed: ${t.companionsRegressed}/${t.companions} (${pct(t.companionsRegressed, t.companions)})` : '';
  return `${name}: ${t.regressed}/${t.total} called regressed (${pct(t.regressed, t.total)}) [${groups}]${companions}`;
}

describe.sequential(`verdict accuracy on synthetic data with ${Math.round(Math.hypot(FIVE_PERCENT_NOISE.roundSd, FIVE_PERCENT_NOISE.withinSd) * 100)}% noise`, () => {
  it(`A/A: at most 2% of ${PAIRS} unchanged pairs are called regressed`, () => {
    const t = simulate(0, PAIRS / 10, 10, 101);
    console.log(describeTally(`A/A, ${PAIRS} pairs in runs of 10`, t));
    expect(t.total).toBe(PAIRS);
    expect(t.regressed / t.total).toBeLessThanOrEqual(0.02);
  }, TIMEOUT_MS);

  it(`20% slowdown: at least 95% of ${PAIRS} are called regressed`, () => {
    const t = simulate(0.2, PAIRS, PER_RUN, 202);
    console.log(describeTally(`20% slowdown, ${PAIRS} pairs, each among ${PER_RUN - 1} unchanged`, t));
    expect(t.regressed / t.total).toBeGreaterThanOrEqual(0.95);
    expect(t.companionsRegressed / t.companions).toBeLessThanOrEqual(0.02);
  }, TIMEOUT_MS);

  it(`10% slowdown: at least 80% of ${PAIRS} are called regressed`, () => {
    const t = simulate(0.1, PAIRS, PER_RUN, 303);
    console.log(describeTally(`10% slowdown, ${PAIRS} pairs, each among ${PER_RUN - 1} unchanged`, t));
    expect(t.regressed / t.total).toBeGreaterThanOrEqual(0.8);
    expect(t.companionsRegressed / t.companions).toBeLessThanOrEqual(0.02);
  }, TIMEOUT_MS);
});

/**
 * Issue 21: process-level offsets (support/process-noise.ts: 30% of rounds on a "slow core" +15%,
 * a heavy-tailed t3 offset, drift, 3% outliers of 2-5x) at several within-process CVs, runs of 20
 * benchmarks, 15 samples per round, the plans of the issue: quick (1 round), 3 rounds, 6 rounds.
 * Goals: A/A ≤ 1% of benchmarks regressed and ≤ 5% of runs exiting 1; 20% caught ≥ 90% with 6
 * rounds and ≥ 70% with 3 (every benchmark of the run slowed, as when the code under test slows).
 *
 * A/A is checked on several seeds and on two other models of interference (rarer and larger:
 * 15% of rounds +30%; continuous: a gamma-shaped slow-down of every round), so the rule is not
 * fitted to one draw or one shape. The power goals are asserted where the engine meets them;
 * where it does not (README "Measured accuracy": what other estimators could give, and why none was
 * adopted), the engine is held to what it reaches and the goal itself is recorded with `it.fails`,
 * so an engine that meets it turns the test red and the README gets updated.
 */
const RUNS_PER_CELL = FULL ? 200 : 50;
const PLANS = [
  { name: 'quick (1 round)', rounds: 1 },
  { name: '3 rounds', rounds: 3 },
  { name: '6 rounds', rounds: 6 },
] as const;
const CVS = [0.05, 0.1, 0.2];
const SEEDS = FULL ? [0, 1, 2, 3, 4] : [0, 1, 2];
const MODELS: { name: string; noise: ProcessNoise; seeds: number[] }[] = [
  { name: 'issue 21 (30% of rounds +15%)', noise: ISSUE_21_NOISE, seeds: SEEDS },
  { name: 'rarer, larger (15% of rounds +30%)', noise: RARE_LARGE_NOISE, seeds: [0] },
  { name: 'gamma interference (mean +5%)', noise: GAMMA_INTERFERENCE_NOISE, seeds: [0] },
];

interface Cell {
  regressed: number;
  benchmarks: number;
  runsFailing: number;
  runs: number;
}

/** `runs` runs of 20 benchmarks; the first `slowed` of each run are slowed by `slowdown`. */
function simulateProcessNoise(noise: ProcessNoise, rounds: number, slowdown: number, slowed: number, runs: number, seed: number): Cell & { companionsRegressed: number } {
  const random = seededRandom(seed);
  const cell = { regressed: 0, benchmarks: 0, runsFailing: 0, runs: 0, companionsRegressed: 0 };
  for (let r = 0; r < runs; r++) {
    const current: BenchmarkResult[] = [];
    const baseline: BaselineFile = { format: 'workflow-bench-baseline', schemaVersion: 1, name: 'sim', description: '', savedAt: null, environment: null, gitSha: null, benchmarks: [] };
    for (let b = 0; b < 20; b++) {
      const value = 1000 * (1 + 9 * random());
      const factor = b < slowed ? 1 + slowdown : 1;
      const base = side(`b${b}`, processNoiseSide(random, { value, samplesPerRound: 15, rounds, noise }), rounds);
      current.push(side(`b${b}`, processNoiseSide(random, { value: value * factor, samplesPerRound: 15, rounds, noise }), rounds));
      baseline.benchmarks.push({ id: base.id, measure: 'time', measured: { ...base, rounds, mode: 'quick', createdAt: '' } });
    }
    const { verdicts } = evaluate(current, baseline);
    let failing = false;
    verdicts.forEach((v, b) => {
      const hit = v.outcome === 'regressed';
      failing ||= hit;
      if (b < slowed || slowed === 0) {
        cell.regressed += hit ? 1 : 0;
        cell.benchmarks++;
      } else if (hit) cell.companionsRegressed++;
    });
    cell.runsFailing += failing ? 1 : 0;
    cell.runs++;
  }
  return cell;
}

/** The seed of a cell: seed set 0 keeps the cells measured before seed sets were added. */
const cellSeed = (rounds: number, cvIndex: number, seedSet: number) => 2100 + 10 * rounds + cvIndex + 100_000 * seedSet;

/**
 * The issue's power goal per plan and CV, whether the engine meets it, and otherwise the level it
 * is held to (a few points under what it reaches on seed set 0, README "Measured accuracy").
 */
const POWER_GOALS: Record<number, Record<number, { goal: number; met: boolean; floor: number }>> = {
  3: { 0.05: { goal: 0.7, met: false, floor: 0.62 }, 0.1: { goal: 0.7, met: false, floor: 0.55 }, 0.2: { goal: 0.7, met: false, floor: 0.4 } },
  6: { 0.05: { goal: 0.9, met: true, floor: 0.9 }, 0.1: { goal: 0.9, met: false, floor: 0.85 }, 0.2: { goal: 0.9, met: false, floor: 0.7 } },
};

describe.sequential('verdict accuracy with process-level offsets (issue 21)', () => {
  for (const plan of PLANS) {
    it(`${plan.name}: A/A ≤ 1% of benchmarks regressed in every cell, ≤ 5% of runs exit 1 (pooled per model), several seeds and three models`, () => {
      const lines: string[] = [];
      const checks: (() => void)[] = [];
      for (const model of MODELS) {
        const seeds = plan.rounds === 1 ? [0] : model.seeds;
        let failing = 0;
        let runs = 0;
        for (const [i, cv] of CVS.entries()) {
          const row: string[] = [];
          for (const seedSet of seeds) {
            const aa = simulateProcessNoise({ ...model.noise, cv }, plan.rounds, 0, 0, RUNS_PER_CELL, cellSeed(plan.rounds, i, seedSet) + (model.noise === ISSUE_21_NOISE ? 0 : 7));
            failing += aa.runsFailing;
            runs += aa.runs;
            row.push(`${pct(aa.regressed, aa.benchmarks)} / ${pct(aa.runsFailing, aa.runs)}`);
            checks.push(() => expect(aa.regressed / aa.benchmarks, `${model.name}, CV ${cv * 100}%, seed set ${seedSet}`).toBeLessThanOrEqual(0.01));
          }
          lines.push(`${model.name}, CV ${cv * 100}%: A/A benchmarks regressed / runs exiting 1 per seed set: ${row.join(', ')}`);
        }
        lines.push(`${model.name}: runs exiting 1 pooled ${failing}/${runs} (${pct(failing, runs)})`);
        checks.push(() => expect(failing / runs, `${model.name}: runs exiting 1, pooled`).toBeLessThanOrEqual(0.05));
      }
      console.log(`${plan.name} (${RUNS_PER_CELL} runs of 20 per cell):\n  ${lines.join('\n  ')}`);
      for (const check of checks) check();
    }, TIMEOUT_MS);
  }

  for (const plan of PLANS.filter((p) => p.rounds > 1)) {
    for (const [i, cv] of CVS.entries()) {
      const { goal, met, floor } = POWER_GOALS[plan.rounds][cv];
      const noise = { ...ISSUE_21_NOISE, cv };
      let caught: number | undefined;
      const measure = () => {
        if (caught !== undefined) return caught;
        const ten = simulateProcessNoise(noise, plan.rounds, 0.1, 20, RUNS_PER_CELL, cellSeed(plan.rounds, i, 0) + 1000);
        const twenty = simulateProcessNoise(noise, plan.rounds, 0.2, 20, RUNS_PER_CELL, cellSeed(plan.rounds, i, 0) + 2000);
        console.log(`${plan.name}, CV ${cv * 100}%: 10% caught ${pct(ten.regressed, ten.benchmarks)}; 20% caught ${pct(twenty.regressed, twenty.benchmarks)} (goal ${goal * 100}%${met ? '' : ', not met'})`);
        caught = twenty.regressed / twenty.benchmarks;
        return caught;
      };
      if (met) {
        it(`${plan.name}, CV ${cv * 100}%: a 20% slowdown is caught ≥ ${goal * 100}% (the issue's goal)`, () => {
          expect(measure()).toBeGreaterThanOrEqual(goal);
        }, TIMEOUT_MS);
        continue;
      }
      it(`${plan.name}, CV ${cv * 100}%: a 20% slowdown is caught ≥ ${Math.round(floor * 100)}% (what this engine reaches)`, () => {
        expect(measure()).toBeGreaterThanOrEqual(floor);
      }, TIMEOUT_MS);
      it.fails(`${plan.name}, CV ${cv * 100}%: the issue's goal, ${goal * 100}% caught, is not met (README: no valid rule found that reaches it)`, () => {
        expect(measure()).toBeGreaterThanOrEqual(goal);
      }, TIMEOUT_MS);
    }
  }
});
