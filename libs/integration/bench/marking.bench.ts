import { defineSuite, type BenchContext } from '@workflow-bench/bench-kit';
import { LlamaFeedback, type ModelLoadTiming } from '../src/feedback/llama-feedback.ts';
import { InProcessMarker } from '../src/markers/in-process-marker.ts';
import { openMarker } from '../src/markers/open-marker.ts';
import { MARKING_WAYS, type Marker, type MarkingWay } from '../src/pipeline/marker.ts';
import { MarkingPipeline, type MarkingOutcome } from '../src/pipeline/marking-pipeline.ts';
import { StageTimer } from '../src/pipeline/stage-timer.ts';
import { workloadTmas } from '../src/workload/tma-workload.ts';
import { iterations, modelSize, warmups } from './support/settings.ts';
import { feedbackSession, stageBreakdown, workloadDetails, type FeedbackSession } from './support/session.ts';

/**
 * The marking pipeline end to end through the real components: TMA text → parse → validate → PII
 * detection → anonymisation → AI feedback per answer (node-llama-cpp, generated `small` model) →
 * rubric mark → event store (LMDB, one append per marking). Samples are ns per marking; every
 * benchmark also reports the mean time of each stage (`stage.<name>_ms`).
 */

let runs = 0;
const tag = (what: string) => `${what}-${process.pid}-${++runs}`;

function failureText(outcome: MarkingOutcome): string {
  return outcome.ok ? '' : `TMA ${outcome.tmaId} failed at stage '${outcome.stage}': ${outcome.error}`;
}

/** Marks `tmas` one by one; a failed marking fails the benchmark with its stage and TMA. */
async function markAll(pipeline: MarkingPipeline, size: Parameters<typeof workloadTmas>[1], count: number, what: string): Promise<MarkingOutcome[]> {
  const outcomes: MarkingOutcome[] = [];
  for (const tma of workloadTmas(count, size, tag(what))) {
    const outcome = await pipeline.mark(tma);
    if (!outcome.ok) throw new Error(failureText(outcome));
    outcomes.push(outcome);
  }
  return outcomes;
}

interface MarkerState {
  session: FeedbackSession;
  marker: Marker;
  openTimings: Record<string, number>;
}

async function openWay(way: MarkingWay, ctx: BenchContext): Promise<MarkerState> {
  const session = await feedbackSession(ctx);
  const timer = new StageTimer();
  const marker = await openMarker(way, { feedback: session.feedback, timer });
  return { session, marker, openTimings: timer.toRecord() };
}

/** The seed's targets are for the `small` model: a run with another model is not checked against them. */
const goalModel = () => modelSize() === 'small' && !process.env['INTEGRATION_MODEL'];

