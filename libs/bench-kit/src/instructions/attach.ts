import type { RawBenchmark } from '../runner/protocol.ts';
import { min } from '../stats/descriptive.ts';

export interface RegionPlan {
  id: string;
  /** Iterations of each region in the order run: N1, N2, N1, N2, … */
  iterations: number[];
  /** Leading (N1, N2) pairs run only to warm the region up. */
  discardPairs: number;
}

/**
 * Maps callgrind's dumps onto the regions the child ran. Dump k is taken on entry to region k and
 * holds what was collected since dump k-1, i.e. region k-1; the final dump at exit holds the last
 * region. So the first dump must be empty and there must be exactly one dump per region.
 */
export function attachInstructionCounts(
  results: RawBenchmark[],
  regions: RegionPlan[],
  dumps: number[],
): void {
  const expected = regions.reduce((a, r) => a + r.iterations.length, 0);
  const byId = new Map(results.map((r) => [r.id, r]));
  const counts = dumps.slice(1);
  if (regions.length === 0) return;
  if (dumps.length === 0 || dumps[0] !== 0 || counts.length !== expected || dumps.every((d) => d === 0)) {
    const reason =
      dumps.length === 0 || dumps.every((d) => d === 0)
        ? 'callgrind counted nothing: the node binary may be stripped of symbols (callgrind needs node::contextify::ContextifyScript::EvalMachine to mark regions)'
        : `callgrind produced ${counts.length} region dumps for ${expected} regions (something else ran vm scripts during the benchmark)`;
    for (const r of regions) {
      const raw = byId.get(r.id);
      if (raw && raw.status === 'ok') Object.assign(raw, { status: 'failed', reason, values: [], iterations: [] });
    }
    return;
  }
  let k = 0;
  for (const r of regions) {
    const totals = counts.slice(k, k + r.iterations.length);
    k += r.iterations.length;
    const raw = byId.get(r.id);
    if (!raw || raw.status !== 'ok') continue;
    const values: number[] = [];
    const iterations: number[] = [];
    const n1s: number[] = [];
    const n2s: number[] = [];
    let dropped = 0;
    for (let i = 2 * r.discardPairs; i + 1 < totals.length; i += 2) {
      n1s.push(totals[i]);
      n2s.push(totals[i + 1]);
      // A pair whose longer region counted no more than its shorter one had extra work (a major
      // GC, a deoptimisation) in the shorter region: its difference is not a cost, and a
      // non-positive "instruction count" is no sample (the report rejects it). Drop the pair.
      if (totals[i + 1] - totals[i] <= 0) {
        dropped++;
        continue;
      }
      values.push(totals[i + 1] - totals[i]);
      iterations.push(r.iterations[i + 1] - r.iterations[i]);
    }
    if (values.length === 0) {
      Object.assign(raw, { status: 'failed', reason: `every counted region pair (${dropped}) gave a non-positive difference: the regions are dominated by noise`, values: [], iterations: [] });
      continue;
    }
    raw.values = values;
    raw.iterations = iterations;
    // Extra work (a GC, a late tier-up) only ever adds instructions, so the difference of the
    // minima is a second, outlier-proof estimate worth recording beside the median of pairs.
    const span = r.iterations[1] - r.iterations[0];
    raw.details = { ...raw.details, minBasedPerIteration: (min(n2s) - min(n1s)) / span };
    if (dropped > 0) raw.warnings.push(`${dropped} of ${dropped + values.length} region pairs dropped: the shorter region counted as many instructions as the longer (extra work such as a GC landed in it)`);
  }
}

