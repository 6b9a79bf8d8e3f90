import type { ComparisonFile, PairedClock } from '@workflow-bench/bench-kit';

const LABEL: Record<PairedClock, string> = {
  wall: 'wall time',
  cpu: 'CPU time',
  least: 'per sample the less of wall and CPU time',
};

/**
 * Which clock a comparison's timed benchmarks were compared on, for the reports' headers (see
 * bench-kit's `PairedClock`; asynchronous benchmarks always compare wall time). Files written
 * before the clock was recorded compared wall time.
 */
export function pairedClock(c: ComparisonFile): string {
  const clocks = new Set<PairedClock>();
  for (const b of c.benchmarks) {
    if (b.kind !== 'timed') continue;
    for (const r of b.rounds) clocks.add(r.clock ?? 'wall');
  }
  if (clocks.size === 0) return 'whole measurements';
  const sync = [...clocks].filter((k) => k !== 'wall');
  if (sync.length === 0) return LABEL.wall;
  return clocks.has('wall') ? `${sync.map((k) => LABEL[k]).join(', ')} (synchronous), wall time (asynchronous)` : sync.map((k) => LABEL[k]).join(', ');
}
