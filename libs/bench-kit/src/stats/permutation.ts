import { seededRandom } from './random.ts';

export interface PermutationResult {
  /** Observed mean(y) - mean(x). */
  statistic: number;
  /** Two-sided p-value: share of relabelings with |statistic| at least the observed one. */
  p: number;
  exact: boolean;
  permutations: number;
}

/** Relabelings are enumerated exhaustively up to this count, Monte-Carlo sampled above it. */
export const EXACT_PERMUTATION_LIMIT = 20_000;

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/**
 * Two-sample permutation test of the difference of means. Exact (all C(m+n, m) relabelings)
 * when that is at most EXACT_PERMUTATION_LIMIT; otherwise `resamples` random relabelings with a
 * seeded PRNG and the (1 + hits) / (1 + resamples) estimate, which never reports p = 0.
 * Its smallest attainable p is 2 / C(m+n, m), which is why few units can never be significant.
 */
export function permutationTest(
  x: readonly number[],
  y: readonly number[],
  options: { resamples?: number; seed?: number } = {},
): PermutationResult {
  const m = x.length;
  const n = y.length;
  const pooled = [...x, ...y];
  const N = m + n;
  const total = pooled.reduce((a, b) => a + b, 0);
  const sumY = y.reduce((a, b) => a + b, 0);
  const stat = (sY: number) => sY / n - (total - sY) / m;
  const observed = stat(sumY);
  // Compare with a tolerance so relabelings equal to the observed one up to rounding count as hits.
  const bar = Math.abs(observed) * (1 - 1e-12) - 1e-15;
  const count = binomial(N, n);
  if (count <= EXACT_PERMUTATION_LIMIT) {
    let hits = 0;
    let seen = 0;
    const idx = Array.from({ length: n }, (_, i) => i);
    for (;;) {
      let s = 0;
      for (let i = 0; i < n; i++) s += pooled[idx[i]];
      seen++;
      if (Math.abs(stat(s)) >= bar) hits++;
      let i = n - 1;
      while (i >= 0 && idx[i] === N - n + i) i--;
      if (i < 0) break;
      idx[i]++;
      for (let j = i + 1; j < n; j++) idx[j] = idx[j - 1] + 1;
    }
    return { statistic: observed, p: hits / seen, exact: true, permutations: seen };
  }
  const resamples = options.resamples ?? 10_000;
  const random = seededRandom(options.seed ?? 0x9e3779b9);
  const buf = pooled.slice();
  let hits = 0;
  for (let r = 0; r < resamples; r++) {
    // Partial Fisher-Yates: the first n positions become a random y-group.
    let s = 0;
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(random() * (N - i));
      const t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
      s += buf[i];
    }
    if (Math.abs(stat(s)) >= bar) hits++;
  }
  return { statistic: observed, p: (1 + hits) / (1 + resamples), exact: false, permutations: resamples };
}
