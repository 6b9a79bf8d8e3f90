import type { PairedClock, Side } from '../results/comparison-schema.ts';
import type { Random } from '../stats/random.ts';
import type { Loop } from './sampler.ts';

/**
 * Sampling two revisions of a benchmark in one process, interleaved (`--against`).
 *
 * Between fresh processes the same benchmark moves 10–74% on a shared machine; inside one process,
 * short samples of two loaded copies taken A,B,B,A moved only 1.5–3.2% relative to each other.
 * So each sample is short (~4 ms), the two sides alternate in quads whose order (ABBA or BAAB) is
 * drawn at random — a drift inside a quad then hits both sides equally, and no side is always
 * first — and a minor GC (a scavenge of the young generation, well under a millisecond) runs
 * before EVERY sample, so each starts with an empty nursery and an allocating benchmark pays the
 * same scavenges in every sample. Measured on parseTma (two loaded copies, ABBA quads, load 7–8):
 * the sd of a quad's log ratio was 41–56% with a full GC per quad, 24–63% with a full GC per
 * sample (its concurrent sweeping lands in the next sample), 2.5–9% with a minor GC per sample.
 */
export interface PairedPlan {
  /** Target duration of one sample, ns (k iterations of a side's loop, k chosen per side). */
  sampleNs: number;
  /** Quads per process (fewer for slow benchmarks: see `minQuads`). */
  quads: number;
  /** Quads per process at the least, whatever a sample costs. */
  minQuads: number;
  /** Warm-up cap per side, ms. */
  warmUpTimeMs: number;
  /** Warm-up per side before it may end as settled, ms (SamplingPlan.warmUpFloorMs). */
  warmUpFloorMs: number;
  /** Fresh processes per bench file (the default of `--rounds` in a comparison). */
  rounds: number;
  /**
   * Which clock the quads of synchronous benchmarks compare (`PairedClock`: wall, cpu, least).
   * Asynchronous benchmarks always use wall time (their waiting is part of the cost). `least` by
   * default. With one busy loop per core (2 cores, load 3.5) a ~4 ms sample is often cut by a
   * whole scheduler slice of a neighbour: the within-process sd of a quad's log ratio on 12 core
   * ids was 12–39% on wall time against 1.2–6% on CPU time. At rest the process's other threads
   * (GC, compiler) run on the idle core and count in its CPU time: 10.5% on CPU time against 2.3%
   * on wall time for tma-parse/medium. The smaller of the two per sample was as good as the better
   * clock in both states (tools/scripts/reclock.ts re-judges recorded runs on each clock). Cache
   * and memory interference, which a real neighbour causes, still count in both.
   */
  clock: PairedClock;
}

/**
 * Quick: a smoke-sized comparison that must stay within 2.5x of a plain quick run, so processes
 * are short (12 quads of 4 × ~4 ms). A process's start-up (importing two revisions, set-up) costs
 * far more than its sampling, so quads are the cheap lever: with a busy loop per core (load
 * 3.3–3.6) 12 quads instead of 5 narrowed the 95% CIs of a 10% slower parseTma from ±3–4% to
 * ±1–2% (all three sizes regressed instead of two) and A/A from 5 to 3 of 12 ids inconclusive,
 * for +17% wall time (53 → 62 s on 12 ids). Full: more of everything.
 *
 * Warm-up: at least 100 ms a side (250 full), at most 300 (1000). It was at most 40 ms and ended
 * at the first two batches that agreed; core/pii-detect/small of a revision with more code to
 * compile (the name scanner) got 63 calls of warm-up, 40× slower than its optimised pace, its
 * samples were sized for that pace (17 calls each instead of ~260) and its first quads were still
 * cold: head vs e786fc0 came out +88% [+66%, +112%] where standalone processes say +46% (best of
 * 15 loops, 4 alternated processes) and the same comparison with 1.5 s of warm-up said +45.5%.
 */
export const QUICK_PAIRED_PLAN: PairedPlan = { sampleNs: 4e6, quads: 12, minQuads: 2, warmUpTimeMs: 300, warmUpFloorMs: 100, rounds: 6, clock: 'least' };
export const FULL_PAIRED_PLAN: PairedPlan = { sampleNs: 8e6, quads: 12, minQuads: 3, warmUpTimeMs: 1000, warmUpFloorMs: 250, rounds: 10, clock: 'least' };

