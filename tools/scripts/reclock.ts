/**
 * Re-judges saved `--against` comparison files as if their timed benchmarks had been compared on
 * another clock (wall, cpu, least): every file holds each sample's wall time (the sides' samples)
 * and its CPU time (the rounds' values when the run's clock was cpu), so the choice of clock is a
 * function of recorded samples and can be evaluated on the same runs.
 *
 *   node --import tsx tools/scripts/reclock.ts <comparison.json>...   (prints one JSON line per file and clock)
 */
import { readFileSync } from 'node:fs';
import { timesOnClock, type ComparisonFile, type PairedClock } from '@workflow-bench/bench-kit';
import { evaluatePaired } from '@workflow-bench/bench-report';

function reclock(c: ComparisonFile, clock: PairedClock): ComparisonFile {
  const benchmarks = c.benchmarks.map((b) => {
    if (b.kind !== 'timed' || b.rounds.length === 0 || !b.base || !b.head) return b;
    if (b.rounds.some((r) => (r.clock ?? 'wall') !== 'cpu')) throw new Error(`${b.id}: rounds are not on the cpu clock`);
    let offset = 0;
    const rounds = b.rounds.map((r) => {
      const n = r.base.length;
      const wallBase = b.base!.samples.slice(offset, offset + n);
      const wallHead = b.head!.samples.slice(offset, offset + n);
      offset += n;
      return { ...r, clock, base: timesOnClock(clock, wallBase, r.base), head: timesOnClock(clock, wallHead, r.head) };
    });
    if (offset !== b.base.samples.length) throw new Error(`${b.id}: samples do not line up with rounds`);
    return { ...b, rounds };
  });
  return { ...c, benchmarks };
}

for (const file of process.argv.slice(2)) {
  const c = JSON.parse(readFileSync(file, 'utf8')) as ComparisonFile;
  for (const clock of ['cpu', 'wall', 'least'] as const) {
    const verdicts = evaluatePaired(reclock(c, clock).benchmarks).map((v) => ({
      id: v.id,
      outcome: v.outcome,
      change: v.comparison?.change.point ?? null,
      lower: v.comparison?.change.lower ?? null,
      upper: v.comparison?.change.upper ?? null,
    }));
    console.log(JSON.stringify({ file, clock, verdicts }));
  }
}
