import type { BenchmarkResult } from '@workflow-bench/bench-kit';
import { describe, expect, it } from 'vitest';
import type { BaselineFile } from '../src/baseline/baseline-file.ts';
import { evaluate } from '../src/verdict/evaluate.ts';
import { seededRandom } from '@workflow-bench/bench-kit';
import { syntheticSide, FIVE_PERCENT_NOISE } from './support/synthetic.ts';
import { GAMMA_INTERFERENCE_NOISE, ISSUE_21_NOISE, processNoiseRun, processNoiseSide, RARE_LARGE_NOISE, type NoisySide, type ProcessNoise } from './support/process-noise.ts';

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

function side(id: string, s: { samples: number[]; roundEstimates: number[]; roundSampleCounts?: number[] }, rounds: number, file?: string): BenchmarkResult {
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
    ...(file ? { file } : {}),
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
 * benchmarks of one bench file, 15 samples per round, the plans of the issue: quick (1 round), 3
 * rounds, 6 rounds. Goals: A/A ≤ 1% of benchmarks regressed and ≤ 5% of runs exiting 1; 20%
 * caught ≥ 90% with 6 rounds and ≥ 70% with 3.
 *
 * Two ways the offsets arise, both with the file recorded as bench-kit records it:
 * - `independent`: every benchmark's rounds draw their own offsets, the hardest case (nothing to
 *   learn from the other benchmarks);
 * - `shared`: as bench-kit runs them, the benchmarks of a file share each round's process, so
 *   where it landed moves them all (plus an offset of their own); the issue's "the whole round".
 * and two kinds of slowdown: *every* benchmark of the file slowed, which no rule can tell from a
 * run whose processes landed on slower cores, and *4 of the 20* slowed (the code under test
 * touched some of them), which the comparison beyond the other benchmarks of the file can.
 *
 * A/A is checked on several seeds and on two other models of interference (rarer and larger:
 * 15% of rounds +30%; continuous: a gamma-shaped slow-down of every round), so the rule is not
 * fitted to one draw or one shape. The power goals are asserted where the engine meets them;
 * where it does not (README "Measured accuracy"), the engine is held to what it reaches and the
 * goal itself is recorded with `it.fails`, so an engine that meets it turns the test red and the
 * README gets updated.
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
type Sharing = 'independent' | 'shared';
const SHARINGS: Sharing[] = ['independent', 'shared'];
const FILE = 'sim.bench.ts';

interface Cell {
  regressed: number;
  benchmarks: number;
  runsFailing: number;
  runs: number;
  /** Benchmarks not slowed (or sped up) that were called regressed, and how many there were. */
  companionsRegressed: number;
  companions: number;
}

/**
 * `runs` runs of 20 benchmarks of one file; the first `slowed` of each run are slowed by `slowdown`
 * (a negative one speeds them up).
 */
function simulateProcessNoise(noise: ProcessNoise, rounds: number, slowdown: number, slowed: number, runs: number, seed: number, sharing: Sharing = 'independent'): Cell {
  const random = seededRandom(seed);
  const cell: Cell = { regressed: 0, benchmarks: 0, runsFailing: 0, runs: 0, companionsRegressed: 0, companions: 0 };
  const factor = (b: number) => (b < slowed ? 1 + slowdown : 1);
  for (let r = 0; r < runs; r++) {
    let bases: NoisySide[];
    let currents: NoisySide[];
    if (sharing === 'shared') {
      const values = Array.from({ length: 20 }, () => 1000 * (1 + 9 * random()));
      bases = processNoiseRun(random, { values, samplesPerRound: 15, rounds, noise });
      currents = processNoiseRun(random, { values: values.map((v, b) => v * factor(b)), samplesPerRound: 15, rounds, noise });
    } else {
      bases = [];
      currents = [];
      for (let b = 0; b < 20; b++) {
        const value = 1000 * (1 + 9 * random());
        bases.push(processNoiseSide(random, { value, samplesPerRound: 15, rounds, noise }));
        currents.push(processNoiseSide(random, { value: value * factor(b), samplesPerRound: 15, rounds, noise }));
      }
    }
    const current = currents.map((c, b) => side(`b${b}`, c, rounds, FILE));
    const baseline: BaselineFile = { format: 'workflow-bench-baseline', schemaVersion: 1, name: 'sim', description: '', savedAt: null, environment: null, gitSha: null, benchmarks: [] };
    bases.forEach((c, b) => {
      const base = side(`b${b}`, c, rounds, FILE);
      baseline.benchmarks.push({ id: base.id, measure: 'time', measured: { ...base, rounds, mode: 'quick', createdAt: '' } });
    });
    const { verdicts } = evaluate(current, baseline);
    let failing = false;
    verdicts.forEach((v, b) => {
      const hit = v.outcome === 'regressed';
      failing ||= hit;
      if (b < slowed || slowed === 0) {
        cell.regressed += hit ? 1 : 0;
        cell.benchmarks++;
      } else {
        cell.companionsRegressed += hit ? 1 : 0;
        cell.companions++;
      }
    });
    cell.runsFailing += failing ? 1 : 0;
    cell.runs++;
  }
  return cell;
}

