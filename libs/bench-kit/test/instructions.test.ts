import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { attachInstructionCounts } from '../src/instructions/attach.ts';
import type { RawBenchmark } from '../src/runner/protocol.ts';
import { runProject } from '../src/runner/run.ts';

function raw(id: string): RawBenchmark {
  return {
    id, group: 'g', status: 'ok', kind: 'timed', unit: 'instructions', lowerIsBetter: true, samplingMode: 'custom',
    values: [], iterations: [], statistic: 'median', warnings: [], durationMs: 0,
  };
}

describe('mapping callgrind dumps to regions', () => {
  it('takes one dump per region after an empty first dump, and drops warm-up pairs', () => {
    const a = raw('p/g/a');
    const b = raw('p/g/b');
    // a: 1 discarded pair + 2 pairs of (10, 30) iterations at 100 instructions each + 50 fixed.
    // b: 0 discarded + 1 pair of (1, 3) at 7 each + 5 fixed.
    const dumps = [0, 9999, 9999, 1050, 3050, 1050, 3050, 12, 26];
    attachInstructionCounts(
      [a, b],
      [
        { id: 'p/g/a', iterations: [10, 30, 10, 30, 10, 30], discardPairs: 1 },
        { id: 'p/g/b', iterations: [1, 3], discardPairs: 0 },
      ],
      dumps,
    );
    expect(a.values.map((v, i) => v / a.iterations[i])).toEqual([100, 100]);
    expect(a.details?.minBasedPerIteration).toBe(100);
    expect(b.values.map((v, i) => v / b.iterations[i])).toEqual([7]);
  });

  it('drops a pair whose shorter region counted more (a GC in it), and fails when no pair is left', () => {
    const a = raw('p/g/a');
    // Pair 1: a GC of 5000 instructions lands in the N1 region, so N2 - N1 < 0 (CI saw -483389).
    const dumps = [0, 6050, 3050, 1050, 3050];
    attachInstructionCounts([a], [{ id: 'p/g/a', iterations: [10, 30, 10, 30], discardPairs: 0 }], dumps);
    expect(a.status).toBe('ok');
    expect(a.values).toEqual([2000]);
    expect(a.iterations).toEqual([20]);
    expect(a.warnings.join()).toMatch(/1 of 2 region pairs dropped/);
    const b = raw('p/g/b');
    attachInstructionCounts([b], [{ id: 'p/g/b', iterations: [10, 30], discardPairs: 0 }], [0, 6050, 3050]);
    expect(b.status).toBe('failed');
    expect(b.reason).toMatch(/non-positive difference/);
  });

  it('fails the benchmarks when dumps and regions do not line up', () => {
    const a = raw('p/g/a');
    attachInstructionCounts([a], [{ id: 'p/g/a', iterations: [1, 3], discardPairs: 0 }], [0, 5, 7, 9]);
    expect(a.status).toBe('failed');
    expect(a.reason).toMatch(/3 region dumps for 2 regions/);
    const b = raw('p/g/b');
    attachInstructionCounts([b], [{ id: 'p/g/b', iterations: [1, 3], discardPairs: 0 }], [0, 0, 0]);
    expect(b.reason).toMatch(/counted nothing/);
  });
});

const hasValgrind = (() => {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasValgrind)('instruction mode under valgrind', () => {
  it('counts instructions per iteration: 2x the work gives 2x the instructions, repeatably', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bench-kit-')), 'instructions.json');
    const outcome = await runProject({
      project: 'fixture',
      root: join(import.meta.dirname, 'fixtures'),
      quick: true,
      filter: 'fixture/busy/loop/*',
      measure: 'instructions',
      out,
      progress: new PassThrough().resume(),
    });
    expect(outcome.results.measure).toBe('instructions');
    const [one, two] = outcome.results.benchmarks;
    expect(one).toMatchObject({ status: 'ok', unit: 'instructions', measure: 'instructions' });
    expect(one.details?.v8Flags).toContain('--predictable');
    const ratio = two.estimate!.point / one.estimate!.point;
    expect(ratio).toBeGreaterThan(1.95);
    expect(ratio).toBeLessThan(2.05);
    // Instruction counts barely move between pairs, unlike wall time on a shared machine.
    expect(one.stats!.mad / one.stats!.median).toBeLessThan(0.02);
  }, 600_000);
});
