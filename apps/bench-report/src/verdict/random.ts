/**
 * mulberry32, a small seedable PRNG. Every resampling in a verdict is seeded so the same inputs
 * always give the same verdict (a flaky verdict would itself be a false alarm).
 *
 * Duplicates bench-kit's `seededRandom` (libs/bench-kit/src/stats/random.ts); to be unified once
 * bench-kit exports its stats.
 */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal variate by Box-Muller (for synthetic data). */
export function gaussian(random: Random, mean = 0, sd = 1): number {
  let u = 0;
  while (u === 0) u = random();
  const v = random();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
