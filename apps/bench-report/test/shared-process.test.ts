import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchmarkResult } from '@workflow-bench/bench-kit';
import { seededRandom } from '@workflow-bench/bench-kit';
import { describe, expect, it } from 'vitest';
import type { BaselineFile } from '../src/baseline/baseline-file.ts';
import { main } from '../src/cli/main.ts';
import { evaluate } from '../src/verdict/evaluate.ts';
import { runPrior } from '../src/verdict/process-level.ts';
import { beyondProcessComparisons, MIN_OTHERS } from '../src/verdict/shared-process.ts';
import type { RoundLevel } from '../src/verdict/units.ts';
import { CORE_SPECS, makeWorkspace, syntheticResults } from './support/fixtures.ts';
import { ISSUE_21_NOISE, processNoiseRun, type NoisySide } from './support/process-noise.ts';

function result(id: string, s: NoisySide, file: string | undefined): BenchmarkResult {
  return {
    id, project: 'sim', group: 'g', status: 'ok', unit: 'ns', lowerIsBetter: true, measure: 'time', samplingMode: 'flat',
    samples: s.samples, iterations: s.samples.map(() => 1), roundEstimates: s.roundEstimates, roundSampleCounts: s.roundSampleCounts,
    ...(file ? { file } : {}), warnings: [], durationMs: 0,
  };
}

/**
 * One bench file of `n` benchmarks, 3 rounds a side, processes shared: one baseline round on the
 * slow core (+15%), two current ones, so the whole file moved by +5% on average and each
 * benchmark's rounds scatter by the shared offsets; `factors` slow some of them for real.
 */
function shiftedRun(n: number, factors: (b: number) => number, file: string | undefined, seed: number) {
  const random = seededRandom(seed);
  const values = Array.from({ length: n }, (_, b) => 1000 * (1 + b));
  const base = processNoiseRun(random, { values, samplesPerRound: 15, rounds: 3, noise: ISSUE_21_NOISE, slowRounds: [false, true, false] });
  const cur = processNoiseRun(random, { values: values.map((v, b) => v * factors(b)), samplesPerRound: 15, rounds: 3, noise: ISSUE_21_NOISE, slowRounds: [true, false, true] });
  const baseline: BaselineFile = {
    format: 'workflow-bench-baseline', schemaVersion: 1, name: 'x', description: '', savedAt: null, environment: null, gitSha: null,
    benchmarks: base.map((s, b) => ({ id: `b${b}`, measure: 'time' as const, measured: { ...result(`b${b}`, s, file), rounds: 3, mode: 'quick' as const, createdAt: '' } })),
  };
  return evaluate(cur.map((s, b) => result(`b${b}`, s, file)), baseline).verdicts;
}

const level = (l: number): RoundLevel => ({ level: l, samples: 15, withinVariance: 1e-6 });

describe('the change beyond the other benchmarks of a bench file (issue 21)', () => {
  it('a 20% slowdown of 2 of 12 benchmarks stands out of a file whose processes moved together; the others are not regressed', () => {
    const verdicts = shiftedRun(12, (b) => (b < 2 ? 1.2 : 1), 'x.bench.ts', 1);
    expect(verdicts.slice(0, 2).map((v) => v.outcome)).toEqual(['regressed', 'regressed']);
    // Called on the change beyond the others (the absolute interval alone does not clear the floor).
    for (const v of verdicts.slice(0, 2)) expect(v.reason).toMatch(/^\+\d+\.\d% beyond the 11 other benchmarks of its processes .* lies entirely on the worse side/);
    expect(verdicts.slice(2).filter((v) => v.outcome === 'regressed')).toEqual([]);
    for (const v of verdicts) expect(v.comparison?.beyondProcess?.others).toBe(11);
  });

  it('without the bench file recorded there is no comparison beyond the others, and nothing is claimed from it', () => {
    const verdicts = shiftedRun(12, (b) => (b < 2 ? 1.2 : 1), undefined, 1);
    for (const v of verdicts) {
      expect(v.comparison?.beyondProcess).toBeUndefined();
      expect(v.reason).not.toMatch(/beyond the/);
    }
  });

  it(`fewer than ${MIN_OTHERS} other benchmarks in the file: no reference, no comparison beyond them`, () => {
    const verdicts = shiftedRun(MIN_OTHERS, () => 1, 'x.bench.ts', 2);
    for (const v of verdicts) expect(v.comparison?.beyondProcess).toBeUndefined();
  });

  it('a shared round offset is removed: a benchmark that only moved with its file is unchanged beyond it, with a tight interval', () => {
    // Round offsets shared by all: base 0, +0.1, 0; current +0.14, 0, +0.14 (log). Own noise ±0.005.
    const own = [0.004, -0.003, 0.001, -0.004, 0.002, 0.005, -0.001, 0.003];
    const members = own.map((e, b) => ({
      key: `b${b}`,
      levels: { base: [level(b + e), level(b + 0.1 - e), level(b)], current: [level(b + 0.14), level(b + e), level(b + 0.14 - e)] },
    }));
    const { comparisons } = beyondProcessComparisons(members, 0.95);
    expect(comparisons.size).toBe(8);
    for (const c of comparisons.values()) {
      expect(Math.abs(c.delta.point)).toBeLessThan(0.01);
      expect(c.delta.upper - c.delta.lower).toBeLessThan(0.06);
      expect(c.othersDelta).toBeCloseTo((0.28 - 0.1) / 3, 2);
    }
  });

  it('the run prior holds no more evidence than the processes: 20 benchmarks of one file with 3+3 rounds weigh like one', () => {
    const variances = Array.from({ length: 20 }, (_, i) => ({ variance: 0.01 * (1 + 0.001 * i), df: 4, within: 0, process: 'f' }));
    const capped = runPrior(variances, new Map([['f', 4]]));
    const free = runPrior(variances.map(({ process: _, ...v }) => v));
    expect(capped?.d0).toBe(4);
    expect(free!.d0).toBeGreaterThan(40);
  });

  it('when most of a file sped up, the unchanged rest is not called regressed unless it is itself significantly slower', () => {
    // 9 of 12 sped up 20%; the file's processes moved +5% on average, so the 3 unchanged are ~+5%
    // absolute (the environment) and ~+25% beyond the others: the absolute condition must hold
    // them unless their own interval excludes zero.
    const verdicts = shiftedRun(12, (b) => (b < 9 ? 0.8 : 1), 'x.bench.ts', 4);
    for (const v of verdicts.slice(9)) {
      if (v.outcome === 'regressed') expect(v.comparison!.change.lower).toBeGreaterThan(0);
      expect(v.comparison?.beyondProcess?.change.point).toBeGreaterThan(0.2);
    }
  });
});