export function pairedPlan(quick: boolean, samples?: number): PairedPlan {
  // BENCH_KIT_PAIRED_PLAN (JSON, e.g. {"sampleNs":16e6,"clock":"wall"}) overrides fields of the plan
  // for experiments on the plan itself; it is recorded in every comparison file it changes.
  const base = { ...(quick ? QUICK_PAIRED_PLAN : FULL_PAIRED_PLAN), ...planOverride() };
  // `--samples n` asks for about n samples a side: two per quad.
  return samples === undefined ? base : { ...base, quads: Math.max(base.minQuads, Math.ceil(samples / 2)) };
}

export function planOverride(): Partial<PairedPlan> {
  const text = process.env.BENCH_KIT_PAIRED_PLAN;
  if (!text) return {};
  const parsed = JSON.parse(text) as Partial<PairedPlan>;
  return parsed;
}

export interface InterleavedSamples {
  /** Per side: total wall-clock ns of each sample, and its iterations, in the order taken. */
  times: Record<Side, number[]>;
  /**
   * Per side: CPU time the process used during each sample, ns (user + system, all threads:
   * `process.cpuUsage`, exact to the microsecond on Linux). Time the process spent preempted by a
   * busy neighbour is not in it, as it is in wall time.
   */
  cpuTimes: Record<Side, number[]>;
  iterations: Record<Side, number[]>;
  quadOrder: ('ABBA' | 'BAAB')[];
}

const gc: ((options?: { type: 'minor' | 'major' }) => void) | undefined = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;

/** A scavenge of the young generation (`--expose-gc`), or nothing when gc is not exposed. */
function minorGc(): void {
  gc?.({ type: 'minor' });
}

async function run(loop: Loop, n: number): Promise<{ wall: number; cpu: number }> {
  const before = process.cpuUsage();
  const wall = await loop.run(n);
  const used = process.cpuUsage(before);
  return { wall, cpu: (used.user + used.system) * 1000 };
}

/**
 * Takes the quads. `perIterationNs` comes from each side's warm-up; each side's sample runs as many
 * iterations as fill `sampleNs` (at least one). When samples are long, the number of quads shrinks
 * to keep the time about what `quads` quads of `sampleNs` samples would take, but never below
 * `minQuads`.
 */
export async function takeInterleaved(
  loops: Record<Side, Loop>,
  perIterationNs: Record<Side, number>,
  plan: PairedPlan,
  random: Random,
  afterQuad?: (done: number, total: number) => void,
): Promise<InterleavedSamples> {
  const iterationsFor = (perIteration: number): number => Math.max(1, Math.round(plan.sampleNs / Math.max(perIteration, 0.01)));
  const k: Record<Side, number> = { base: iterationsFor(perIterationNs.base), head: iterationsFor(perIterationNs.head) };
  const quadNs = 2 * (k.base * perIterationNs.base + k.head * perIterationNs.head);
  const budgetNs = plan.quads * 4 * plan.sampleNs;
  const quads = Math.max(plan.minQuads, Math.min(plan.quads, Math.floor(budgetNs / Math.max(quadNs, 1))));
  const out: InterleavedSamples = { times: { base: [], head: [] }, cpuTimes: { base: [], head: [] }, iterations: { base: [], head: [] }, quadOrder: [] };
  for (let q = 0; q < quads; q++) {
    const order = random() < 0.5 ? 'ABBA' : 'BAAB';
    const sides: Side[] = order === 'ABBA' ? ['base', 'head', 'head', 'base'] : ['head', 'base', 'base', 'head'];
    for (const side of sides) {
      minorGc();
      const t = await run(loops[side], k[side]);
      out.times[side].push(t.wall);
      out.cpuTimes[side].push(t.cpu);
      out.iterations[side].push(k[side]);
    }
    out.quadOrder.push(order);
    // A side whose samples ran at under half the warm-up's pace (its code got faster after the
    // warm-up ended) is resized to fill `sampleNs` again: too short a sample is mostly noise.
    for (const side of ['base', 'head'] as const) {
      const latest = Math.min(out.times[side].at(-1)! / k[side], out.times[side].at(-2)! / k[side]);
      if (latest * k[side] < plan.sampleNs / 2) k[side] = iterationsFor(latest);
    }
    afterQuad?.(q + 1, quads);
  }
  return out;
}