/** `runs` runs of 7 bench files of 3 benchmarks each (processes shared within a file); `factor(b)` scales size b of every file. */
function simulateFiles(noise: ProcessNoise, rounds: number, factor: (b: number) => number, runs: number, seed: number) {
  const random = seededRandom(seed);
  const tally = { slowedRegressed: 0, slowed: 0, unchangedRegressed: 0, unchanged: 0, runsFailing: 0, runs: 0 };
  for (let r = 0; r < runs; r++) {
    const current: BenchmarkResult[] = [];
    const baseline: BaselineFile = { format: 'workflow-bench-baseline', schemaVersion: 1, name: 'sim', description: '', savedAt: null, environment: null, gitSha: null, benchmarks: [] };
    const factors: number[] = [];
    for (let f = 0; f < 7; f++) {
      const values = [0, 1, 2].map(() => 1000 * (1 + 9 * random()));
      const bases = processNoiseRun(random, { values, samplesPerRound: 15, rounds, noise });
      const currents = processNoiseRun(random, { values: values.map((v, b) => v * factor(b)), samplesPerRound: 15, rounds, noise });
      for (let b = 0; b < 3; b++) {
        current.push(side(`f${f}/b${b}`, currents[b]!, rounds, `f${f}.bench.ts`));
        const base = side(`f${f}/b${b}`, bases[b]!, rounds, `f${f}.bench.ts`);
        baseline.benchmarks.push({ id: base.id, measure: 'time', measured: { ...base, rounds, mode: 'quick', createdAt: '' } });
        factors.push(factor(b));
      }
    }
    let failing = false;
    evaluate(current, baseline).verdicts.forEach((v, k) => {
      const hit = v.outcome === 'regressed';
      failing ||= hit;
      if (factors[k]! > 1) {
        tally.slowed++;
        tally.slowedRegressed += hit ? 1 : 0;
      } else {
        tally.unchanged++;
        tally.unchangedRegressed += hit ? 1 : 0;
      }
    });
    tally.runsFailing += failing ? 1 : 0;
    tally.runs++;
  }
  return tally;
}

/** The seed of a cell: seed set 0 keeps the cells measured before seed sets were added. */
const cellSeed = (rounds: number, cvIndex: number, seedSet: number, sharing: Sharing = 'independent') => 2100 + 10 * rounds + cvIndex + 100_000 * seedSet + (sharing === 'shared' ? 50_000 : 0);

/**
 * The issue's power goal per plan and CV, whether the engine meets it, and otherwise the level it
 * is held to (a few points under what it reaches on seed set 0, README "Measured accuracy").
 * `every`: every benchmark of the file slowed (independent offsets); `some`: 4 of 20 slowed, the
 * file's processes shared.
 */
type PowerCell = { goal: number; met: boolean; floor: number };
const POWER_GOALS: Record<'every' | 'some', Record<number, Record<number, PowerCell>>> = {
  every: {
    3: { 0.05: { goal: 0.7, met: false, floor: 0.6 }, 0.1: { goal: 0.7, met: false, floor: 0.55 }, 0.2: { goal: 0.7, met: false, floor: 0.38 } },
    6: { 0.05: { goal: 0.9, met: true, floor: 0.9 }, 0.1: { goal: 0.9, met: false, floor: 0.85 }, 0.2: { goal: 0.9, met: false, floor: 0.7 } },
  },
  some: {
    3: { 0.05: { goal: 0.7, met: true, floor: 0.7 }, 0.1: { goal: 0.7, met: true, floor: 0.7 }, 0.2: { goal: 0.7, met: false, floor: 0.44 } },
    6: { 0.05: { goal: 0.9, met: true, floor: 0.9 }, 0.1: { goal: 0.9, met: true, floor: 0.9 }, 0.2: { goal: 0.9, met: false, floor: 0.82 } },
  },
};

