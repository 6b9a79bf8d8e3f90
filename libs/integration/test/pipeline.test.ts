import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MARKING_EVENT_TYPES,
  type FeedbackGeneratedData,
  type MarkRecordedData,
  type StoredEvent,
  type TmaAnonymisedData,
  type TmaSubmittedData,
} from '@workflow-bench/core';
import type { LlamaFeedback } from '../src/feedback/llama-feedback.ts';
import { openMarker } from '../src/markers/open-marker.ts';
import { MARKING_WAYS, type Marker, type MarkingWay } from '../src/pipeline/marker.ts';
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
/** The fields of each marking event: core's vocabulary, the same whichever way wrote it. */
const EVENT_FIELDS: Record<(typeof MARKING_EVENT_TYPES)[number], string[]> = {
  TmaSubmitted: ['answerCount', 'contentSha256', 'courseCode', 'student', 'submissionDate', 'tmaId', 'tmaNumber', 'wordCount'],
  TmaAnonymised: ['answers', 'piiDetected', 'replacements'],
  FeedbackGenerated: ['answers', 'mode', 'model', 'summary'],
  MarkRecorded: ['answers', 'band', 'max', 'score'],
};
/** The events each way stored for the same TMA text, compared once every way has marked it. */
const sameTmaEvents = new Map<MarkingWay, StoredEvent[]>();

describe.each(MARKING_WAYS)('marking %s', (way) => {
  let marker: Marker;
  beforeAll(async () => {
    marker = await openMarker(way, { feedback });
  });
  afterAll(async () => {
    await marker?.close();
  });

  it("marks a TMA end to end: core's four marking events, feedback per answer, a time for every stage", async () => {
    const [tma] = workloadTmas(1, 'small', `t-${way}`);
    const outcome = await new MarkingPipeline(marker).mark(tma);
    expect(outcome, outcome.ok ? '' : outcome.error).toMatchObject({ ok: true, tmaId: tma.id, way });
    for (const stage of EXPECTED_STAGES[way]) expect(outcome.timings[stage], stage).toBeGreaterThanOrEqual(0);
    expect(outcome.totalMs).toBeGreaterThan(0);

    const events = await marker.readMarking(tma.id);
    expect(events.map((e) => e.type)).toEqual([...MARKING_EVENT_TYPES]);
    for (const e of events) expect(Object.keys(e.data as object).sort(), e.type).toEqual(EVENT_FIELDS[e.type as keyof typeof EVENT_FIELDS]);
    expect(outcome.ok && outcome.receipt.eventTypes).toEqual([...MARKING_EVENT_TYPES]);
    // In-process and IPC append the whole marking at once (one transaction: one recordedAt); the
    // HTTP API appends the submission on POST /api/tmas and feedback + mark on POST …/feedback.
    const appends = way === 'http' ? [events.slice(0, 2), events.slice(2)] : [events];
    for (const append of appends) expect(new Set(append.map((e) => e.recordedAt)).size).toBe(1);
    const answerCount = generateTma('small', 1).submission.answers.length;
    const feedbackEvent = events[2] as StoredEvent<FeedbackGeneratedData>;
    expect(feedbackEvent.data).toMatchObject({ mode: 'ai', model: feedback.label });
    expect(feedbackEvent.data.answers).toHaveLength(answerCount);
    expect((events[3] as StoredEvent<MarkRecordedData>).data.answers).toHaveLength(answerCount);
    sameTmaEvents.set(way, events);
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

describe('the three ways agree', () => {
  it('the same TMA gives the same submission, anonymised answers and mark whichever way marked it', () => {
    expect([...sameTmaEvents.keys()]).toEqual([...MARKING_WAYS]);
    // Ids differ (the API gives its own) and so may the model's comments: everything else is core's work.
    const comparable = (events: StoredEvent[]) => [{ ...(events[0].data as TmaSubmittedData), tmaId: '' }, events[1].data, events[3].data];
    const [first, ...others] = [...sameTmaEvents.values()].map(comparable);
    for (const other of others) expect(other).toEqual(first);
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
      expect(Object.values(anon.piiDetected).reduce((x: number, y) => x + (y ?? 0), 0)).toBeGreaterThan(0);
      expect(anon.replacements).toEqual(anon.piiDetected);
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
