import { describe, expect, it } from 'vitest';
import { FULL_PLAN } from '../src/measure/plan.ts';
import { takeSamples, type Loop } from '../src/measure/sampler.ts';
import { slopeThroughOrigin } from '../src/stats/regression.ts';

/**
 * A loop that reports simulated time (nothing is timed): each call costs `callNs` and leaves
 * garbage behind; every `collectEvery` calls since the last collection, a call pays a collection
 * of `pauseNs`, as an old-generation GC lands in whichever call fills the heap. `collect()` is
 * the forced GC: it clears the debt outside any call.
 */
function garbageLoop(callNs: number, collectEvery: number, pauseNs: number) {
  let debt = 0;
  let forced = 0;
  const loop: Loop = {
    sync: true,
    run: (n: number) => {
      let ns = 0;
      for (let i = 0; i < n; i++) {
        ns += callNs;
        if (++debt === collectEvery) {
          ns += pauseNs;
          debt = 0;
        }
      }
      return ns;
    },
  };
  return {
    loop,
    collect: () => {
      forced++;
      debt = 0;
    },
    forced: () => forced,
  };
}

describe('garbage collection around samples', () => {
  it('the samples pay for the collections their own calls cause (one forced GC, before the first)', async () => {
    // 1 µs a call plus a 40 ms collection every 50 000 calls: 1.8 µs a call over a long run.
    const sim = garbageLoop(1000, 50_000, 40e6);
    const taken = await takeSamples(sim.loop, FULL_PLAN, 30, { collectGarbage: sim.collect });
    expect(sim.forced()).toBe(1);
    const slope = slopeThroughOrigin(taken.iterations, taken.times);
    // A GC forced before every sample cleared the debt each time: no sample (at most ~40 000
    // calls here) ever reached a collection, and the slope said 1.0 µs.
    expect(slope).toBeGreaterThan(1800 * 0.9);
    expect(slope).toBeLessThan(1800 * 1.1);
  });
});
