import type { Stage } from './executors.ts';

interface Segment {
  startS: number;
  durationS: number;
  fromRate: number;
  toRate: number;
  /** Iterations due before this segment starts. */
  countBefore: number;
}

/**
 * When each iteration of an open-model run is due: the rate (iterations/s) is piecewise linear
 * over the stages, and iteration k (0-based) is due when the integral of the rate reaches k.
 *
 * The schedule is computed from the start time, never from when the previous send happened, so a
 * stalled driver sends late iterations with their original intended times.
 */
export class ArrivalSchedule {
  private readonly segments: Segment[] = [];
  readonly durationS: number;
  /** Iterations due over the whole schedule. */
  readonly totalIterations: number;

  constructor(startRate: number, stages: readonly Stage[]) {
    let t = 0;
    let count = 0;
    let rate = startRate;
    for (const s of stages) {
      if (s.durationS <= 0) {
        rate = s.target;
        continue;
      }
      this.segments.push({ startS: t, durationS: s.durationS, fromRate: rate, toRate: s.target, countBefore: count });
      count += ((rate + s.target) / 2) * s.durationS;
      t += s.durationS;
      rate = s.target;
    }
    this.durationS = t;
    this.totalIterations = Math.floor(count + 1e-9);
  }

  static constant(rate: number, durationS: number): ArrivalSchedule {
    return new ArrivalSchedule(rate, [{ durationS, target: rate }]);
  }

  /** Seconds after the start at which iteration k is due, or undefined if it is beyond the schedule. */
  dueAtS(k: number): number | undefined {
    for (const seg of this.segments) {
      const inSeg = ((seg.fromRate + seg.toRate) / 2) * seg.durationS;
      const c = k - seg.countBefore;
      if (c < 0 || c >= inSeg - 1e-9) continue;
      // Solve a·τ² + b·τ = c for the first τ >= 0 (a = slope/2, b = start rate); the form
      // 2c / (b + √(b² + 4ac)) stays accurate when a is tiny or negative.
      const a = (seg.toRate - seg.fromRate) / (2 * seg.durationS);
      const b = seg.fromRate;
      const disc = b * b + 4 * a * c;
      const denom = b + Math.sqrt(Math.max(0, disc));
      const tau = denom > 0 ? (2 * c) / denom : Math.sqrt(c / a);
      return seg.startS + Math.min(tau, seg.durationS);
    }
    return undefined;
  }

  /** The offered rate at time t (iterations/s). */
  rateAt(tS: number): number {
    for (const seg of this.segments) {
      if (tS < seg.startS + seg.durationS) return seg.fromRate + ((seg.toRate - seg.fromRate) * (tS - seg.startS)) / seg.durationS;
    }
    return 0;
  }
}
