import { median, normal, type Random } from '@workflow-bench/bench-kit';

/**
 * Synthetic samples whose fresh processes differ by a level offset (issue 21), unlike synthetic.ts
 * (1% Gaussian offset). Per round (one fresh process):
 * - with probability `slowCoreRate` the whole round lands on a "slow core": +`slowCoreShift`;
 * - plus a heavy-tailed offset: Student t with `tailDf` degrees of freedom, scaled to sd `offsetSd`;
 * - a slow drift through the round, its total size drawn from ±`drift`.
 * - optionally, continuous interference: a gamma-distributed slow-down of the whole round (shape
 *   `interference.shape`, mean `interference.mean` on the log scale): every round is disturbed a
 *   little, a few a lot, none gets faster (a busy neighbour whose load varies).
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
  interference?: { shape: number; mean: number };
}

/** The issue's model: CV 5%, 30% of rounds +15%, 3% outliers of 2-5x, slow drift; plus a heavy-tailed 1% offset. */
export const ISSUE_21_NOISE: ProcessNoise = { cv: 0.05, slowCoreRate: 0.3, slowCoreShift: 0.15, offsetSd: 0.01, tailDf: 3, drift: 0.02, outlierRate: 0.03 };

/** A second model: rarer, larger disturbances (15% of rounds +30%). */
export const RARE_LARGE_NOISE: ProcessNoise = { ...ISSUE_21_NOISE, slowCoreRate: 0.15, slowCoreShift: 0.3 };

/** A third model: no separate slow mode; every round slowed by a gamma amount (shape 0.5, mean 5%). */
export const GAMMA_INTERFERENCE_NOISE: ProcessNoise = { ...ISSUE_21_NOISE, slowCoreRate: 0, interference: { shape: 0.5, mean: 0.05 } };

function studentT(random: Random, df: number): number {
  // t = Z / sqrt(χ²_df / df), χ² as a sum of squared normals (df is a small integer here).
  let chi = 0;
  for (let i = 0; i < df; i++) chi += normal(random) ** 2;
  return normal(random) / Math.sqrt(chi / df);
}

/** Gamma(shape, 1) by Marsaglia and Tsang (shape < 1 boosted by U^(1/shape)). */
export function gammaVariate(random: Random, shape: number): number {
  if (shape < 1) return gammaVariate(random, shape + 1) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    if (Math.log(random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** One benchmark's samples as bench-kit records them (rounds pooled, with their boundaries). */
export interface NoisySide {
  samples: number[];
  roundEstimates: number[];
  roundSampleCounts: number[];
}

/** A round landing on the slow core: +`slowCoreShift` with probability `slowCoreRate`. */
function slowCore(random: Random, noise: ProcessNoise): number {
  return random() < noise.slowCoreRate ? Math.log1p(noise.slowCoreShift) : 0;
}

/** Continuous interference: a gamma-distributed slow-down of the round (0 without it). */
function interference(random: Random, noise: ProcessNoise): number {
  return noise.interference ? (noise.interference.mean / noise.interference.shape) * gammaVariate(random, noise.interference.shape) : 0;
}

function tOffset(random: Random, noise: ProcessNoise): number {
  // Student t with df > 2 has variance df / (df - 2): scale it to the requested sd.
  return (noise.offsetSd / Math.sqrt(noise.tailDf / (noise.tailDf - 2))) * studentT(random, noise.tailDf);
}

function roundSamples(random: Random, value: number, offset: number, samplesPerRound: number, noise: ProcessNoise): number[] {
  const sigma = Math.sqrt(Math.log(1 + noise.cv * noise.cv));
  const drift = (2 * random() - 1) * noise.drift;
  const round: number[] = [];
  for (let i = 0; i < samplesPerRound; i++) {
    let v = value * Math.exp(offset + drift * (i / samplesPerRound) + normal(random, -sigma * sigma / 2, sigma));
    if (random() < noise.outlierRate) v *= 2 + 3 * random();
    round.push(v);
  }
  return round;
}

/**
 * One run of several benchmarks of one bench file, as bench-kit runs them: in each round all of
 * them share one fresh process, so where it landed (slow core, interference) and a heavy-tailed
 * offset (sd `offsetSd`) move them all together; each benchmark adds its own heavy-tailed offset
 * (sd `offsetSd` again: memory layout, its own caches) and drift. `processNoiseSide` draws every
 * offset per benchmark instead, the hardest case for the verdict.
 */
export function processNoiseRun(
  random: Random,
  opts: { values: readonly number[]; samplesPerRound: number; rounds: number; noise: ProcessNoise; /** Which rounds land on the slow core, instead of drawing it. */ slowRounds?: readonly boolean[] },
): NoisySide[] {
  const { noise } = opts;
  const sides: NoisySide[] = opts.values.map(() => ({ samples: [], roundEstimates: [], roundSampleCounts: [] }));
  for (let r = 0; r < opts.rounds; r++) {
    // Where the process landed (slow core, interference), then the file's heavy-tailed offset.
    const landing = opts.slowRounds ? (opts.slowRounds[r] ? Math.log1p(noise.slowCoreShift) : 0) : slowCore(random, noise) + interference(random, noise);
    const shared = landing + tOffset(random, noise);
    opts.values.forEach((value, b) => {
      const round = roundSamples(random, value, shared + tOffset(random, noise), opts.samplesPerRound, noise);
      sides[b]!.samples.push(...round);
      sides[b]!.roundEstimates.push(median(round));
      sides[b]!.roundSampleCounts.push(opts.samplesPerRound);
    });
  }
  return sides;
}

export function processNoiseSide(random: Random, opts: { value: number; samplesPerRound: number; rounds: number; noise: ProcessNoise }): NoisySide {
  const { noise } = opts;
  const side: NoisySide = { samples: [], roundEstimates: [], roundSampleCounts: [] };
  for (let r = 0; r < opts.rounds; r++) {
    const offset = slowCore(random, noise) + tOffset(random, noise) + interference(random, noise);
    const round = roundSamples(random, opts.value, offset, opts.samplesPerRound, noise);
    side.samples.push(...round);
    side.roundEstimates.push(median(round));
    side.roundSampleCounts.push(opts.samplesPerRound);
  }
  return side;
}
