import type { BenchmarkResult } from '@workflow-bench/bench-kit';
import { describe, expect, it } from 'vitest';
import type { BaselineFile } from '../src/baseline/baseline-file.ts';
import { evaluate, type BenchmarkVerdict } from '../src/verdict/evaluate.ts';
import { undisturbed } from '../src/verdict/units.ts';
import { normal, seededRandom, type Random } from '@workflow-bench/bench-kit';

/**
 * The verdict on instruction counts (bench-kit `--measure instructions`): samples are per-pair
 * counts, 5 pairs in a quick run and 9 in a full one, scattered by well under 0.5%; now and then a
 * pair is disturbed (GC, late tier-up) and counts several percent more. Default threshold 2%.
 */
const SPREAD_SD = 0.0015; // per-pair log sd: 5 pairs span about 0.35%
const DISTURBED_RATE = 0.1;

function instructionSamples(random: Random, value: number, pairs: number): number[] {
  return Array.from({ length: pairs }, () => {
    let v = value * Math.exp(normal(random, 0, SPREAD_SD));
    if (random() < DISTURBED_RATE) v *= 1.03 + 0.17 * random(); // +3..20%, as seen on real runs
    return Math.round(v);
  });
}

function result(id: string, samples: number[]): BenchmarkResult {
  return {
    id,
    project: 'core',
    group: 'g',
    status: 'ok',
    unit: 'instructions',
    lowerIsBetter: true,
    measure: 'instructions',
    samplingMode: 'custom',
    samples,
    iterations: samples.map(() => 10),
    warnings: [],
    durationMs: 0,
  };
}

/** A run of `perRun` instruction benchmarks (a core-sized suite) in which benchmark 0 costs `factor` times as much now. */
function tryOnce(seed: number, factor: number, pairs: number, perRun = 10): BenchmarkVerdict[] {
  const random = seededRandom(seed);
  const baseline: BaselineFile = { format: 'workflow-bench-baseline', schemaVersion: 1, name: 'sim', description: '', savedAt: null, environment: null, gitSha: null, benchmarks: [] };
  const current: BenchmarkResult[] = [];
  for (let b = 0; b < perRun; b++) {
    const value = 1e5 * (1 + 50 * random());
    const base = result(`core/b${b}`, instructionSamples(random, value, pairs));
    baseline.benchmarks.push({ id: base.id, measure: 'instructions', measured: { ...base, rounds: 1, mode: 'quick', createdAt: '' } });
    current.push(result(`core/b${b}`, instructionSamples(random, value * (b === 0 ? factor : 1), pairs)));
  }
  return evaluate(current, baseline).verdicts;
}

const fmt = (v: BenchmarkVerdict) => {
  const c = v.comparison!;
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}%`;
  return `${v.outcome} Δ ${pct(c.change.point)} [${pct(c.change.lower)}, ${pct(c.change.upper)}] p(BH) ${c.pAdjusted.toExponential(1)}`;
};

describe('verdict on instruction counts (threshold 2%)', () => {
  for (const [mode, pairs] of [['quick', 5], ['full', 9]] as const) {
    it(`${mode} (${pairs} pairs): 3% more instructions is regressed in 5 of 5 seeded tries, its 9 unchanged companions never`, () => {
      const lines: string[] = [];
      let regressed = 0;
      let companionsRegressed = 0;
      for (let t = 0; t < 5; t++) {
        const verdicts = tryOnce(1000 + t, 1.03, pairs);
        const slowed = verdicts.find((v) => v.id === 'core/b0')!;
        expect(slowed.measure).toBe('instructions');
        expect(slowed.reason).toMatch(/rests on instructions \(instructions\), threshold 2% from default, \d\+\d pairs.*welch t/);
        lines.push(`  try ${t + 1}: ${fmt(slowed)}`);
        if (slowed.outcome === 'regressed') regressed++;
        companionsRegressed += verdicts.filter((v) => v.id !== 'core/b0' && v.outcome === 'regressed').length;
      }
      console.log(`instructions, ${mode}, 3% more expensive among 9 unchanged: regressed ${regressed}/5; companions regressed ${companionsRegressed}/45\n${lines.join('\n')}`);
      expect(regressed).toBe(5);
      expect(companionsRegressed).toBe(0);
    });

    it(`${mode} (${pairs} pairs): an unchanged rerun (another seed, same distribution) is never regressed`, () => {
      const outcomes: Record<string, number> = {};
      for (let t = 0; t < 5; t++) {
        for (const v of tryOnce(2000 + t, 1, pairs)) outcomes[v.outcome ?? 'none'] = (outcomes[v.outcome ?? 'none'] ?? 0) + 1;
      }
      console.log(`instructions, ${mode}, unchanged, 5 runs of 10: ${JSON.stringify(outcomes)}`);
      expect(outcomes.regressed ?? 0).toBe(0);
      expect(outcomes.improved ?? 0).toBe(0);
      expect(outcomes.unchanged).toBeGreaterThanOrEqual(45);
    });
  }

  it('sets disturbed pairs aside: the real run of fixture/busy/loop/1x (+16% in 2 of 5 pairs) against itself without them is unchanged', () => {
    const real = [300737, 300737, 300737, 348031, 348150.6];
    const clean = [300737, 300737, 300737, 300737, 300737];
    expect(undisturbed(real.map(Math.log), Math.log1p(0.01)).setAside).toBe(2);
    const base = result('fixture/busy/loop/1x', real);
    const { verdicts } = evaluate([result('fixture/busy/loop/1x', clean)], {
      format: 'workflow-bench-baseline', schemaVersion: 1, name: 'x', description: '', savedAt: null, environment: null, gitSha: null,
      benchmarks: [{ id: base.id, measure: 'instructions', measured: { ...base, rounds: 1, mode: 'quick', createdAt: '' } }],
    });
    expect(verdicts[0].outcome).toBe('unchanged');
    expect(verdicts[0].reason).toMatch(/2\+0 disturbed pairs set aside/);
  });
});
