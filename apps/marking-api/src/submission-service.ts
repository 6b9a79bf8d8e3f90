import { randomUUID } from 'node:crypto';
import {
  Anonymiser,
  ConcurrencyError,
  TmaParseError,
  ValidationError,
  assessmentEvents,
  localSubmissionSteps,
  markingFailedEvent,
  markingStreamId,
  prepareSubmission,
  rubricAssessment,
  rubricMark,
  submissionEvents,
  type AnonymisedAnswer,
  type EventStore,
  type FeedbackGeneratedData,
  type MarkingFailedData,
  type MarkRecordedData,
  type NewEvent,
  type PreparedSubmission,
  type StoredEvent,
  type SubmissionSteps,
  type TmaAnonymisedData,
  type TmaSubmittedData,
} from '@workflow-bench/core';
import { ApiError } from './api-error.ts';
import type { AiFeedbackFunction } from './feedback.ts';

export type SubmissionStatus = 'anonymised' | 'feedback-ready' | 'failed';

/** The read model of one submission, folded from its stream. */
export interface SubmissionView {
  id: string;
  status: SubmissionStatus;
  version: number;
  submittedAt: string;
  submitted: TmaSubmittedData;
  answers: AnonymisedAnswer[];
  /** The latest feedback and the mark recorded with it. */
  feedback?: FeedbackGeneratedData;
  mark?: MarkRecordedData;
  feedbackAt?: string;
  feedbackCount: number;
  failure?: string;
}

export interface SubmissionServiceOptions {
  store: EventStore;
  anonymisationKey: string | Uint8Array;
  feedbackMode: 'rubric' | 'ai';
  aiFeedback?: AiFeedbackFunction;
  /** Read-model entries kept in memory; older ones are rebuilt from the store on demand. */
  cacheSize?: number;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const APPEND_RETRIES = 5;

/**
 * The marking workflow over an event store: submit (core's prepareSubmission, then TmaSubmitted +
 * TmaAnonymised in one append), status, feedback (FeedbackGenerated + MarkRecorded in one append)
 * and retrieval. The events are core's marking events, in the stream `markingStreamId(id)`.
 *
 * Reads go through a bounded in-memory read model (CQRS-style) so status checks do not re-read
 * streams that grow with every feedback regeneration; a miss rebuilds the view from the stream.
 */
export class SubmissionService {
  private readonly steps: SubmissionSteps;
  private readonly views = new Map<string, SubmissionView>();
  private readonly cacheSize: number;
  private readonly appendQueues = new Map<string, Promise<void>>();

  constructor(private readonly options: SubmissionServiceOptions) {
    if (options.feedbackMode === 'ai' && !options.aiFeedback) {
      throw new TypeError("marking-api: feedbackMode 'ai' needs an aiFeedback function");
    }
    this.steps = localSubmissionSteps(new Anonymiser(options.anonymisationKey));
    this.cacheSize = options.cacheSize ?? 10_000;
  }

  async submit(text: string): Promise<SubmissionView> {
    const id = randomUUID();
    const { submitted, anonymised } = await this.prepare(id, text);
    const result = await this.options.store.append(markingStreamId(id), submissionEvents(submitted, anonymised), 0);
    const view: SubmissionView = {
      id,
      status: 'anonymised',
      version: result.version,
      submittedAt: new Date().toISOString(),
      submitted,
      answers: anonymised.answers,
      feedbackCount: 0,
    };
    this.remember(view);
    return view;
  }

