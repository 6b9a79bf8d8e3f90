import type { HttpSession } from '../driver/http-session.ts';
import type { LoadTarget } from '../driver/load-target.ts';

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
