import type { ComparisonFile } from '@workflow-bench/bench-kit';

/**
 * Which clock a comparison's timed benchmarks were compared on, for the reports' headers:
 * "CPU time" (bench-kit's default for synchronous benchmarks: a neighbour preempting the process
 * does not count), "wall time", or both when a file mixes synchronous and asynchronous ones.
 * Files written before the clock was recorded compared wall time.
 */
export function pairedClock(c: ComparisonFile): string {
  const clocks = new Set<string>();
  for (const b of c.benchmarks) {
    if (b.kind !== 'timed') continue;
    for (const r of b.rounds) clocks.add(r.clock ?? 'wall');
  }
  if (clocks.size === 0) return 'whole measurements';
  if (clocks.size === 2) return 'CPU time (synchronous), wall time (asynchronous)';
  return clocks.has('cpu') ? 'CPU time' : 'wall time';
}
