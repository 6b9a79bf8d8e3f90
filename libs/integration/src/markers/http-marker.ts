import { MARKING_EVENT_TYPES, markingStreamId, openLmdbEventStore, type EventStore, type MarkingFailedData, type StoredEvent } from '@workflow-bench/core';
import { startMarkingApi, type AiFeedbackFunction, type Feedback, type RunningMarkingApi } from '@workflow-bench/marking-api';
import type { LlamaFeedback } from '../feedback/llama-feedback.ts';
import { FailureLog } from '../pipeline/failure-log.ts';
import type { FailureRecord, Marker, MarkingReceipt, TmaInput } from '../pipeline/marker.ts';
import { recordFailure } from '../pipeline/record-failure.ts';
import { StageError, type StageName, type StageTimer } from '../pipeline/stage-timer.ts';
import { anonymisationKey, markerWorkdir, type MarkerWorkdir } from './marker-workdir.ts';

export interface HttpMarkerOptions {
  feedback: LlamaFeedback;
  /** Directory for `events/` (the API's LMDB store) and `failures.jsonl`; default a temp dir. */
  dir?: string;
  /** Times the store opening and the server start as 'store-open' and 'api-start'. */
  timer?: StageTimer;
}

/** An HTTP answer that was not the expected status. */
export class HttpMarkingError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(`${method} ${url}: HTTP ${status}${code ? ` ${code}` : ''}: ${message}`);
    this.name = 'HttpMarkingError';
  }
}

/** What the injected feedback function measured inside the server for one submission. */
interface InnerFeedback {
  modelLoadMs: number;
  feedbackMs: number;
  failedStage?: StageName;
}

/**
 * The marking API (apps/marking-api, Fastify) started in this process on 127.0.0.1 with
 * feedbackMode 'ai' and the llama feedback injected; every marking goes over real HTTP:
 * POST /api/tmas, POST /api/tmas/:id/feedback, GET /api/tmas/:id/feedback.
 *
 * The API owns its events, core's four marking events in `markingStreamId(<its submission id>)`:
 * TmaSubmitted + TmaAnonymised in one append at submit, then FeedbackGenerated + MarkRecorded in one
 * append (or MarkingFailed when the AI fails, written by the API itself).
 */
export class HttpMarker implements Marker {
  readonly way = 'http' as const;
  readonly failureLog: FailureLog;
  /** Our TMA id → the API's submission id. */
  readonly #submissions = new Map<string, string>();

  private constructor(
    readonly api: RunningMarkingApi,
    readonly store: EventStore,
    readonly feedback: LlamaFeedback,
    readonly workdir: MarkerWorkdir,
    /** Filled by the injected feedback function, per API submission id. */
    private readonly inner: Map<string, InnerFeedback>,
  ) {
    this.failureLog = new FailureLog(workdir.failureLogPath);
  }

  static async open(options: HttpMarkerOptions): Promise<HttpMarker> {
    const workdir = markerWorkdir(options.dir, 'http');
    const timed = <T>(name: StageName, fn: () => Promise<T>) => (options.timer ? options.timer.stage(name, fn) : fn());
    let store: EventStore | undefined;
    try {
      store = await timed('store-open', () => openLmdbEventStore({ path: workdir.storePath, sync: true }));
      const inner = new Map<string, InnerFeedback>();
      const aiFeedback = HttpMarker.#aiFeedback(options.feedback, inner);
      const s = store;
      const api = await timed('api-start', () =>
        startMarkingApi({ host: '127.0.0.1', port: 0, store: s, feedbackMode: 'ai', aiFeedback, anonymisationKey: anonymisationKey() }),
      );
      return new HttpMarker(api, s, options.feedback, workdir, inner);
    } catch (error) {
      await store?.close().catch(() => undefined);
      workdir.dispose();
      throw error;
    }
  }

