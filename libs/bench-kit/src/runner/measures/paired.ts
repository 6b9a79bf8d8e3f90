import { timesOnClock, type PairedClock, type Side } from '../../results/comparison-schema.ts';
import { pairedPlan, takeInterleaved } from '../../measure/interleave.ts';
import { warmUp, type Loop } from '../../measure/sampler.ts';
import { resolvePlan } from '../../measure/plan.ts';
import { mean, median } from '../../stats/descriptive.ts';
import type { Random } from '../../stats/random.ts';
import { SideError, type Measurement, type PreparedSide } from '../lifecycle.ts';
import { measureCustom } from './custom.ts';
import type { MeasureEnv } from './strategy.ts';
import { compileTimedLoop, throughputOf, type TimedLoop } from './timed-loop.ts';

/** One side's part of a paired measurement: its own samples plus the values forming the quads. */
export interface PairedSideMeasurement {
  measurement: Measurement;
  pairValues: number[];
  pairIterations: number[];
}

export interface PairedMeasurement {
  base: PairedSideMeasurement;
  head: PairedSideMeasurement;
  quadOrder: ('ABBA' | 'BAAB')[];
  /** The clock of `pairValues` (custom benchmarks: their own statistic, recorded as `wall`). */
  clock: PairedClock;
}

export type PairedMeasurements = Map<string | undefined, PairedMeasurement | Error>;

const sideOf = (p: PreparedSide): Side => p.side ?? 'head';

async function onSide<T>(side: Side, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw err instanceof SideError ? err : new SideError(side, err);
  }
}

/**
 * Timed: compile both loops, warm each up (in the process's side order), then sample them
 * interleaved in quads (measure/interleave.ts). Each side's samples are flat (k iterations each),
 * so its estimate is the median per-iteration time.
 */
async function pairedTimed(prepared: readonly PreparedSide[], env: MeasureEnv, random: Random): Promise<PairedMeasurements> {
  const plan = pairedPlan(env.quick, env.samples);
  const loops = {} as Record<Side, TimedLoop>;
  const perIteration = {} as Record<Side, number>;
  const warm = {} as Record<Side, { iterations: number; settled: boolean }>;
  for (const p of prepared) {
    const side = sideOf(p);
    loops[side] = await onSide(side, () => compileTimedLoop(p));
  }
  for (const p of prepared) {
    const side = sideOf(p);
    const base = resolvePlan(true, loops[side].def);
    const w = await onSide(side, () =>
      warmUp(loops[side].loop, { ...base, warmUpTimeMs: plan.warmUpTimeMs, warmUpFloorMs: plan.warmUpFloorMs }, env.resolutionNs, {
        onPhase: (phase, done, total) => env.phase(p.instance.id, `${side} ${phase}`, done, total),
      }),
    );
    perIteration[side] = w.perIterationNs;
    warm[side] = { iterations: w.iterations, settled: w.settled };
  }
  const taken = await takeInterleaved(
    { base: loops.base.loop, head: loops.head.loop } as Record<Side, Loop>,
    perIteration,
    plan,
    random,
    (done, total) => env.phase(prepared[0].instance.id, 'sampling', done, total),
  );
  // CPU time for synchronous loops (a neighbour that preempts the process does not count in it);
  // wall time for asynchronous ones, whose waiting is part of what they cost.
  const clock: PairedClock = plan.clock !== 'wall' && loops.base.loop.sync && loops.head.loop.sync ? plan.clock : 'wall';
  const sideMeasurement = (p: PreparedSide): PairedSideMeasurement => {
    const side = sideOf(p);
    const times = taken.times[side];
    const pairTimes = timesOnClock(clock, times, taken.cpuTimes[side]);
    const iterations = taken.iterations[side];
    return {
      measurement: {
        kind: 'timed',
        unit: 'ns',
        lowerIsBetter: true,
        samplingMode: 'flat',
        values: times,
        iterations,
        statistic: 'median',
        throughput: throughputOf(loops[side].def, p.state),
        memory: p.memory.result(),
        details: { ...loops[side].def.details, async: !loops[side].loop.sync, warmUpIterations: warm[side].iterations },
        warnings: warm[side].settled ? [] : [`${side}: warm-up did not settle within its time cap`],
      },
      pairValues: pairTimes.map((t, i) => t / iterations[i]),
      pairIterations: iterations,
    };
  };
  const bySide = Object.fromEntries(prepared.map((p) => [sideOf(p), sideMeasurement(p)])) as Record<Side, PairedSideMeasurement>;
  return new Map([[undefined, { base: bySide.base, head: bySide.head, quadOrder: taken.quadOrder, clock }]]);
}

