import type { HttpSession, LoadTarget } from '../driver/http-session.ts';

export interface IterationContext {
  /** 1-based virtual-user number. */
  vu: number;
  /** 0-based iteration number across the run. */
  iteration: number;
  /** Deterministic per-VU random numbers in [0, 1). */
  random(): number;
}

/**
 * What one iteration of a load test does (one user action or a whole workflow), plus optional
 * untimed setup against the target (e.g. seeding submissions that status checks then read).
 */
export interface Scenario<D = unknown> {
  name: string;
  description: string;
  setup?: (target: LoadTarget) => Promise<D>;
  iteration: (http: HttpSession, data: D, ctx: IterationContext) => Promise<void>;
}

/** A small, fast, seeded PRNG (mulberry32): reproducible request mixes without Math.random. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
