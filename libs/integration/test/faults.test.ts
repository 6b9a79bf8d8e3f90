import { tmpdir } from 'node:os';
import { markingStreamId } from '@workflow-bench/core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlamaFeedback } from '../src/feedback/llama-feedback.ts';
import { IpcMarker } from '../src/markers/ipc-marker.ts';
import { openMarker } from '../src/markers/open-marker.ts';
import { MarkingPipeline, type MarkingOutcome } from '../src/pipeline/marking-pipeline.ts';
import type { StageName } from '../src/pipeline/stage-timer.ts';
import { workloadTmas } from '../src/workload/tma-workload.ts';
import { TEST_SIZING, tinyFeedback } from './support/tiny-feedback.ts';

describe('model file missing', () => {
  const missing = { path: join(tmpdir(), 'integration-no-such-model.gguf'), label: 'missing model' };

  // IPC runs the model in the parent exactly as in-process does; its child is covered below.
  it.each(['in-process', 'http'] as const)('%s: the marking fails at model-load, the store holds a MarkingFailed and no mark', async (way) => {
    const feedback = new LlamaFeedback({ model: missing, ...TEST_SIZING });
    const marker = await openMarker(way, { feedback });
    try {
      const [tma] = workloadTmas(1, 'small', `nomodel-${way}`);
      const outcome = await new MarkingPipeline(marker).mark(tma);
      expect(outcome).toMatchObject({ ok: false, tmaId: tma.id, stage: 'model-load' });
      if (outcome.ok) return;
      expect(outcome.error).toContain(missing.path);
      expect(outcome.error).toMatch(/missing/);
      expect(outcome.failure.recordedIn).toBe('event-store');
      const types = (await marker.readMarking(tma.id)).map((e) => e.type);
      // In-process and IPC append the marking only at the end: nothing but the failure. The HTTP
      // API stores the submission on POST and records its own MarkingFailed when the AI fails.
      expect(types).toEqual(way === 'http' ? ['TmaSubmitted', 'TmaAnonymised', 'MarkingFailed'] : ['MarkingFailed']);
      if (way !== 'http') expect((await marker.readMarking(tma.id))[0].data).toMatchObject({ tmaId: tma.id, stage: 'model-load' });
    } finally {
      await marker.close();
      await feedback.dispose();
    }
  });
});

describe('IPC core process killed mid-marking', () => {
  let feedback: LlamaFeedback;
  beforeAll(async () => {
    feedback = await tinyFeedback();
    await feedback.load();
  });
  afterAll(async () => {
    await feedback?.dispose();
  });

  it.each<StageName>(['anonymise', 'store'])('killed as stage %s starts: that stage fails, MarkingFailed in the same store, earlier markings intact', async (killAt) => {
    let marker: IpcMarker | undefined;
    let armed = false;
    marker = await IpcMarker.open({ feedback });
    try {
      const pipeline = new MarkingPipeline(marker, {
        observer: async (stage) => {
          if (armed && stage === killAt) await marker!.core.kill();
        },
      });
      const [done, victim, after] = workloadTmas(3, 'small', `kill-${killAt}`);
      expect((await pipeline.mark(done)).ok).toBe(true);
      armed = true;
      const outcome: MarkingOutcome = await pipeline.mark(victim);
      expect(outcome).toMatchObject({ ok: false, tmaId: victim.id, stage: killAt });
      if (outcome.ok) return;
      expect(outcome.error).toMatch(/IpcChildExitedError/);
      // The child's store (a directory we chose) was opened here and took the MarkingFailed.
      expect(outcome.failure).toMatchObject({ recordedIn: 'event-store', location: markingStreamId(victim.id) });
      expect((await marker.readMarking(victim.id)).map((e) => e.type)).toEqual(['MarkingFailed']);
      expect((await marker.readMarking(victim.id))[0].data).toMatchObject({ tmaId: victim.id, stage: killAt });
      expect((await marker.readMarking(done.id)).map((e) => e.type)).toEqual(['TmaSubmitted', 'TmaAnonymised', 'FeedbackGenerated', 'MarkRecorded']);
      // With the child gone, the next TMA fails at its first stage and is recorded too.
      const next = await pipeline.mark(after);
      expect(next).toMatchObject({ ok: false, stage: 'parse' });
      expect((await marker.readMarking(after.id)).map((e) => e.type)).toEqual(['MarkingFailed']);
    } finally {
      await marker.close();
    }
  });
});
