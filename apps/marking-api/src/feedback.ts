/** What feedback generation sees: only anonymised data. */
export interface FeedbackRequest {
  submissionId: string;
  courseCode: string;
  tmaNumber: string;
  answers: readonly AnonymisedAnswer[];
}

export interface AnonymisedAnswer {
  question: number;
  part: string | null;
  /** The answer text with personal data replaced by pseudonyms. */
  text: string;
  wordCount: number;
}

export interface CriterionScore {
  name: string;
  score: number;
  max: number;
  comment: string;
}

export interface AnswerFeedback {
  question: number;
  part: string | null;
  /** Present in rubric mode. */
  score?: number;
  max?: number;
  criteria?: CriterionScore[];
  comment: string;
}

export interface Feedback {
  mode: 'rubric' | 'ai';
  summary: string;
  answers: AnswerFeedback[];
  /** Rubric mode: total over all answers. */
  score?: number;
  max?: number;
  /** Rubric mode: Open University-style band (Pass 1..4, Fail). */
  band?: string;
  /** AI mode: the model that wrote it. */
  model?: string;
}

/**
 * The injected AI feedback function (the integration lib passes one backed by a local model).
 * It receives anonymised answers only.
 */
export type AiFeedbackFunction = (request: FeedbackRequest) => Promise<{ summary: string; answers?: { question: number; part: string | null; comment: string }[]; model?: string }>;