  /** Core's prepareSubmission, its parse and validation errors as 400 and 422 answers. */
  private async prepare(id: string, text: string): Promise<PreparedSubmission> {
    try {
      return await prepareSubmission(id, text, this.steps);
    } catch (err) {
      if (err instanceof TmaParseError) {
        throw new ApiError(400, 'tma_parse_error', err.message, { field: 'text', line: err.line });
      }
      if (err instanceof ValidationError) {
        throw new ApiError(422, 'invalid_submission', `submission is invalid: ${err.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, {
          field: err.field,
          details: [...err.errors],
        });
      }
      throw err;
    }
  }

  /** The view of a submission; ApiError 404 when the id is unknown. */
  async get(id: string): Promise<SubmissionView> {
    const cached = this.views.get(id);
    if (cached) return cached;
    const view = await this.rebuild(id);
    this.remember(view);
    return view;
  }

  /** Writes feedback on the anonymised answers (rubric or AI) and the rubric's mark, as one append. */
  async generateFeedback(id: string): Promise<SubmissionView> {
    const view = await this.get(id);
    const { courseCode, tmaNumber } = view.submitted;
    let feedback: FeedbackGeneratedData;
    let mark: MarkRecordedData;
    if (this.options.feedbackMode === 'ai') {
      try {
        const ai = await this.options.aiFeedback!({ tmaId: id, courseCode, tmaNumber, answers: view.answers });
        feedback = {
          mode: 'ai',
          ...(ai.model ? { model: ai.model } : {}),
          summary: ai.summary,
          answers: (ai.answers ?? []).map((a) => ({
            question: a.question,
            part: a.part,
            comment: a.comment,
            ...(a.promptTokens === undefined ? {} : { promptTokens: a.promptTokens }),
            ...(a.generatedTokens === undefined ? {} : { generatedTokens: a.generatedTokens }),
          })),
        };
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        await this.appendWithRetry(id, [markingFailedEvent({ tmaId: id, stage: 'feedback', error: reason })]);
        throw new ApiError(502, 'feedback_generation_failed', `AI feedback failed: ${reason}`);
      }
      mark = rubricMark(view.answers);
    } else {
      ({ feedback, mark } = rubricAssessment(courseCode, tmaNumber, view.answers));
    }
    await this.appendWithRetry(id, assessmentEvents(feedback, mark));
    return this.get(id);
  }

  /**
   * Appends at the version the read model knows. Appends to one stream are queued within this
   * process (no self-inflicted conflicts); a conflict with another writer rebuilds the view and retries.
   */
  private appendWithRetry(id: string, events: readonly NewEvent[]): Promise<void> {
    const previous = this.appendQueues.get(id) ?? Promise.resolve();
    const next = previous.then(() => this.appendNow(id, events));
    const tail = next.catch(() => undefined);
    this.appendQueues.set(id, tail);
    void tail.then(() => {
      if (this.appendQueues.get(id) === tail) this.appendQueues.delete(id);
    });
    return next;
  }

  private async appendNow(id: string, events: readonly NewEvent[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const view = await this.get(id);
      try {
        const r = await this.options.store.append(markingStreamId(id), events, view.version);
        const recordedAt = new Date().toISOString();
        events.forEach((e, i) => this.apply(view, { type: e.type, data: e.data, version: r.version - events.length + 1 + i, recordedAt }));
        return;
      } catch (err) {
        const conflict = err instanceof ConcurrencyError || (err instanceof Error && err.name === 'ConcurrencyError');
        if (!conflict || attempt >= APPEND_RETRIES) throw err;
        this.views.delete(id);
      }
    }
  }

  private async rebuild(id: string): Promise<SubmissionView> {
    if (!ID.test(id)) throw new ApiError(404, 'not_found', `no submission with id '${id.slice(0, 64)}'`, { field: 'id' });
    const events = await this.options.store.readStream(markingStreamId(id));
    const first = events[0] as StoredEvent<TmaSubmittedData> | undefined;
    if (!first || first.type !== 'TmaSubmitted') throw new ApiError(404, 'not_found', `no submission with id '${id}'`, { field: 'id' });
    const view: SubmissionView = {
      id,
      status: 'anonymised',
      version: first.version,
      submittedAt: first.recordedAt,
      submitted: first.data,
      answers: [],
      feedbackCount: 0,
    };
    for (const e of events.slice(1)) this.apply(view, e);
    return view;
  }

  private apply(view: SubmissionView, e: { type: string; data: unknown; version: number; recordedAt: string }): void {
    view.version = e.version;
    switch (e.type) {
      case 'TmaAnonymised':
        view.answers = (e.data as TmaAnonymisedData).answers;
        view.status = 'anonymised';
        break;
      case 'FeedbackGenerated':
        view.feedback = e.data as FeedbackGeneratedData;
        view.mark = undefined;
        view.feedbackAt = e.recordedAt;
        view.feedbackCount++;
        view.status = 'feedback-ready';
        break;
      case 'MarkRecorded':
        view.mark = e.data as MarkRecordedData;
        break;
      case 'MarkingFailed':
        view.failure = String((e.data as Partial<MarkingFailedData>).error ?? 'unknown');
        if (view.status !== 'feedback-ready') view.status = 'failed';
        break;
    }
  }

  private remember(view: SubmissionView): void {
    this.views.delete(view.id);
    this.views.set(view.id, view);
    if (this.views.size > this.cacheSize) {
      // Map iteration order is insertion order: the first key is the least recently stored.
      this.views.delete(this.views.keys().next().value!);
    }
  }
}
