import type { NewEvent, PiiType } from '@workflow-bench/core';
import type { StageName } from './stage-timer.ts';

/**
 * The events of one marking (in-process and IPC ways). A complete marking is exactly these four
 * events, appended in ONE append call at the end (one store transaction: all or nothing); a failed
 * marking is one MarkingFailed event instead. No raw personal data goes into the store.
 */

export const MARKING_EVENT_TYPES = ['TmaSubmitted', 'TmaAnonymised', 'FeedbackGenerated', 'MarkRecorded'] as const;

/** One stream per TMA marking. */
export const markingStreamId = (tmaId: string): string => `marking-${tmaId}`;

export interface TmaSubmittedData {
  tmaId: string;
  courseCode: string;
  tmaNumber: string;
  /** Keyed pseudonym of the student id. */
  student: string;
  submissionDate: string;
  contentSha256: string;
  wordCount: number;
  answerCount: number;
}

export interface AnonymisedAnswerData {
  question: number;
  part: string | null;
  /** Answer text with personal data replaced by pseudonyms. */
  text: string;
  wordCount: number;
}

export interface TmaAnonymisedData {
  answers: AnonymisedAnswerData[];
  /** PII spans found by the detection stage, by type. */
  piiDetected: Partial<Record<PiiType, number>>;
  /** Replacements made by the anonymiser, by type. */
  replacements: Partial<Record<PiiType, number>>;
}

export interface AnswerComment {
  question: number;
  part: string | null;
  comment: string;
  promptTokens: number;
  generatedTokens: number;
}

export interface FeedbackGeneratedData {
  model: string;
  answers: AnswerComment[];
}

export interface MarkRecordedData {
  score: number;
  max: number;
  band: string;
  answers: { question: number; part: string | null; score: number; max: number }[];
}

export interface MarkingFailedData {
  tmaId: string;
  stage: StageName;
  error: string;
}

export interface MarkingEvents {
  submitted: TmaSubmittedData;
  anonymised: TmaAnonymisedData;
  feedback: FeedbackGeneratedData;
  mark: MarkRecordedData;
}

export function markingEvents(e: MarkingEvents): NewEvent[] {
  return [
    { type: 'TmaSubmitted', data: e.submitted },
    { type: 'TmaAnonymised', data: e.anonymised },
    { type: 'FeedbackGenerated', data: e.feedback },
    { type: 'MarkRecorded', data: e.mark },
  ];
}

export function markingFailedEvent(data: MarkingFailedData): NewEvent<MarkingFailedData> {
  return { type: 'MarkingFailed', data };
}

/** Counts items by a key (PII spans or replacements by type). */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