describe.sequential('verdict accuracy with process-level offsets (issue 21)', () => {
  for (const plan of PLANS) {
    for (const sharing of SHARINGS) {
      it(`${plan.name}, ${sharing} offsets: A/A ≤ 1% of benchmarks regressed, ≤ 5% of runs exit 1, several seeds and three models`, () => {
        const lines: string[] = [];
        const checks: (() => void)[] = [];
        for (const model of MODELS) {
          const seeds = plan.rounds === 1 ? [0] : model.seeds;
          let failing = 0;
          let runs = 0;
          let regressed = 0;
          let benchmarks = 0;
          for (const [i, cv] of CVS.entries()) {
            const row: string[] = [];
            for (const seedSet of seeds) {
              const aa = simulateProcessNoise({ ...model.noise, cv }, plan.rounds, 0, 0, RUNS_PER_CELL, cellSeed(plan.rounds, i, seedSet, sharing) + (model.noise === ISSUE_21_NOISE ? 0 : 7), sharing);
              failing += aa.runsFailing;
              runs += aa.runs;
              regressed += aa.regressed;
              benchmarks += aa.benchmarks;
              row.push(`${pct(aa.regressed, aa.benchmarks)} / ${pct(aa.runsFailing, aa.runs)}`);
              // Independent offsets: every cell. Shared: a run's benchmarks stand or fall together,
              // so one unlucky run of 50 is 2% of a cell's benchmarks; pooled per model instead.
              if (sharing === 'independent') checks.push(() => expect(aa.regressed / aa.benchmarks, `${model.name}, CV ${cv * 100}%, seed set ${seedSet}`).toBeLessThanOrEqual(0.01));
            }
            lines.push(`${model.name}, CV ${cv * 100}%: A/A benchmarks regressed / runs exiting 1 per seed set: ${row.join(', ')}`);
          }
          lines.push(`${model.name}: benchmarks regressed pooled ${pct(regressed, benchmarks)}, runs exiting 1 pooled ${failing}/${runs} (${pct(failing, runs)})`);
          checks.push(() => expect(regressed / benchmarks, `${model.name}: benchmarks regressed, pooled`).toBeLessThanOrEqual(0.01));
          checks.push(() => expect(failing / runs, `${model.name}: runs exiting 1, pooled`).toBeLessThanOrEqual(0.05));
        }
        console.log(`${plan.name}, ${sharing} offsets (${RUNS_PER_CELL} runs of 20 per cell):\n  ${lines.join('\n  ')}`);
        for (const check of checks) check();
      }, TIMEOUT_MS);
    }
  }

  for (const plan of PLANS.filter((p) => p.rounds > 1)) {
    for (const [i, cv] of CVS.entries()) {
      for (const kind of ['every', 'some'] as const) {
        const { goal, met, floor } = POWER_GOALS[kind][plan.rounds]![cv]!;
        const noise = { ...ISSUE_21_NOISE, cv };
        const sharing: Sharing = kind === 'every' ? 'independent' : 'shared';
        const what = kind === 'every' ? 'every benchmark of the file slowed 20%, independent offsets' : '4 of 20 slowed 20%, shared processes';
        let caught: number | undefined;
        const measure = () => {
          if (caught !== undefined) return caught;
          const slowed = kind === 'every' ? 20 : 4;
          const ten = simulateProcessNoise(noise, plan.rounds, 0.1, slowed, RUNS_PER_CELL, cellSeed(plan.rounds, i, 0, sharing) + 1000, sharing);
          const twenty = simulateProcessNoise(noise, plan.rounds, 0.2, slowed, RUNS_PER_CELL, cellSeed(plan.rounds, i, 0, sharing) + 2000, sharing);
          const companions = twenty.companions ? `; unchanged companions called regressed ${pct(twenty.companionsRegressed, twenty.companions)}` : '';
          // For the README: the same slowdown with the other kind of offsets (not asserted).
          const other: Sharing = sharing === 'shared' ? 'independent' : 'shared';
          const otherTwenty = simulateProcessNoise(noise, plan.rounds, 0.2, slowed, RUNS_PER_CELL, cellSeed(plan.rounds, i, 0, other) + 2000, other);
          console.log(
            `${plan.name}, CV ${cv * 100}%, ${what}: 10% caught ${pct(ten.regressed, ten.benchmarks)}; 20% caught ${pct(twenty.regressed, twenty.benchmarks)} (goal ${goal * 100}%${met ? '' : ', not met'})${companions}; ` +
              `with ${other} offsets 20% caught ${pct(otherTwenty.regressed, otherTwenty.benchmarks)}`,
          );
          // Shared processes: companions stand or fall with their run (one run of 50 is 2%).
          expect(twenty.companionsRegressed).toBeLessThanOrEqual((sharing === 'shared' ? 0.025 : 0.01) * Math.max(1, twenty.companions));
          caught = twenty.regressed / twenty.benchmarks;
          return caught;
        };
        if (met) {
          it(`${plan.name}, CV ${cv * 100}%, ${what}: caught ≥ ${goal * 100}% (the issue's goal)`, () => {
            expect(measure()).toBeGreaterThanOrEqual(goal);
          }, TIMEOUT_MS);
          continue;
        }
        it(`${plan.name}, CV ${cv * 100}%, ${what}: caught ≥ ${Math.round(floor * 100)}% (what this engine reaches)`, () => {
          expect(measure()).toBeGreaterThanOrEqual(floor);
        }, TIMEOUT_MS);
        it.fails(`${plan.name}, CV ${cv * 100}%, ${what}: the issue's goal, ${goal * 100}% caught, is not met (README)`, () => {
          expect(measure()).toBeGreaterThanOrEqual(goal);
        }, TIMEOUT_MS);
      }
    }

    it(`${plan.name}: the usual shape of a suite, 7 bench files of 3 sizes each, shared processes: one size of every file slowed 20% is caught, the rest and A/A hold`, () => {
      const goal = plan.rounds === 3 ? 0.7 : 0.9;
      const rows: string[] = [];
      for (const [i, cv] of CVS.entries()) {
        const noise = { ...ISSUE_21_NOISE, cv };
        const aa = simulateFiles(noise, plan.rounds, () => 1, RUNS_PER_CELL, cellSeed(plan.rounds, i, 0, 'shared') + 5000);
        const one = simulateFiles(noise, plan.rounds, (b) => (b === 0 ? 1.2 : 1), RUNS_PER_CELL, cellSeed(plan.rounds, i, 0, 'shared') + 6000);
        rows.push(
          `CV ${cv * 100}%: A/A ${pct(aa.unchangedRegressed, aa.unchanged)} of benchmarks, ${pct(aa.runsFailing, aa.runs)} of runs; ` +
            `20% caught ${pct(one.slowedRegressed, one.slowed)}, unchanged sizes called regressed ${pct(one.unchangedRegressed, one.unchanged)}`,
        );
        expect(aa.unchangedRegressed / aa.unchanged, `A/A, CV ${cv * 100}%`).toBeLessThanOrEqual(0.01);
        expect(one.unchangedRegressed / one.unchanged, `companions, CV ${cv * 100}%`).toBeLessThanOrEqual(0.01);
        if (cv <= 0.1) expect(one.slowedRegressed / one.slowed, `caught, CV ${cv * 100}%`).toBeGreaterThanOrEqual(goal);
      }
      console.log(`${plan.name}, 7 files of 3 benchmarks, shared processes:\n  ${rows.join('\n  ')}`);
    }, TIMEOUT_MS);

    it(`${plan.name}: when 15 of a file's 20 benchmarks speed up 20%, the 5 unchanged are rarely called regressed (the comparison beyond the others rests on most of them not changing; the absolute condition guards it)`, () => {
      const rows: string[] = [];
      let hit = 0;
      let total = 0;
      for (const [i, cv] of CVS.entries()) {
        const cell = simulateProcessNoise({ ...ISSUE_21_NOISE, cv }, plan.rounds, -0.2, 15, RUNS_PER_CELL, cellSeed(plan.rounds, i, 0, 'shared') + 4000, 'shared');
        hit += cell.companionsRegressed;
        total += cell.companions;
        rows.push(`CV ${cv * 100}%: ${pct(cell.companionsRegressed, cell.companions)}`);
      }
      console.log(`${plan.name}, shared processes, 15 of 20 sped up 20%: unchanged called regressed ${rows.join(', ')}; pooled ${pct(hit, total)}`);
      expect(hit / total).toBeLessThanOrEqual(0.06);
    }, TIMEOUT_MS);
  }
});