/** The statistic a custom measurement asked for, of its per-iteration values. */
function statisticOf(m: Measurement): number {
  const per = m.values.map((v, i) => v / m.iterations[i]);
  return m.statistic === 'mean' ? mean(per) : median(per);
}

/**
 * Custom (servers, databases, models, load): whole measurements alternate in a random ABBA or
 * BAAB order — randomised multiple interleaved trials (Abedi & Brecht, ICPE 2017). Each whole
 * measurement gives one value per side of the quad (its own statistic); the side's samples are
 * both measurements' samples pooled.
 */
async function pairedCustom(prepared: readonly PreparedSide[], env: MeasureEnv, random: Random): Promise<PairedMeasurements> {
  const bySide = Object.fromEntries(prepared.map((p) => [sideOf(p), p])) as Record<Side, PreparedSide>;
  const order = random() < 0.5 ? 'ABBA' : 'BAAB';
  const sequence: Side[] = order === 'ABBA' ? ['base', 'head', 'head', 'base'] : ['head', 'base', 'base', 'head'];
  const runs: Record<Side, Awaited<ReturnType<typeof measureCustom>>[]> = { base: [], head: [] };
  for (const side of sequence) {
    env.phase(bySide[side].instance.id, `${side} measurement`, runs.base.length + runs.head.length, 4);
    runs[side].push(await onSide(side, () => measureCustom(bySide[side])));
  }
  const out: PairedMeasurements = new Map();
  for (const o of prepared[0].instance.outputs) {
    const perSide = {} as Record<Side, PairedSideMeasurement>;
    let failure: Error | undefined;
    for (const side of ['base', 'head'] as const) {
      const ms = runs[side].map((r) => r.get(o.key));
      const bad = ms.find((m) => m === undefined || m instanceof Error);
      if (bad !== undefined || ms.length === 0) {
        failure = new SideError(side, bad ?? new Error(`no measurement for output ${o.key ?? o.id}`));
        break;
      }
      const [first, second] = ms as Measurement[];
      perSide[side] = {
        measurement: {
          ...second,
          values: [...first.values, ...second.values],
          iterations: [...first.iterations, ...second.iterations],
          warnings: [...new Set([...first.warnings, ...second.warnings])],
        },
        pairValues: [statisticOf(first), statisticOf(second)],
        pairIterations: [1, 1],
      };
    }
    if (failure) out.set(o.key, failure);
    else if (perSide.base.measurement.unit !== perSide.head.measurement.unit) {
      out.set(o.key, new Error(`not comparable: unit ${perSide.base.measurement.unit} in the base, ${perSide.head.measurement.unit} in the head`));
    } else out.set(o.key, { base: perSide.base, head: perSide.head, quadOrder: [order], clock: 'wall' });
  }
  return out;
}

/**
 * The interleaved comparison of two revisions of one benchmark (`--against`): the prepared sides
 * come in the order this process sets them up (its first side first).
 */
export async function measurePaired(prepared: readonly PreparedSide[], env: MeasureEnv, random: Random): Promise<PairedMeasurements> {
  const kinds = new Set(prepared.map((p) => (p.instance.definition.kind === 'custom' ? 'custom' : 'timed')));
  if (kinds.size > 1) throw new Error('the benchmark is timed in one revision and custom in the other: not comparable');
  return kinds.has('custom') ? pairedCustom(prepared, env, random) : pairedTimed(prepared, env, random);
}
