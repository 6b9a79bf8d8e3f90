import type { PiiSpan } from '../pii/types.ts';

/** Generator presets: small ≈ 3 answers / 300 words, medium ≈ 8 / 2,000, large ≈ 20 / 10,000. */
export type TmaSize = 'small' | 'medium' | 'large';

export interface TmaHeader {
  /** Course code, e.g. `TM112`. */
  courseCode: string;
  /** Assignment number within the course, e.g. `01`. */
  tmaNumber: string;
  /** The student's personal identifier, e.g. `A1234567`. */
  studentId: string;
  studentName: string;
  /** `YYYY-MM-DD`. */
  submissionDate: string;
}

export interface TmaAnswer {
  question: number;
  /** Part letter(s), e.g. `a` or `iv`; null for a question without parts. */
  part: string | null;
  text: string;
  wordCount: number;
  /** 1-based line of the `Question …` heading in the submission text. */
  line: number;
}

export interface TmaSubmission {
  header: TmaHeader;
  answers: TmaAnswer[];
  /** Sum of the answers' word counts. */
  wordCount: number;
}

export interface GeneratedTma {
  /** The submission text, exactly `formatTma(submission)`. */
  text: string;
  submission: TmaSubmission;
  /** Ground truth: every piece of personal data embedded in `text`, sorted by start. */
  pii: PiiSpan[];
}
