import { median, normal, type Random } from '@workflow-bench/bench-kit';

/**
 * Synthetic samples whose fresh processes differ by a level offset (issue 21), unlike synthetic.ts
 * (1% Gaussian offset). Per round (one fresh process):
 * - with probability `slowCoreRate` the whole round lands on a "slow core": +`slowCoreShift`;
 * - plus a heavy-tailed offset: Student t with `tailDf` degrees of freedom, scaled to sd `offsetSd`;
 * - a slow drift through the round, its total size drawn from ±`drift`.
 * Per sample: log-normal noise with coefficient of variation `cv`, and a share `outlierRate` of
 * outliers 2-5x (GC pauses, preemption).
 */
export interface ProcessNoise {
  cv: number;
  slowCoreRate: number;
  slowCoreShift: number;
  offsetSd: number;
  tailDf: number;
  drift: number;
  outlierRate: number;
}

/** The issue's model: CV 5%, 30% of rounds +15%, 3% outliers of 2-5x, slow drift; plus a heavy-tailed 1% offset. */
export const ISSUE_21_NOISE: ProcessNoise = { cv: 0.05, slowCoreRate: 0.3, slowCoreShift: 0.15, offsetSd: 0.01, tailDf: 3, drift: 0.02, outlierRate: 0.03 };

function studentT(random: Random, df: number): number {
  // t = Z / sqrt(χ²_df / df), χ² as a sum of squared normals (df is a small integer here).
  let chi = 0;
  for (let i = 0; i < df; i++) chi += normal(random) ** 2;
  return normal(random) / Math.sqrt(chi / df);
}

export function processNoiseSide(
  random: Random,
  opts: { value: number; samplesPerRound: number; rounds: number; noise: ProcessNoise },
): { samples: number[]; roundEstimates: number[]; roundSampleCounts: number[] } {
  const { noise } = opts;
  const sigma = Math.sqrt(Math.log(1 + noise.cv * noise.cv));
  // Student t with df > 2 has variance df / (df - 2): scale it to the requested sd.
  const tScale = noise.offsetSd / Math.sqrt(noise.tailDf / (noise.tailDf - 2));
  const samples: number[] = [];
  const roundEstimates: number[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    const offset = (random() < noise.slowCoreRate ? Math.log1p(noise.slowCoreShift) : 0) + tScale * studentT(random, noise.tailDf);
    const drift = (2 * random() - 1) * noise.drift;
    const round: number[] = [];
    for (let i = 0; i < opts.samplesPerRound; i++) {
      let v = opts.value * Math.exp(offset + drift * (i / opts.samplesPerRound) + normal(random, -sigma * sigma / 2, sigma));
      if (random() < noise.outlierRate) v *= 2 + 3 * random();
      round.push(v);
    }
    samples.push(...round);
    roundEstimates.push(median(round));
  }
  return { samples, roundEstimates, roundSampleCounts: Array(opts.rounds).fill(opts.samplesPerRound) };
}
