import type { NewEvent } from '../event-store/event-store.ts';
import type { PiiType } from '../pii/types.ts';

/**
 * The events of one marking, the same for every way in (in process, over IPC, over HTTP): a
 * complete marking is exactly these four events in the stream `markingStreamId(tmaId)`; a failed
 * one holds a MarkingFailed instead of (or after) them. No raw personal data goes into the store:
 * the student is a keyed pseudonym, the text a SHA-256, the answers anonymised.
 */
export const MARKING_EVENT_TYPES = ['TmaSubmitted', 'TmaAnonymised', 'FeedbackGenerated', 'MarkRecorded'] as const;

/** One stream per marked submission. */
export const markingStreamId = (tmaId: string): string => `marking-${tmaId}`;

export interface TmaSubmittedData {
  /** The submission's id: the caller's (integration) or the one the marking API gave it. */
  tmaId: string;
  courseCode: string;
  tmaNumber: string;
  /** Keyed pseudonym of the student id (`Anonymiser.pseudonym('student-id', …)`). */
  student: string;
  submissionDate: string;
  contentSha256: string;
  wordCount: number;
  answerCount: number;
}

export interface AnonymisedAnswer {
  question: number;
  part: string | null;
  /** The answer text with personal data replaced by pseudonyms. */
  text: string;
  wordCount: number;
}

export interface TmaAnonymisedData {
  answers: AnonymisedAnswer[];
  /** PII spans found by detection, by type. */
  piiDetected: Partial<Record<PiiType, number>>;
  /** Replacements made by the anonymiser, by type. */
  replacements: Partial<Record<PiiType, number>>;
}

export interface CriterionScore {
  name: string;
  score: number;
  max: number;
  comment: string;
}

/** The feedback on one answer. */
export interface AnswerComment {
  question: number;
  part: string | null;
  comment: string;
  /** Rubric feedback: the criteria behind the comment. */
  criteria?: CriterionScore[];
  /** AI feedback: prompt and generated tokens, when the model reports them. */
  promptTokens?: number;
  generatedTokens?: number;
}

export interface FeedbackGeneratedData {
  /** Who wrote the comments: the deterministic rubric, or an AI model. */
  mode: 'rubric' | 'ai';
  /** The model, in AI mode. */
  model?: string;
  summary: string;
  answers: AnswerComment[];
}

/** The mark always comes from the rubric (`rubricMark`), whoever wrote the comments. */
export interface MarkRecordedData {
  score: number;
  max: number;
  /** Open University-style band: Pass 1..4 or Fail. */
  band: string;
  answers: { question: number; part: string | null; score: number; max: number }[];
}

export interface MarkingFailedData {
  tmaId: string;
  /** The step that failed, e.g. `parse`, `model-load`, `feedback`, `store`. */
  stage: string;
  error: string;
}

/** The first two events: what was submitted, anonymised (one append at submission). */
export function submissionEvents(submitted: TmaSubmittedData, anonymised: TmaAnonymisedData): NewEvent[] {
  return [
    { type: 'TmaSubmitted', data: submitted },
    { type: 'TmaAnonymised', data: anonymised },
  ];
}

/** The last two events: the feedback and the mark (one append once the feedback is written). */
export function assessmentEvents(feedback: FeedbackGeneratedData, mark: MarkRecordedData): NewEvent[] {
  return [
    { type: 'FeedbackGenerated', data: feedback },
    { type: 'MarkRecorded', data: mark },
  ];
}

export function markingFailedEvent(data: MarkingFailedData): NewEvent<MarkingFailedData> {
  return { type: 'MarkingFailed', data };
}
