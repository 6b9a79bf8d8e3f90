import { randomUUID } from 'node:crypto';
import {
  Anonymiser,
  ConcurrencyError,
  parseTma,
  sha256Hex,
  validateSubmission,
  type EventStore,
  type StoredEvent,
  type TmaSubmission,
} from '@workflow-bench/core';
import { ApiError } from './api-error.ts';
import type { AiFeedbackFunction, AnonymisedAnswer, Feedback, FeedbackRequest } from './feedback.ts';
import { rubricFeedback } from './rubric-feedback.ts';

export type SubmissionStatus = 'anonymised' | 'feedback-ready' | 'failed';

/** Event payloads this service writes. No raw personal data goes into the store. */
export interface TmaSubmittedData {
  submissionId: string;
  courseCode: string;
  tmaNumber: string;
  /** Keyed pseudonym of the student id. */
  student: string;
  submissionDate: string;
  contentSha256: string;
  wordCount: number;
  answerCount: number;
}
export interface TmaAnonymisedData {
  answers: AnonymisedAnswer[];
  /** Replacements made, by PII type. */
  replacements: Record<string, number>;
}
export interface FeedbackGeneratedData {
  feedback: Feedback;
}

/** The read model of one submission, folded from its stream. */
export interface SubmissionView {
  id: string;
  status: SubmissionStatus;
  version: number;
  submittedAt: string;
  submitted: TmaSubmittedData;
  answers: AnonymisedAnswer[];
  feedback?: Feedback;
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

export const streamIdOf = (id: string): string => `tma-${id}`;

/**
 * The marking workflow over an event store: submit (parse, validate, anonymise, append),
 * status, feedback generation and retrieval.
 *
 * Reads go through a bounded in-memory read model (CQRS-style) so status checks do not re-read
 * streams that grow with every feedback regeneration; a miss rebuilds the view from the stream.
 */
export class SubmissionService {
  private readonly anonymiser: Anonymiser;
  private readonly views = new Map<string, SubmissionView>();
  private readonly cacheSize: number;
  private readonly appendQueues = new Map<string, Promise<void>>();

  constructor(private readonly options: SubmissionServiceOptions) {
    if (options.feedbackMode === 'ai' && !options.aiFeedback) {
      throw new TypeError("marking-api: feedbackMode 'ai' needs an aiFeedback function");
    }
    this.anonymiser = new Anonymiser(options.anonymisationKey);
    this.cacheSize = options.cacheSize ?? 10_000;
  }

  async submit(text: string): Promise<SubmissionView> {
    let submission: TmaSubmission;
    try {
      submission = parseTma(text);
    } catch (err) {
      if (err instanceof Error && err.name === 'TmaParseError') {
        const line = (err as Error & { line?: number }).line;
        throw new ApiError(400, 'tma_parse_error', err.message, { field: 'text', ...(line !== undefined ? { line } : {}) });
      }
      throw err;
    }
    const validation = validateSubmission(submission);
    if (!validation.valid) {
      throw new ApiError(422, 'invalid_submission', `submission is invalid: ${validation.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, {
        field: validation.errors[0]?.field,
        details: validation.errors,
      });
    }
    const id = randomUUID();
    const replacements: Record<string, number> = {};
    const answers: AnonymisedAnswer[] = submission.answers.map((a) => {
      const anon = this.anonymiser.anonymise(a.text);
      for (const r of anon.replacements) replacements[r.type] = (replacements[r.type] ?? 0) + 1;
      return { question: a.question, part: a.part, text: anon.text, wordCount: a.wordCount };
    });
    const h = submission.header;
    const submitted: TmaSubmittedData = {
      submissionId: id,
      courseCode: h.courseCode,
      tmaNumber: h.tmaNumber,
      student: this.anonymiser.pseudonym('student-id', h.studentId),
      submissionDate: h.submissionDate,
      contentSha256: sha256Hex(text),
      wordCount: submission.wordCount,
      answerCount: submission.answers.length,
    };
    const anonymised: TmaAnonymisedData = { answers, replacements };
    const result = await this.options.store.append(
      streamIdOf(id),
      [
        { type: 'TmaSubmitted', data: submitted },
        { type: 'TmaAnonymised', data: anonymised },
      ],
      0,
    );
    const view: SubmissionView = {
      id,
      status: 'anonymised',
      version: result.version,
      submittedAt: new Date().toISOString(),
      submitted,
      answers,
      feedbackCount: 0,
    };
    this.remember(view);
    return view;
  }

  /** The view of a submission; ApiError 404 when the id is unknown. */
  async get(id: string): Promise<SubmissionView> {
    const cached = this.views.get(id);
    if (cached) return cached;
    const view = await this.rebuild(id);
    this.remember(view);
    return view;
  }

  async generateFeedback(id: string): Promise<SubmissionView> {
    let view = await this.get(id);
    const request: FeedbackRequest = {
      submissionId: id,
      courseCode: view.submitted.courseCode,
      tmaNumber: view.submitted.tmaNumber,
      answers: view.answers,
    };
    let feedback: Feedback;
    if (this.options.feedbackMode === 'ai') {
      try {
        const ai = await this.options.aiFeedback!(request);
        feedback = {
          mode: 'ai',
          summary: ai.summary,
          answers: (ai.answers ?? []).map((a) => ({ question: a.question, part: a.part, comment: a.comment })),
          ...(ai.model ? { model: ai.model } : {}),
        };
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        await this.appendWithRetry(id, { type: 'MarkingFailed', data: { reason } });
        throw new ApiError(502, 'feedback_generation_failed', `AI feedback failed: ${reason}`);
      }
    } else {
      feedback = rubricFeedback(request);
    }
    await this.appendWithRetry(id, { type: 'FeedbackGenerated', data: { feedback } satisfies FeedbackGeneratedData });
    view = await this.get(id);
    return view;
  }

  /**
   * Appends at the version the read model knows. Appends to one stream are queued within this
   * process (no self-inflicted conflicts); a conflict with another writer rebuilds the view and retries.
   */
  private appendWithRetry(id: string, event: { type: string; data: unknown }): Promise<void> {
    const previous = this.appendQueues.get(id) ?? Promise.resolve();
    const next = previous.then(() => this.appendNow(id, event));
    const tail = next.catch(() => undefined);
    this.appendQueues.set(id, tail);
    void tail.then(() => {
      if (this.appendQueues.get(id) === tail) this.appendQueues.delete(id);
    });
    return next;
  }

  private async appendNow(id: string, event: { type: string; data: unknown }): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const view = await this.get(id);
      try {
        const r = await this.options.store.append(streamIdOf(id), [event], view.version);
        this.apply(view, { type: event.type, data: event.data, version: r.version, recordedAt: new Date().toISOString() });
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
    const events = await this.options.store.readStream(streamIdOf(id));
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
        view.feedback = (e.data as FeedbackGeneratedData).feedback;
        view.feedbackAt = e.recordedAt;
        view.feedbackCount++;
        view.status = 'feedback-ready';
        break;
      case 'MarkingFailed':
        view.failure = String((e.data as { reason?: unknown }).reason ?? 'unknown');
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
