import { formatBytes, median } from '@workflow-bench/bench-kit';
import { theilSenSlope } from './theil-sen.ts';

const bytes = (b: number): string => formatBytes(Math.round(b));

export interface LeakCriteria {
  /** Rounds at the start left out of the trend: module loading, JIT code, lazy caches (default 1). */
  warmUpRounds?: number;
  /** Growth over the measured rounds below this many bytes is never a leak (default 1 MiB). */
  minGrowthBytes?: number;
  /** ...nor growth below this fraction of the heap at the first measured round (default 0.05). */
  minGrowthRatio?: number;
}

export interface LeakVerdict {
  leak: boolean;
  /** Theil–Sen slope of heap-after-GC per round, bytes. */
  slopeBytesPerRound: number;
  /** The slope times the measured span: how much the trend grew over the run, bytes. */
  growthBytes: number;
  /** The growth a leak must exceed, bytes. */
  thresholdBytes: number;
  /** heapUsed after GC of every round, bytes (warm-up rounds included). */
  heapAfterGc: number[];
  measuredRounds: number;
  summary: string;
}

/**
 * Decides whether heap-after-GC keeps growing across repetitions of a workload: a leak when the
 * robust trend (Theil–Sen slope) is positive and the growth it implies over the measured rounds
 * is above both an absolute and a relative threshold. A workload whose heap settles after
 * warm-up, or wobbles around a level, passes.
 */
export function judgeLeak(heapAfterGc: readonly number[], criteria: LeakCriteria = {}): LeakVerdict {
  const warmUp = criteria.warmUpRounds ?? 1;
  const measured = heapAfterGc.slice(warmUp);
  if (measured.length < 3) {
    throw new RangeError(`leak check needs at least 3 measured rounds after ${warmUp} warm-up, got ${measured.length}`);
  }
  const x = measured.map((_, i) => i);
  const slope = theilSenSlope(x, measured);
  const growth = slope * (measured.length - 1);
  const base = measured[0]!;
  const threshold = Math.max(criteria.minGrowthBytes ?? 1024 * 1024, (criteria.minGrowthRatio ?? 0.05) * base);
  const leak = slope > 0 && growth > threshold;
  const summary = leak
    ? `LEAK: heap after GC grows ~${bytes(slope)} per round (+${bytes(growth)} over ${measured.length} rounds, threshold ${bytes(threshold)})`
    : `no leak: heap after GC ${slope >= 0 ? '+' : '−'}${bytes(Math.abs(growth))} over ${measured.length} rounds (threshold ${bytes(threshold)}), median ${bytes(median(measured))}`;
  return {
    leak,
    slopeBytesPerRound: slope,
    growthBytes: growth,
    thresholdBytes: threshold,
    heapAfterGc: [...heapAfterGc],
    measuredRounds: measured.length,
    summary,
  };
}
