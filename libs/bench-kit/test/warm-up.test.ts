import { describe, expect, it } from 'vitest';
import { QUICK_PAIRED_PLAN, takeInterleaved } from '../src/measure/interleave.ts';
import { QUICK_PLAN } from '../src/measure/plan.ts';
import { warmUp, type Loop } from '../src/measure/sampler.ts';
import { seededRandom } from '../src/stats/random.ts';

/**
 * A loop that reports simulated time instead of spending it (no timing is asserted): each call
 * costs `cold` ns for its first `coldCalls` calls, as code still in a slow tier, then `warm` ns.
 * Its plateau at `cold` is what a warm-up that stops at two agreeing batches can mistake for the
 * settled pace.
 */
function tieredLoop(coldCalls: number, cold: number, warm: number): Loop & { calls: () => number } {
  let calls = 0;
  return {
    sync: true,
    run: (n: number) => {
      let ns = 0;
      for (let i = 0; i < n; i++) ns += calls++ < coldCalls ? cold : warm;
      return ns;
    },
    calls: () => calls,
  };
}

describe('warm-up', () => {
  it('ends at two agreeing batches, even on a cold plateau, without a floor', async () => {
    const loop = tieredLoop(400, 250_000, 15_000);
    const w = await warmUp(loop, { ...QUICK_PLAN, warmUpTimeMs: 300, warmUpFloorMs: 0 }, 30);
    expect(w.settled).toBe(true);
    expect(w.perIterationNs).toBe(250_000);
  });

  it('with a floor, goes on until the optimised pace is reached and reports it', async () => {
    const loop = tieredLoop(400, 250_000, 15_000);
    const w = await warmUp(loop, { ...QUICK_PLAN, warmUpTimeMs: 300, warmUpFloorMs: 100 }, 30);
    expect(w.ns).toBeGreaterThanOrEqual(100e6);
    expect(w.settled).toBe(true);
    expect(w.perIterationNs).toBe(15_000);
  });

  it('a floor above the cap is the cap', async () => {
    const loop = tieredLoop(0, 10_000, 10_000);
    const w = await warmUp(loop, { ...QUICK_PLAN, warmUpTimeMs: 50, warmUpFloorMs: 500 }, 30);
    expect(w.ns).toBeLessThanOrEqual(50e6 + 10_000);
  });
});

describe('interleaved samples', () => {
  it('resize a side whose code got faster after its warm-up, so samples fill their time again', async () => {
    // Warm-up said 250 µs a call; the code runs at 15 µs from the start of sampling.
    const base = tieredLoop(0, 10_000, 10_000);
    const head = tieredLoop(0, 15_000, 15_000);
    const taken = await takeInterleaved({ base, head }, { base: 10_000, head: 250_000 }, QUICK_PAIRED_PLAN, seededRandom(1));
    expect(taken.iterations.head[0]).toBe(16);
    expect(taken.iterations.head.at(-1)).toBe(Math.round(QUICK_PAIRED_PLAN.sampleNs / 15_000));
    expect(taken.iterations.base.every((k) => k === QUICK_PAIRED_PLAN.sampleNs / 10_000)).toBe(true);
  });
});
