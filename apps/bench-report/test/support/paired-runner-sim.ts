import { normal, type PairedBenchmarkResult, type PairedRound, type Random } from '@workflow-bench/bench-kit';

/**
 * Data shaped like bench-kit's `--against` comparison file (results/comparison-schema.ts), from the
 * measurements of issue 14: R fresh processes, Q ABBA/BAAB quads each, ~5 ms samples.
 * - Each process has its own level (fresh-process spread, 10-74% measured): cancels in a pair.
 * - Each quad shares a load level (the 3-8% unpaired spread within a process): cancels in a quad.
 * - Each sample has its own noise: paired log-ratio sd `pairedSd` (1.5-3.2% measured at rest);
 *   under load heavy-tailed (Student t3) with a share `spikeRate` of samples preempted (+50-200%).
 * - Each process has a copy bias, sd `copyBiasSd` (identical copies differed by up to 2.3%): the
 *   head copy runs that much slower or faster in that process only.
 */
export interface PairedNoise {
  pairedSd: number;
  unpairedSd: number;
  processSd: number;
  copyBiasSd: number;
  heavyTails: boolean;
  spikeRate: number;
}

export const AT_REST: PairedNoise = { pairedSd: 0.024, unpairedSd: 0.05, processSd: 0.25, copyBiasSd: 0.015, heavyTails: false, spikeRate: 0 };
export const UNDER_LOAD: PairedNoise = { pairedSd: 0.032, unpairedSd: 0.08, processSd: 0.4, copyBiasSd: 0.02, heavyTails: true, spikeRate: 0.03 };

function t3(random: Random): number {
  let chi = 0;
  for (let i = 0; i < 3; i++) chi += normal(random) ** 2;
  return normal(random) / Math.sqrt(chi / 3) / Math.sqrt(3); // unit variance
}

export function simulatePaired(
  random: Random,
  id: string,
  opts: { processes: number; quads: number; slowdown: number; noise: PairedNoise; valueNs?: number },
): PairedBenchmarkResult {
  const { noise } = opts;
  const value = opts.valueNs ?? 5000;
  // A quad's log ratio is (e_h0 + e_h1)/2 − (e_b0 + e_b1)/2: sd = e's sd.
  const eSd = noise.pairedSd;
  const rounds: PairedRound[] = [];
  for (let r = 0; r < opts.processes; r++) {
    const level = normal(random, 0, noise.processSd);
    const copyBias = normal(random, 0, noise.copyBiasSd);
    const base: number[] = [];
    const head: number[] = [];
    const quadOrder: ('ABBA' | 'BAAB')[] = [];
    for (let q = 0; q < opts.quads; q++) {
      const load = noise.heavyTails ? noise.unpairedSd * t3(random) : normal(random, 0, noise.unpairedSd);
      const sample = (headSide: boolean) => {
        const e = noise.heavyTails ? eSd * t3(random) : normal(random, 0, eSd);
        let v = value * Math.exp(level + load + e + (headSide ? copyBias + Math.log1p(opts.slowdown) : 0));
        if (random() < noise.spikeRate) v *= 1.5 + 1.5 * random();
        return v;
      };
      base.push(sample(false), sample(false));
      head.push(sample(true), sample(true));
      quadOrder.push(random() < 0.5 ? 'ABBA' : 'BAAB');
    }
    rounds.push({ process: r + 1, firstSide: r % 2 ? 'head' : 'base', base, head, baseIterations: base.map(() => 1000), headIterations: head.map(() => 1000), quadOrder });
  }
  const [project, group, ...rest] = id.split('/');
  return {
    id, project, group, ...(rest.length ? { name: rest.join('/') } : {}),
    presence: 'both', status: 'ok', kind: 'timed', unit: 'ns', lowerIsBetter: true, rounds, warnings: [], durationMs: 0,
  };
}