export default defineSuite('e2e-marking', (s) => {
  s.bench<MarkerState, MarkingWay>('', {
    kind: 'custom',
    params: MARKING_WAYS,
    setup: (ctx) => openWay(ctx.param!, ctx),
    measure: async ({ session, marker, openTimings }, ctx) => {
      const pipeline = new MarkingPipeline(marker);
      const w = warmups(ctx);
      if (w > 0) await markAll(pipeline, session.workload.tmaSize, w, 'warmup');
      const n = iterations(ctx, 3, 10);
      const outcomes: MarkingOutcome[] = [];
      for (const tma of workloadTmas(n, session.workload.tmaSize, tag('e2e'))) {
        const outcome = await pipeline.mark(tma);
        if (!outcome.ok) throw new Error(failureText(outcome));
        outcomes.push(outcome);
        ctx.progress(`${outcomes.length}/${n}: ${(outcome.totalMs / 1000).toFixed(2)} s`);
      }
      const breakdown = stageBreakdown(outcomes.map((o) => o.timings));
      return {
        unit: 'ns',
        samples: outcomes.map((o) => o.totalMs * 1e6),
        metrics: {
          ...breakdown.metrics,
          total_ms: { value: outcomes.reduce((a, o) => a + o.totalMs, 0) / outcomes.length, unit: 'ms', note: 'mean marking time' },
          ...Object.fromEntries(Object.entries(openTimings).map(([k, v]) => [`open.${k}_ms`, { value: v, unit: 'ms', note: 'once, before the markings' }])),
        },
        details: { ...workloadDetails(session), way: marker.way, warmups: w, ...breakdown.details },
      };
    },
    teardown: (state) => state.marker.close(),
  });

  s.bench<MarkerState, '10' | '100'>('', {
    kind: 'custom',
    group: 'batch',
    params: ['10', '100'],
    setup: (ctx) => {
      if (ctx.param === '100' && ctx.quick) ctx.skip('full mode only: 100 medium TMAs take minutes (136 s measured on 2 cores); run `npx nx bench integration`');
      return openWay('in-process', ctx);
    },
    measure: async ({ session, marker }, ctx) => {
      const size = Number(ctx.param);
      const pipeline = new MarkingPipeline(marker);
      const w = warmups(ctx);
      if (w > 0) await markAll(pipeline, session.workload.tmaSize, w, 'warmup');
      // A batch is long: NUM_ITERATIONS counts whole batches here, default 1 (quick) / 2 (full, batch/10).
      const batches = iterations(ctx, 1, size >= 100 ? 1 : 2);
      const outcomes: MarkingOutcome[] = [];
      const totals: number[] = [];
      for (let b = 0; b < batches; b++) {
        const batch = await pipeline.markBatch(workloadTmas(size, session.workload.tmaSize, tag(`batch${size}`)), (done, o) => {
          if (done % Math.max(1, Math.floor(size / 5)) === 0) ctx.progress(`batch ${b + 1}/${batches}: ${done}/${size} (${(o.totalMs / 1000).toFixed(1)} s last)`);
        });
        if (batch.failed.length > 0) throw new Error(`${batch.failed.length} of ${size} markings failed; first: ${failureText(batch.failed[0])}`);
        outcomes.push(...batch.outcomes);
        totals.push(batch.totalMs);
      }
      const meanTotalS = totals.reduce((a, b) => a + b, 0) / totals.length / 1000;
      const breakdown = stageBreakdown(outcomes.map((o) => o.timings));
      return {
        unit: 'ns',
        // Samples: each TMA's marking time within the batches; the batch figures are metrics.
        samples: outcomes.map((o) => o.totalMs * 1e6),
        throughput: { unit: 'items', perIteration: 1 },
        metrics: {
          total_s: { value: meanTotalS, unit: 's', note: `wall time of a batch of ${size} (mean of ${batches})` },
          tmas_per_s: { value: size / meanTotalS, unit: 'TMAs/s' },
          ...breakdown.metrics,
        },
        details: { ...workloadDetails(session), way: 'in-process', batches, batchTotalsS: totals.map((t) => (t / 1000).toFixed(1)).join(' '), ...breakdown.details },
      };
    },
    teardown: (state) => state.marker.close(),
  });

  s.bench<FeedbackSession>('', {
    kind: 'custom',
    group: 'model-load',
    setup: (ctx) => feedbackSession(ctx),
    measure: async (session, ctx) => {
      // A fresh model + context each time; node-llama-cpp itself is already running in this
      // process (its start is the runtime_start_ms metric, and part of integration/cold-start).
      const loads: (ModelLoadTiming & { totalMs: number })[] = [];
      const n = iterations(ctx, 3, 10);
      for (let i = 0; i < n; i++) {
        const feedback = new LlamaFeedback(session.feedback.options);
        const t = performance.now();
        const timing = await feedback.load();
        loads.push({ totalMs: performance.now() - t, ...timing });
        await feedback.dispose();
      }
      const mean = (f: (l: (typeof loads)[number]) => number) => loads.reduce((a, l) => a + f(l), 0) / loads.length;
      return {
        unit: 'ns',
        samples: loads.map((l) => l.totalMs * 1e6),
        metrics: {
          'stage.model_ms': { value: mean((l) => l.modelMs), unit: 'ms', note: 'header checks + llama.cpp loadModel' },
          'stage.context_ms': { value: mean((l) => l.contextMs), unit: 'ms', note: 'createContext (1024 tokens) + sequence' },
          runtime_start_ms: { value: session.firstLoad.runtimeMs, unit: 'ms', note: 'node-llama-cpp getLlama, once per process (first load)' },
        },
        details: {
          ...workloadDetails(session),
          file: session.feedback.options.model.path,
          stages: `model ${mean((l) => l.modelMs).toFixed(1)} ms, context ${mean((l) => l.contextMs).toFixed(1)} ms (node-llama-cpp start, once: ${session.firstLoad.runtimeMs.toFixed(0)} ms)`,
        },
      };
    },
  });

  s.bench<MarkerState & { events: { type: string; data: unknown }[] }>('', {
    kind: 'custom',
    group: 'db-ops',
    setup: async (ctx) => {
      const state = await openWay('in-process', ctx);
      // The events of a real marking of the benchmark workload: that is what one marking stores.
      const [tma] = workloadTmas(1, state.session.workload.tmaSize, tag('db-ops-source'));
      const outcome = await new MarkingPipeline(state.marker).mark(tma);
      if (!outcome.ok) throw new Error(failureText(outcome));
      const events = (await state.marker.readMarking(tma.id)).map((e) => ({ type: e.type, data: e.data }));
      return { ...state, events };
    },
    measure: async ({ marker, events, session }, ctx) => {
      const store = (marker as InProcessMarker).store;
      const n = iterations(ctx, 30, 100);
      const appendMs: number[] = [];
      const readMs: number[] = [];
      const w = warmups(ctx, 3, 10);
      for (let i = 0; i < w + n; i++) {
        const stream = `db-ops-${process.pid}-${i}`;
        const t0 = performance.now();
        await store.append(stream, events, 0);
        const t1 = performance.now();
        const back = await store.readStream(stream);
        const t2 = performance.now();
        if (back.length !== events.length) throw new Error(`read back ${back.length} of ${events.length} events from ${stream}`);
        if (i >= w) {
          appendMs.push(t1 - t0);
          readMs.push(t2 - t1);
        }
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const bytes = Buffer.byteLength(JSON.stringify(events));
      return {
        unit: 'ns',
        samples: appendMs.map((a, i) => (a + readMs[i]) * 1e6),
        metrics: {
          'stage.append_ms': { value: mean(appendMs), unit: 'ms', note: `one append of the ${events.length} marking events, waiting for the disk flush` },
          'stage.read_ms': { value: mean(readMs), unit: 'ms', note: 'reading the marking stream back' },
          marking_bytes: { value: bytes, unit: 'bytes', note: 'JSON size of the marking events' },
        },
        details: {
          ...workloadDetails(session),
          store: 'LMDB (core), sync',
          events: events.map((e) => e.type).join(','),
          stages: `append ${mean(appendMs).toFixed(2)} ms, read ${mean(readMs).toFixed(2)} ms`,
        },
      };
    },
    teardown: (state) => state.marker.close(),
  });

  s.goal({
    name: 'E2E TMA marking < 20 s (CPU only)',
    description: 'One TMA through the in-process pipeline with AI feedback per answer, generated small Q4_0 model (seed CPU-only target); workload in the details',
    unit: 'ns',
    target: 20e9,
    comparison: '<',
    benchmarks: ['integration/e2e-marking/in-process'],
    actual: (r) => (goalModel() ? r.estimate('integration/e2e-marking/in-process') : undefined),
  });
  s.goal({
    name: 'Batch of 100 TMAs < 1000 s (CPU only)',
    description: 'Wall time of 100 markings in one process (seed CPU-only target); full mode only',
    unit: 's',
    target: 1000,
    comparison: '<',
    benchmarks: ['integration/batch/100'],
    actual: (r) => (goalModel() ? r.metric('integration/batch/100', 'total_s') : undefined),
  });
});
