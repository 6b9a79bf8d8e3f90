import { normalUpperTail } from './normal.ts';

export interface MannWhitneyResult {
  /** U of the second sample (`y`): the number of pairs (x, y) with y > x, ties counting 1/2. */
  u: number;
  z: number;
  /** Two-sided p-value from the normal approximation. */
  p: number;
}

/**
 * Mann-Whitney U test, normal approximation with tie correction and continuity correction.
 * Meant for samples large enough for the approximation to hold (tens of values a side).
 */
export function mannWhitney(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const m = x.length;
  const n = y.length;
  const all = [...x.map((v) => ({ v, g: 0 })), ...y.map((v) => ({ v, g: 1 }))].sort((a, b) => a.v - b.v);
  const N = m + n;
  let rankSumY = 0;
  let tieTerm = 0;
  for (let i = 0; i < N; ) {
    let j = i;
    while (j + 1 < N && all[j + 1].v === all[i].v) j++;
    const t = j - i + 1;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (all[k].g === 1) rankSumY += rank;
    if (t > 1) tieTerm += t * t * t - t;
    i = j + 1;
  }
  const u = rankSumY - (n * (n + 1)) / 2;
  const meanU = (m * n) / 2;
  const varU = ((m * n) / 12) * (N + 1 - tieTerm / (N * (N - 1)));
  if (varU <= 0) return { u, z: 0, p: 1 };
  const diff = u - meanU;
  const corrected = Math.max(0, Math.abs(diff) - 0.5);
  const z = (Math.sign(diff) * corrected) / Math.sqrt(varU);
  return { u, z, p: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}
