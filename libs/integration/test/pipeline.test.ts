import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '@workflow-bench/core';
import type { LlamaFeedback } from '../src/feedback/llama-feedback.ts';
import { openMarker } from '../src/markers/open-marker.ts';
import { MARKING_WAYS, type Marker } from '../src/pipeline/marker.ts';
import type { MarkRecordedData, TmaAnonymisedData, TmaSubmittedData, FeedbackGeneratedData } from '../src/pipeline/marking-events.ts';
import { MarkingPipeline } from '../src/pipeline/marking-pipeline.ts';
import { StageTimer } from '../src/pipeline/stage-timer.ts';
import { workloadTmas } from '../src/workload/tma-workload.ts';
import { generateTma } from '@workflow-bench/core';
import { tinyFeedback } from './support/tiny-feedback.ts';

let feedback: LlamaFeedback;
beforeAll(async () => {
  feedback = await tinyFeedback();
});
afterAll(async () => {
  await feedback?.dispose();
});

const MARKING_STAGES = ['parse', 'validate', 'pii-detect', 'anonymise', 'hash', 'feedback', 'mark', 'store'];
const EXPECTED_STAGES = { 'in-process': MARKING_STAGES, ipc: MARKING_STAGES, http: ['submit', 'feedback-request', 'feedback', 'fetch-feedback'] };
const EXPECTED_EVENTS = {
  'in-process': ['TmaSubmitted', 'TmaAnonymised', 'FeedbackGenerated', 'MarkRecorded'],
  ipc: ['TmaSubmitted', 'TmaAnonymised', 'FeedbackGenerated', 'MarkRecorded'],
  http: ['TmaSubmitted', 'TmaAnonymised', 'FeedbackGenerated'],
};

describe.each(MARKING_WAYS)('marking %s', (way) => {
  let marker: Marker;
  beforeAll(async () => {
    marker = await openMarker(way, { feedback });
  });
  afterAll(async () => {
    await marker?.close();
  });

  it('marks a TMA end to end: the full event sequence, feedback per answer, a time for every stage', async () => {
    const [tma] = workloadTmas(1, 'small', `t-${way}`);
    const outcome = await new MarkingPipeline(marker).mark(tma);
    expect(outcome, outcome.ok ? '' : outcome.error).toMatchObject({ ok: true, tmaId: tma.id, way });
    for (const stage of EXPECTED_STAGES[way]) expect(outcome.timings[stage], stage).toBeGreaterThanOrEqual(0);
    expect(outcome.totalMs).toBeGreaterThan(0);

    const events = await marker.readMarking(tma.id);
    expect(events.map((e) => e.type)).toEqual(EXPECTED_EVENTS[way]);
    // Every event of the marking went in with one append (one transaction): one recordedAt.
    if (way !== 'http') expect(new Set(events.map((e) => e.recordedAt)).size).toBe(1);
    const answerCount = generateTma('small', 1).submission.answers.length;
    const feedbackEvent = events.find((e) => e.type === 'FeedbackGenerated') as StoredEvent<FeedbackGeneratedData & { feedback?: { answers: unknown[] } }>;
    const comments = way === 'http' ? feedbackEvent.data.feedback!.answers : feedbackEvent.data.answers;
    expect(comments).toHaveLength(answerCount);
    // No raw personal data in the store: the student's name and id are gone.
    const { header } = generateTma('small', 1).submission;
    const stored = JSON.stringify(events);
    expect(stored).not.toContain(header.studentId);
    expect(stored).not.toContain(header.studentName);
  });

  it('marks a batch: every TMA ok, counts and per-stage totals', async () => {
    const tmas = workloadTmas(3, 'small', `b-${way}`);
    const batch = await new MarkingPipeline(marker).markBatch(tmas);
    expect(batch.failed).toEqual([]);
    expect(batch).toMatchObject({ count: 3, ok: 3, way });
    expect(batch.tmasPerSecond).toBeGreaterThan(0);
    expect(Object.keys(batch.stageTotalsMs)).toEqual(expect.arrayContaining(EXPECTED_STAGES[way]));
  });

  it('a TMA that does not parse fails at the first stage with a MarkingFailed naming it', async () => {
    const outcome = await new MarkingPipeline(marker).mark({ id: `bad-${way}`, text: 'this is not a TMA' });
    expect(outcome).toMatchObject({ ok: false, tmaId: `bad-${way}`, stage: way === 'http' ? 'submit' : 'parse' });
    if (outcome.ok) return;
    expect(outcome.failure.recordedIn).toBe('event-store');
    const events = await marker.readMarking(`bad-${way}`);
    expect(events.map((e) => e.type)).toEqual(['MarkingFailed']);
    expect(events[0].data).toMatchObject({ tmaId: `bad-${way}`, stage: outcome.stage });
  });
});

describe('in-process details', () => {
  it('the first marking of a marker whose model is not loaded has a model-load stage; the next has none', async () => {
    const fresh = await tinyFeedback();
    const marker = await openMarker('in-process', { feedback: fresh, timer: new StageTimer() });
    try {
      const pipeline = new MarkingPipeline(marker);
      const [a, b] = workloadTmas(2, 'small', 'cold');
      const first = await pipeline.mark(a);
      const second = await pipeline.mark(b);
      expect(first.timings['model-load']).toBeGreaterThan(0);
      expect(second.timings['model-load']).toBeUndefined();
    } finally {
      await marker.close();
      await fresh.dispose();
    }
  });

  it('records the mark, anonymised answers and PII counts', async () => {
    const marker = await openMarker('in-process', { feedback });
    try {
      const [tma] = workloadTmas(1, 'medium', 'content');
      const outcome = await new MarkingPipeline(marker).mark(tma);
      expect(outcome.ok).toBe(true);
      const [submitted, anonymised, , mark] = await marker.readMarking(tma.id);
      const s = submitted.data as TmaSubmittedData;
      expect(s).toMatchObject({ tmaId: tma.id, answerCount: generateTma('medium', 1).submission.answers.length });
      expect(s.student).toMatch(/^\[STUDENT-ID-[0-9a-f]{8}\]$/);
      expect(s.contentSha256).toMatch(/^[0-9a-f]{64}$/);
      const anon = anonymised.data as TmaAnonymisedData;
      expect(Object.values(anon.piiDetected).reduce((x, y) => x + (y ?? 0), 0)).toBeGreaterThan(0);
      const m = mark.data as MarkRecordedData;
      expect(m.max).toBeGreaterThan(0);
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(m.max);
      // The same TMA id cannot be marked twice into one store: the append expects a new stream.
      const again = await new MarkingPipeline(marker).mark(tma);
      expect(again).toMatchObject({ ok: false, stage: 'store' });
    } finally {
      await marker.close();
    }
  });
});
