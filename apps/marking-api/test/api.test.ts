import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKING_EVENT_TYPES, markingStreamId, openLmdbEventStore, type EventStore } from '@workflow-bench/core';
import { startMarkingApi, type RunningMarkingApi } from '../src/index.ts';
import { call, postJson, tmaText } from './helpers.ts';

describe('marking API workflow', () => {
  let api: RunningMarkingApi;
  let store: EventStore;
  beforeAll(async () => {
    store = await openLmdbEventStore();
    api = await startMarkingApi({ store, anonymisationKey: 'test-key' });
  });
  afterAll(async () => {
    await api.close();
    await store.close();
  });

  it('binds 127.0.0.1 by default and answers /health', async () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const h = await call(`${api.url}/health`);
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: 'ok' });
  });

  it('submits, reports status, generates and returns rubric feedback', async () => {
    const sub = await postJson(`${api.url}/api/tmas`, { text: tmaText(3) });
    expect(sub.status).toBe(202);
    const id = (sub.body as { id: string }).id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const status = await call(`${api.url}/api/tmas/${id}/status`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ id, status: 'anonymised', feedbackAvailable: false, version: 2 });

    const none = await call(`${api.url}/api/tmas/${id}/feedback`);
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ error: { code: 'feedback_not_ready' } });

    const gen = await call(`${api.url}/api/tmas/${id}/feedback`, { method: 'POST' });
    expect(gen.status).toBe(200);
    const fb = (gen.body as { feedback: { mode: string; score: number; max: number; answers: unknown[] } }).feedback;
    expect(fb.mode).toBe('rubric');
    expect(fb.answers.length).toBeGreaterThan(0);
    expect(fb.score).toBeLessThanOrEqual(fb.max);

    const read = await call(`${api.url}/api/tmas/${id}/feedback`);
    expect(read.status).toBe(200);
    expect((read.body as { feedback: unknown }).feedback).toEqual(fb);
    expect((await call(`${api.url}/api/tmas/${id}/status`)).body).toMatchObject({ status: 'feedback-ready', feedbackCount: 1 });
  });

  it("stores one marking as core's four marking events, with no raw personal data", async () => {
    const text = tmaText(4);
    const header = Object.fromEntries(text.split('\n').slice(0, 5).map((l) => l.split(': ')));
    const sub = await postJson(`${api.url}/api/tmas`, { text });
    const id = (sub.body as { id: string }).id;
    await call(`${api.url}/api/tmas/${id}/feedback`, { method: 'POST' });
    const events = await store.readStream(markingStreamId(id));
    expect(events.map((e) => e.type)).toEqual([...MARKING_EVENT_TYPES]);
    expect(events[0].data).toMatchObject({ tmaId: id, student: expect.stringMatching(/^\[STUDENT-ID-[0-9a-f]{8}\]$/) });
    expect(events[3].data).toMatchObject({ score: expect.any(Number), max: expect.any(Number), band: expect.any(String) });
    const stored = JSON.stringify(events);
    expect(stored).not.toContain(header['Student ID']);
    expect(stored).not.toContain(header['Student name']);
  });

  it('accepts the TMA as text/plain too', async () => {
    const a = await call(`${api.url}/api/tmas`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: tmaText(5) });
    expect(a.status).toBe(202);
  });

  it('same answers give the same rubric feedback (deterministic)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push(((await postJson(`${api.url}/api/tmas`, { text: tmaText(6) })).body as { id: string }).id);
    const [a, b] = await Promise.all(ids.map((id) => call(`${api.url}/api/tmas/${id}/feedback`, { method: 'POST' })));
    expect((a.body as { feedback: unknown }).feedback).toEqual((b.body as { feedback: unknown }).feedback);
  });

  it('concurrent feedback requests on one submission all succeed (optimistic concurrency retried)', async () => {
    const id = ((await postJson(`${api.url}/api/tmas`, { text: tmaText(7) })).body as { id: string }).id;
    const answers = await Promise.all(Array.from({ length: 8 }, () => call(`${api.url}/api/tmas/${id}/feedback`, { method: 'POST' })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const events = await store.readStream(markingStreamId(id));
    expect(events.filter((e) => e.type === 'FeedbackGenerated')).toHaveLength(8);
    expect(events.filter((e) => e.type === 'MarkRecorded')).toHaveLength(8);
  });
});

describe('ai feedback mode and graceful shutdown', () => {
  it('uses the injected function with anonymised answers, and drains a request in flight on close', async () => {
    const seen: string[] = [];
    const api = await startMarkingApi({
      feedbackMode: 'ai',
      aiFeedback: async (req) => {
        seen.push(req.answers.map((a) => a.text).join('\n'));
        await new Promise((r) => setTimeout(r, 300));
        return { summary: 'model says fine', model: 'test-model', answers: req.answers.map((a) => ({ question: a.question, part: a.part, comment: 'ok' })) };
      },
    });
    const id = ((await postJson(`${api.url}/api/tmas`, { text: tmaText(8) })).body as { id: string }).id;
    const pending = call(`${api.url}/api/tmas/${id}/feedback`, { method: 'POST' });
    await new Promise((r) => setTimeout(r, 50));
    const closed = api.close();
    const answer = await pending;
    await closed;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ feedback: { mode: 'ai', summary: 'model says fine', model: 'test-model' } });
    expect(seen).toHaveLength(1);
    await expect(fetch(`${api.url}/health`)).rejects.toThrow();
  });

  it('refuses ai mode without a function', async () => {
    await expect(startMarkingApi({ feedbackMode: 'ai' })).rejects.toThrow(/aiFeedback/);
  });

  it('an AI failure is a 502 JSON error and a MarkingFailed event', async () => {
    const store = await openLmdbEventStore();
    const api = await startMarkingApi({ store, feedbackMode: 'ai', aiFeedback: async () => Promise.reject(new Error('model not loaded')) });
    try {
      const id = ((await postJson(`${api.url}/api/tmas`, { text: tmaText(9) })).body as { id: string }).id;
      const a = await call(`${api.url}/api/tmas/${id}/feedback`, { method: 'POST' });
      expect(a.status).toBe(502);
      expect(a.body).toMatchObject({ error: { code: 'feedback_generation_failed' } });
      expect((await store.readStream(markingStreamId(id))).map((e) => e.type)).toContain('MarkingFailed');
    } finally {
      await api.close();
      await store.close();
    }
  });
});
