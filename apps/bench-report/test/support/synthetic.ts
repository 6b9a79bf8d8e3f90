import { median, normal, type Random } from '@workflow-bench/bench-kit';

/**
 * Synthetic benchmark samples with "5% noise", modelled on what a timing harness sees:
 * - each round (fresh process) has its own multiplicative offset, sd `roundSd` (JIT/layout/frequency);
 * - within a round, samples follow an AR(1) process in log space with marginal sd `withinSd` and
 *   lag-1 correlation `rho` (neighbouring samples share machine state);
 * - a share `outlierRate` of samples are hit by a GC-pause-like spike of +20..+60%.
 * With the defaults the samples' total coefficient of variation is about 5%.
 */
export interface NoiseModel {
  roundSd: number;
  withinSd: number;
  rho: number;
  outlierRate: number;
}

export const FIVE_PERCENT_NOISE: NoiseModel = { roundSd: 0.01, withinSd: 0.049, rho: 0.3, outlierRate: 0.02 };

export interface SyntheticSide {
  samples: number[];
  roundEstimates: number[];
}

export function syntheticSide(
  random: Random,
  opts: { value: number; samplesPerRound: number; rounds: number; noise?: NoiseModel },
): SyntheticSide {
  const noise = opts.noise ?? FIVE_PERCENT_NOISE;
  const samples: number[] = [];
  const roundEstimates: number[] = [];
  const innovationSd = noise.withinSd * Math.sqrt(1 - noise.rho * noise.rho);
  for (let r = 0; r < opts.rounds; r++) {
    const offset = normal(random, 0, noise.roundSd);
    let e = normal(random, 0, noise.withinSd);
    const round: number[] = [];
    for (let i = 0; i < opts.samplesPerRound; i++) {
      if (i > 0) e = noise.rho * e + normal(random, 0, innovationSd);
      let v = opts.value * Math.exp(offset + e);
      if (random() < noise.outlierRate) v *= 1.2 + 0.4 * random();
      round.push(v);
    }
    samples.push(...round);
    roundEstimates.push(median(round));
  }
  return { samples, roundEstimates };
}