describe('the bench file travels from results to baselines', () => {
  it('save-baseline keeps each benchmark\'s file; a results file whose file is not a string is exit 2 naming the field', async () => {
    const results = syntheticResults('core', CORE_SPECS, { seed: 1, rounds: 2 });
    results.benchmarks = results.benchmarks.map((b) => ({ ...b, file: 'parse.bench.ts' }));
    const root = makeWorkspace({ core: results });
    let stderr = '';
    const io = { cwd: root, stdout: () => undefined, stderr: (t: string) => void (stderr += t), detectGpus: async () => [] };
    expect(await main(['save-baseline', 'baselines/b.json'], io)).toBe(0);
    const saved = JSON.parse(readFileSync(join(root, 'baselines', 'b.json'), 'utf8')) as BaselineFile;
    expect(saved.benchmarks.map((e) => e.measured?.file)).toEqual(results.benchmarks.map(() => 'parse.bench.ts'));

    writeFileSync(join(root, 'bad.json'), JSON.stringify({ ...results, benchmarks: [{ ...results.benchmarks[0], file: 7 }] }));
    expect(await main(['compare', '--baseline', 'baselines/b.json', '--results', 'bad.json'], io)).toBe(2);
    expect(stderr).toMatch(/bad\.json: benchmarks\[0\]\.file: /);
  });
});

describe('when the machine moved (issue 21): the anchors regressed too', () => {
  /**
   * Two files of 4 benchmarks, 3 rounds a side, shared processes; the whole current run on a
   * machine `machine` times slower; `own(file, b)` slows some benchmarks beyond that; the last
   * benchmark of file 0 is an anchor (platform code).
   */
  function movedRun(machine: number, own: (f: number, b: number) => number, seed: number) {
    const random = seededRandom(seed);
    const current: BenchmarkResult[] = [];
    const baseline: BaselineFile = { format: 'workflow-bench-baseline', schemaVersion: 1, name: 'x', description: '', savedAt: null, environment: null, gitSha: null, benchmarks: [] };
    for (let f = 0; f < 2; f++) {
      const values = [1, 2, 3, 4].map((k) => 1000 * k);
      const base = processNoiseRun(random, { values, samplesPerRound: 15, rounds: 3, noise: ISSUE_21_NOISE, slowRounds: [false, true, false] });
      const cur = processNoiseRun(random, { values: values.map((v, b) => v * machine * own(f, b)), samplesPerRound: 15, rounds: 3, noise: ISSUE_21_NOISE, slowRounds: [true, false, false] });
      for (let b = 0; b < 4; b++) {
        const anchor = f === 0 && b === 3 ? { anchor: true } : {};
        current.push({ ...result(`f${f}/b${b}`, cur[b]!, `f${f}.bench.ts`), ...anchor });
        const m = result(`f${f}/b${b}`, base[b]!, `f${f}.bench.ts`);
        baseline.benchmarks.push({ id: m.id, measure: 'time', measured: { ...m, rounds: 3, mode: 'quick', createdAt: '' } });
      }
    }
    return evaluate(current, baseline).verdicts;
  }

  it('a run on a machine twice as slow: nothing is called regressed, each reason says the machine moved and names the anchors', () => {
    const verdicts = movedRun(2, () => 1, 5);
    expect(verdicts.filter((v) => v.outcome === 'regressed')).toEqual([]);
    for (const v of verdicts) {
      expect(v.outcome).toBe('inconclusive');
      expect(v.reason).toMatch(/^held: the machine was slower in this run than in the baseline's \(the project's anchors regressed too: f0\/b3 \+\d+\.\d%\)/);
      expect(v.reason).toMatch(/by the absolute change alone it would be regressed/);
    }
  });

  it('on that machine, a benchmark slowed beyond its file is still called regressed', () => {
    const verdicts = movedRun(2, (f, b) => (f === 1 && b === 0 ? 1.4 : 1), 6);
    const byId = new Map(verdicts.map((v) => [v.id, v]));
    expect(byId.get('f1/b0')!.outcome).toBe('regressed');
    expect(byId.get('f1/b0')!.reason).not.toMatch(/^held/);
    expect(verdicts.filter((v) => v.outcome === 'regressed').map((v) => v.id)).toEqual(['f1/b0']);
  });

  it('when the anchors did not move, verdicts are as before: a slowdown of every benchmark is regressed', () => {
    const verdicts = movedRun(1, (f, b) => (f === 0 && b === 3 ? 1 : 2), 7);
    expect(verdicts.filter((v) => v.id !== 'f0/b3').every((v) => v.outcome === 'regressed')).toBe(true);
    expect(verdicts.some((v) => /^held/.test(v.reason))).toBe(false);
  });
});