  /** The function the API calls for AI feedback: loads the model on first use, then writes comments, timing both. */
  static #aiFeedback(feedback: LlamaFeedback, inner: Map<string, InnerFeedback>): AiFeedbackFunction {
    return async (request) => {
      const record: InnerFeedback = { modelLoadMs: 0, feedbackMs: 0 };
      inner.set(request.tmaId, record);
      let t = performance.now();
      try {
        if (!feedback.loaded) {
          record.failedStage = 'model-load';
          await feedback.load();
          record.modelLoadMs = performance.now() - t;
          t = performance.now();
        }
        record.failedStage = 'feedback';
        const written = await feedback.generate(request);
        record.feedbackMs = performance.now() - t;
        record.failedStage = undefined;
        return written;
      } catch (error) {
        if (record.failedStage === 'feedback') record.feedbackMs = performance.now() - t;
        else record.modelLoadMs = performance.now() - t;
        throw error;
      }
    };
  }

  get modelLabel(): string {
    return this.feedback.label;
  }

  get url(): string {
    return this.api.url;
  }

  async mark(tma: TmaInput, timer: StageTimer): Promise<MarkingReceipt> {
    const submitted = await timer.stage('submit', () => this.#request<{ id: string }>('POST', '/api/tmas', 202, { text: tma.text }));
    const id = submitted.id;
    this.#submissions.set(tma.id, id);
    try {
      await timer.stage('feedback-request', () => this.#request('POST', `/api/tmas/${id}/feedback`, 200));
    } catch (error) {
      const inner = this.inner.get(id);
      if (inner?.failedStage) {
        // The API answered 502 and recorded MarkingFailed; the stage that failed ran inside it.
        timer.split('feedback-request', inner.failedStage, inner.failedStage === 'model-load' ? inner.modelLoadMs : inner.feedbackMs);
        throw new StageError(inner.failedStage, error instanceof StageError ? error.cause : error);
      }
      throw error;
    } finally {
      const inner = this.inner.get(id);
      if (inner && !inner.failedStage) {
        timer.split('feedback-request', 'model-load', inner.modelLoadMs);
        timer.split('feedback-request', 'feedback', inner.feedbackMs);
      }
      this.inner.delete(id);
    }
    const { feedback } = await timer.stage('fetch-feedback', () => this.#request<{ feedback: Feedback }>('GET', `/api/tmas/${id}/feedback`, 200));
    return { streamId: markingStreamId(id), eventTypes: [...MARKING_EVENT_TYPES], score: feedback.score, max: feedback.max, answerCount: feedback.answers.length };
  }

  async #request<T = unknown>(method: string, path: string, expected: number, body?: unknown): Promise<T> {
    const url = `${this.api.url}${path}`;
    const res = await fetch(url, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new HttpMarkingError(method, path, res.status, undefined, `answer is not JSON: ${text.slice(0, 200)}`);
    }
    if (res.status !== expected) {
      const err = (json as { error?: { code?: string; message?: string } }).error;
      throw new HttpMarkingError(method, path, res.status, err?.code, err?.message ?? text.slice(0, 200));
    }
    return json as T;
  }

  /**
   * A failure in the feedback request was already recorded by the API (MarkingFailed in the
   * submission's stream); a failure before the API stored anything is recorded in the same store,
   * in the stream `marking-<tmaId>`.
   */
  async recordFailure(failure: MarkingFailedData): Promise<FailureRecord> {
    const id = this.#submissions.get(failure.tmaId);
    if (id !== undefined) {
      const events = await this.store.readStream(markingStreamId(id)).catch(() => []);
      if (events.some((e) => e.type === 'MarkingFailed')) return { recordedIn: 'event-store', location: markingStreamId(id), byComponent: true };
      return recordFailure((_stream, evs) => this.store.append(markingStreamId(id), evs, 'any'), failure, this.failureLog, this.way);
    }
    return recordFailure((streamId, evs) => this.store.append(streamId, evs, 'any'), failure, this.failureLog, this.way);
  }

  readMarking(tmaId: string): Promise<StoredEvent[]> {
    const id = this.#submissions.get(tmaId);
    return this.store.readStream(id === undefined ? markingStreamId(tmaId) : markingStreamId(id));
  }

  async close(): Promise<void> {
    try {
      await this.api.close();
      await this.store.close();
    } finally {
      this.workdir.dispose();
    }
  }
}
