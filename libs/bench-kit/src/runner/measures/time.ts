import { resolvePlan } from '../../measure/plan.ts';
import { takeSamples } from '../../measure/sampler.ts';
import type { Measurements, PreparedSide } from '../lifecycle.ts';
import { measureCustom } from './custom.ts';
import { compileTimedLoop, throughputOf } from './timed-loop.ts';
import type { MeasureEnv, SingleMeasure } from './strategy.ts';

/**
 * Wall time, one revision: warm-up, then linear or flat sampling of the benchmark's compiled loop
 * (measure/sampler.ts); custom benchmarks run their own measurement once.
 */
export const timeMeasure: SingleMeasure = {
  name: 'time',
  async run(p: PreparedSide, env: MeasureEnv): Promise<Measurements> {
    if (p.instance.definition.kind === 'custom') return measureCustom(p);
    const { def, loop, isAsync } = await compileTimedLoop(p);
    const plan = resolvePlan(env.quick, def, env.samples);
    const raw = await takeSamples(loop, plan, env.resolutionNs, {
      onPhase: (phase, done, total) => env.phase(p.instance.id, phase, done, total),
      afterSample: () => p.memory.sample(),
    });
    const warnings = raw.warmUp.settled ? [] : ['warm-up did not settle within its time cap'];
    return new Map([
      [
        undefined,
        {
          kind: 'timed',
          unit: 'ns',
          lowerIsBetter: true,
          samplingMode: raw.mode,
          values: raw.times,
          iterations: raw.iterations,
          statistic: raw.mode === 'linear' ? 'slope' : 'median',
          throughput: throughputOf(def, p.state),
          memory: p.memory.result(),
          details: { ...def.details, async: isAsync, warmUpIterations: raw.warmUp.iterations },
          warnings,
        },
      ],
    ]);
  },
};
