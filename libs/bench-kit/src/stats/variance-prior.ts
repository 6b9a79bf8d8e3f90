/**
 * A prior for variances that many small samples share: s0² with d0 degrees of freedom (a scaled
 * inverse-χ² prior, as in limma's moderated t). `d0` is capped at the pooled degrees of freedom:
 * a prior is never more certain than the data it came from.
 */
export interface VariancePrior {
  s0sq: number;
  d0: number;
  /** How many variances it was fitted on. */
  fittedOn: number;
}

/**
 * Fits the prior by moments of the variances themselves. s0² is the pooled variance
 * Σ dᵢ sᵢ² / Σ dᵢ. Under a common variance, Var(sᵢ²) / σ⁴ = 2 / dᵢ (normal data); if the variances
 * also differ by a prior with d0 degrees of freedom, the excess is about (2 / d0)(1 + 2 / dᵢ). So d0
 * comes from how much more the sᵢ² scatter than sampling alone explains; no excess means the pooled
 * variance, with all its degrees of freedom.
 *
 * Why not limma's fit on log sᵢ² (Smyth 2004): with 2-10 degrees of freedom, log sᵢ² is dominated
 * by its lower tail, and data whose offsets come from a mixture (most processes normal, some on a
 * slow core) give many near-zero sᵢ² (all rounds alike); the log-scale fit reads that as
 * heterogeneity, weakens the prior, and then trusts exactly those near-zero variances. On the raw
 * scale a near-zero variance is just below the mean, and only variances well above the pool (a
 * benchmark truly noisier than the rest) weaken the prior.
 *
 * Returns null with fewer than two variances (nothing to pool).
 */
export function fitVariancePrior(variances: readonly number[], dfs: readonly number[]): VariancePrior | null {
  const kept = variances.map((v, i) => ({ v, d: dfs[i] })).filter((e) => e.d > 0 && Number.isFinite(e.v) && e.v >= 0);
  const g = kept.length;
  if (g < 2) return null;
  const totalDf = kept.reduce((a, k) => a + k.d, 0);
  const pooled = kept.reduce((a, k) => a + k.d * k.v, 0) / totalDf;
  if (!(pooled > 0)) return { s0sq: 0, d0: totalDf, fittedOn: g };
  let excess = 0;
  let scale = 0;
  for (const k of kept) {
    excess += ((k.v - pooled) / pooled) ** 2 - 2 / k.d;
    scale += 2 * (1 + 2 / k.d);
  }
  const d0 = excess > 0 ? Math.min(scale / excess, totalDf) : totalDf;
  return { s0sq: pooled, d0, fittedOn: g };
}

/** The posterior (moderated) variance (d0 s0² + d s²) / (d0 + d), with d0 + d degrees of freedom. */
export function moderatedVariance(s2: number, d: number, prior: { s0sq: number; d0: number } | null): { variance: number; df: number } {
  if (!prior || prior.d0 <= 0) return { variance: s2, df: d };
  return { variance: (prior.d0 * prior.s0sq + d * s2) / (prior.d0 + d), df: prior.d0 + d };
}
