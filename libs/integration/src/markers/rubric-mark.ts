import { rubricFeedback } from '@workflow-bench/marking-api';
import type { AnonymisedAnswerData, MarkRecordedData } from '../pipeline/marking-events.ts';

/**
 * The mark of a TMA: the marking API's deterministic rubric scores (length, development,
 * vocabulary, structure, evidence) over the anonymised answers. The AI writes the comments; the
 * mark comes from the rubric, so it is the same for every way in.
 */
export function rubricMark(courseCode: string, tmaNumber: string, answers: readonly AnonymisedAnswerData[]): MarkRecordedData {
  const rubric = rubricFeedback({ submissionId: 'integration', courseCode, tmaNumber, answers });
  return {
    score: rubric.score ?? 0,
    max: rubric.max ?? 0,
    band: rubric.band ?? 'Fail',
    answers: rubric.answers.map((a) => ({ question: a.question, part: a.part, score: a.score ?? 0, max: a.max ?? 0 })),
  };
}
