import { hrtime } from 'node:process';
import type { TimerInfo } from '../results/schema.ts';

export const now = hrtime.bigint;

/**
 * Resolution = smallest non-zero step between consecutive clock readings; overhead = mean cost of
 * one reading. Samples are planned so each is far above the resolution (Criterion's reasoning).
 */
export function measureTimer(readings = 20_000): Pick<TimerInfo, 'resolutionNs' | 'overheadNs'> {
  // The first pass only warms the clock path up (interpreter → optimised code); the second counts.
  readClock(readings);
  return readClock(readings);
}

function readClock(readings: number): Pick<TimerInfo, 'resolutionNs' | 'overheadNs'> {
  let resolution = Infinity;
  let prev = now();
  const start = prev;
  for (let i = 0; i < readings; i++) {
    const t = now();
    const d = Number(t - prev);
    if (d > 0 && d < resolution) resolution = d;
    prev = t;
  }
  const overheadNs = Number(prev - start) / readings;
  return { resolutionNs: Number.isFinite(resolution) ? resolution : 1, overheadNs };
}
