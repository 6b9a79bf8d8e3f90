import type { AnonymisedAnswer, AnswerComment, FeedbackGeneratedData, MarkRecordedData } from '@workflow-bench/core';

/** What the injected AI feedback function sees: only anonymised data. */
export interface FeedbackRequest {
  tmaId: string;
  courseCode: string;
  tmaNumber: string;
  answers: readonly AnonymisedAnswer[];
}

/** What the AI feedback function writes: comments only; the mark always comes from the rubric. */
export interface AiFeedback {
  summary: string;
  answers?: AnswerComment[];
  /** The model that wrote it. */
  model?: string;
}

/**
 * The injected AI feedback function (the integration lib passes one backed by a local model).
 * It receives anonymised answers only.
 */
export type AiFeedbackFunction = (request: FeedbackRequest) => Promise<AiFeedback>;

/** One answer in the API's feedback answer: the comment, with its rubric score when there is one. */
export interface AnswerFeedback extends AnswerComment {
  score?: number;
  max?: number;
}

/**
 * The `feedback` of `GET/POST /api/tmas/:id/feedback`: the FeedbackGenerated event's comments and
 * the MarkRecorded event's mark of the same marking, in one object.
 */
export interface Feedback extends Omit<FeedbackGeneratedData, 'answers'> {
  answers: AnswerFeedback[];
  score?: number;
  max?: number;
  band?: string;
}

/** Joins a marking's comments and its mark (answers matched by question and part). */
export function feedbackWithMark(feedback: FeedbackGeneratedData, mark: MarkRecordedData | undefined): Feedback {
  if (!mark) return feedback;
  const scores = new Map(mark.answers.map((a) => [`${a.question}/${a.part ?? ''}`, a]));
  return {
    ...feedback,
    answers: feedback.answers.map((a) => {
      const s = scores.get(`${a.question}/${a.part ?? ''}`);
      return s ? { ...a, score: s.score, max: s.max } : a;
    }),
    score: mark.score,
    max: mark.max,
    band: mark.band,
  };
}
