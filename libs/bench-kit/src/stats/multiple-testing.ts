/**
 * Benjamini-Hochberg step-up adjustment: returns adjusted p-values (q-values) in input order.
 * A benchmark is significant at false-discovery rate alpha when its adjusted p is <= alpha.
 * NaN entries (benchmarks with no test) are passed through and do not count towards m.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const indexed = pValues
    .map((p, i) => ({ p, i }))
    .filter((e) => Number.isFinite(e.p))
    .sort((a, b) => a.p - b.p);
  const m = indexed.length;
  const adjusted = pValues.map(() => NaN);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    running = Math.min(running, (indexed[k].p * m) / (k + 1));
    adjusted[indexed[k].i] = Math.min(1, running);
  }
  return adjusted;
}
