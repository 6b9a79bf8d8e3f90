import type { BenchmarkResult } from '@workflow-bench/bench-kit';
import { seededRandom } from '@workflow-bench/bench-kit';
import { describe, expect, it } from 'vitest';
import type { BaselineFile } from '../src/baseline/baseline-file.ts';
import { evaluate } from '../src/verdict/evaluate.ts';
import { processSpreadSummary } from '../src/verdict/process-level.ts';
import { ISSUE_21_NOISE, processNoiseSide } from './support/process-noise.ts';

function result(id: string, s: { samples: number[]; roundSampleCounts: number[]; roundEstimates: number[] }): BenchmarkResult {
  const rounds = s.roundSampleCounts.length;
  return {
    id, project: 'sim', group: 'g', status: 'ok', unit: 'ns', lowerIsBetter: true, measure: 'time', samplingMode: 'flat',
    samples: s.samples, iterations: s.samples.map(() => 1),
    ...(rounds > 1 ? { roundEstimates: s.roundEstimates, roundSampleCounts: s.roundSampleCounts } : {}),
    warnings: [], durationMs: 0,
  };
}

/** A run of `n` benchmarks, `rounds` rounds a side, the first one's current side scaled by `factor`. */
function run(n: number, rounds: number, factor: number, seed: number) {
  const random = seededRandom(seed);
  const current: BenchmarkResult[] = [];
  const baseline: BaselineFile = { format: 'workflow-bench-baseline', schemaVersion: 1, name: 'x', description: '', savedAt: null, environment: null, gitSha: null, benchmarks: [] };
  for (let b = 0; b < n; b++) {
    const base = result(`b${b}`, processNoiseSide(random, { value: 1000, samplesPerRound: 15, rounds, noise: ISSUE_21_NOISE }));
    current.push(result(`b${b}`, processNoiseSide(random, { value: 1000 * (b === 0 ? factor : 1), samplesPerRound: 15, rounds, noise: ISSUE_21_NOISE })));
    baseline.benchmarks.push({ id: base.id, measure: 'time', measured: { ...base, rounds, mode: 'quick', createdAt: '' } });
  }
  return evaluate(current, baseline).verdicts;
}

describe('process-level variance (issue 21)', () => {
  it('one round a side and no benchmark with two: not even a 50% slowdown is called regressed; the reason says why', () => {
    const verdicts = run(5, 1, 1.5, 1);
    expect(verdicts[0].outcome).toBe('inconclusive');
    expect(verdicts[0].comparison?.p).toBeNaN();
    expect(verdicts[0].reason).toMatch(/spread between processes cannot be seen, so no significance is claimed/);
    expect(verdicts[0].reason).toMatch(/--rounds ≥ 2/);
    expect(processSpreadSummary(verdicts)).toMatch(/5 compared with one round a side and nothing to estimate it from/);
  });

  it('with rounds, every verdict states the process-level spread and its source; a 50% slowdown is regressed', () => {
    const verdicts = run(10, 6, 1.5, 2);
    expect(verdicts[0].outcome).toBe('regressed');
    for (const v of verdicts) {
      expect(v.reason).toMatch(/process-level spread ±\d+\.\d% \(own rounds and run, (\d+ df|the run agrees)\)/);
      expect(v.reason).toMatch(/6\+6 rounds \(90\+90 samples\), two-level t/);
    }
    expect(processSpreadSummary(verdicts)).toMatch(/^Process-level spread \(sd between fresh processes\): median ±\d+\.\d% .* over 10 benchmarks/);
  });

  it('a benchmark whose rounds all landed alike cannot claim a tiny variance: the run prior holds it (A/A, 3 rounds)', () => {
    // Baseline rounds all fast, current rounds all on the slow core (+15%): the benchmark's own
    // round variance is near zero, but the run's other benchmarks show how far processes move.
    const random = seededRandom(3);
    const noise = { ...ISSUE_21_NOISE, slowCoreRate: 0 };
    const slow = { ...ISSUE_21_NOISE, slowCoreRate: 1 };
    const current: BenchmarkResult[] = [];
    const baseline: BaselineFile = { format: 'workflow-bench-baseline', schemaVersion: 1, name: 'x', description: '', savedAt: null, environment: null, gitSha: null, benchmarks: [] };
    for (let b = 0; b < 20; b++) {
      const base = result(`b${b}`, processNoiseSide(random, { value: 1000, samplesPerRound: 15, rounds: 3, noise: b === 0 ? noise : ISSUE_21_NOISE }));
      current.push(result(`b${b}`, processNoiseSide(random, { value: 1000, samplesPerRound: 15, rounds: 3, noise: b === 0 ? slow : ISSUE_21_NOISE })));
      baseline.benchmarks.push({ id: base.id, measure: 'time', measured: { ...base, rounds: 3, mode: 'quick', createdAt: '' } });
    }
    const v = evaluate(current, baseline).verdicts[0];
    expect(v.comparison!.change.point).toBeGreaterThan(0.1);
    expect(v.outcome).not.toBe('regressed');
  });
});
