import type { CustomMeasurement } from '../../define/suite.ts';
import type { BenchmarkInstance } from '../expand.ts';
import type { Measurement, Measurements, PreparedSide } from '../lifecycle.ts';

/** Checks one custom measurement and turns it into the runner's form (totals = value × iterations). */
export function fromCustom(id: string, m: CustomMeasurement, memory: Measurement['memory']): Measurement {
  if (!m || typeof m !== 'object') throw new Error(`custom benchmark ${id} returned ${m === undefined ? 'nothing' : typeof m}, not a measurement`);
  if (!Array.isArray(m.samples) || m.samples.length === 0) throw new Error(`custom benchmark ${id} returned no samples`);
  const bad = m.samples.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) throw new Error(`custom benchmark ${id} returned a non-finite sample at index ${bad}: ${m.samples[bad]}`);
  const iterations = m.iterations ?? m.samples.map(() => 1);
  if (iterations.length !== m.samples.length) {
    throw new Error(`custom benchmark ${id}: iterations (${iterations.length}) and samples (${m.samples.length}) differ in length`);
  }
  if (m.unit === 'ratio' && typeof m.lowerIsBetter !== 'boolean') {
    throw new Error(`custom benchmark ${id} reports a ratio without lowerIsBetter: say which way is better (true for a ratio of times, false for a ratio of rates)`);
  }
  const timeLike = m.unit === 'ns' || m.unit === 'instructions' || m.unit === 'bytes';
  return {
    kind: 'custom',
    unit: m.unit,
    lowerIsBetter: m.lowerIsBetter ?? timeLike,
    samplingMode: 'custom',
    values: m.samples.map((v, i) => v * iterations[i]),
    iterations,
    statistic: m.statistic ?? 'median',
    ...(m.throughput ? { throughput: m.throughput } : {}),
    ...(memory ? { memory } : {}),
    ...(m.metrics ? { metrics: m.metrics } : {}),
    ...(m.details ? { details: m.details } : {}),
    warnings: [...(m.warnings ?? [])],
  };
}

/**
 * What one call of a custom benchmark's `measure` gave, per output: a single-output benchmark
 * returns one measurement; a multi-output one returns one per declared key (a missing or bad one
 * fails that output only).
 */
export function customMeasurements(instance: BenchmarkInstance, returned: unknown, memory: Measurement['memory']): Measurements {
  const out: Measurements = new Map();
  for (const o of instance.outputs) {
    try {
      if (o.key === undefined) {
        out.set(undefined, fromCustom(o.id, returned as CustomMeasurement, memory));
        continue;
      }
      const m = (returned as Record<string, CustomMeasurement> | undefined)?.[o.key];
      if (m === undefined) throw new Error(`custom benchmark ${instance.id} returned no measurement for its output ${JSON.stringify(o.key)}`);
      out.set(o.key, fromCustom(o.id, m, memory));
    } catch (err) {
      out.set(o.key, err instanceof Error ? err : new Error(String(err)));
    }
  }
  return out;
}

/** Runs a custom benchmark's own measurement once. */
export async function measureCustom(p: PreparedSide): Promise<Measurements> {
  const def = p.instance.definition;
  if (def.kind !== 'custom') throw new Error(`${p.instance.id} is not a custom benchmark`);
  const returned = await (def.measure as (s: unknown, c: typeof p.ctx) => unknown)(p.state, p.ctx);
  p.memory.sample();
  return customMeasurements(p.instance, returned, p.memory.result());
}
