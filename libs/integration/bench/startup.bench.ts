import { defineSuite, type BenchContext } from '@workflow-bench/bench-kit';
import { sumTimings } from '../src/pipeline/marking-pipeline.ts';
import { markInFreshProcess, type FreshProcessRun } from './support/fresh-process.ts';
import { iterations, modelSize, warmups, workload } from './support/settings.ts';
import { stageBreakdown } from './support/session.ts';

/**
 * Cold start: a fresh node process (bin/mark-one.ts) boots, imports the pipeline, opens its event
 * store, starts node-llama-cpp, loads the model and marks one TMA; the sample is all of that, from
 * the child's process start to the end of its first marking. Warm start: the next marking in the
 * same process. Both come from the same processes (each marks two TMAs).
 */

let runs: Promise<FreshProcessRun[]> | undefined;

function freshRuns(ctx: BenchContext): Promise<FreshProcessRun[]> {
  runs ??= (async () => {
    const w = workload(ctx);
    const size = modelSize();
    // Cold starts have no warm-up by nature; WARMUP_ITERATIONS here are discarded processes.
    const discard = warmups(ctx, 0, 0);
    const n = iterations(ctx, 3, 5);
    const out: FreshProcessRun[] = [];
    for (let i = 0; i < discard + n; i++) {
      const run = await markInFreshProcess('in-process', w, size, 2);
      ctx.progress(`process ${i + 1}/${discard + n}: first marking done ${(coldMs(run) / 1000).toFixed(1)} s after start`);
      if (i >= discard) out.push(run);
    }
    return out;
  })();
  runs.catch(() => {
    runs = undefined;
  });
  return runs;
}

/** Child process start → end of its first marking, ms. */
function coldMs(run: FreshProcessRun): number {
  const r = run.report;
  return r.processStartMs + Object.values(r.setup).reduce((a, b) => a + b, 0) + r.markings[0].totalMs;
}

function details(ctx: BenchContext, run: FreshProcessRun) {
  const w = workload(ctx);
  return { model: run.report.model, tmaSize: w.tmaSize, tokensPerAnswer: w.tokensPerAnswer, way: run.report.way, process: 'node --import tsx libs/integration/bin/mark-one.ts --count 2' };
}

export default defineSuite('cold-start', (s) => {
  s.bench<undefined>('', {
    kind: 'custom',
    measure: async (_state, ctx) => {
      const all = await freshRuns(ctx);
      // One breakdown: process start, store open, then the first marking's stages (model load included).
      const timings = all.map((r) => ({ 'process-start': r.report.processStartMs, ...sumTimings([r.report.setup, r.report.markings[0].timings]) }));
      const breakdown = stageBreakdown(timings);
      return {
        unit: 'ns',
        samples: all.map((r) => coldMs(r) * 1e6),
        metrics: {
          ...breakdown.metrics,
          wall_to_exit_ms: { value: all.reduce((a, r) => a + r.wallMs, 0) / all.length, unit: 'ms', note: 'spawn to exit seen by the parent (includes the second marking and shutdown)' },
        },
        details: { ...details(ctx, all[0]), ...breakdown.details },
      };
    },
  });

  s.bench<undefined>('', {
    kind: 'custom',
    group: 'warm-start',
    measure: async (_state, ctx) => {
      const all = await freshRuns(ctx);
      const breakdown = stageBreakdown(all.map((r) => r.report.markings[1].timings));
      return {
        unit: 'ns',
        samples: all.map((r) => r.report.markings[1].totalMs * 1e6),
        metrics: breakdown.metrics,
        details: { ...details(ctx, all[0]), ...breakdown.details, note: 'second marking of each cold-start process' },
      };
    },
  });
});
