import type { NewEvent, PiiSpan, TmaSubmission } from '@workflow-bench/core';
import type { LlamaFeedback } from '../feedback/llama-feedback.ts';
import type { MarkingReceipt } from '../pipeline/marker.ts';
import { countBy, markingEvents, markingStreamId, MARKING_EVENT_TYPES, type AnonymisedAnswerData } from '../pipeline/marking-events.ts';
import type { StageTimer } from '../pipeline/stage-timer.ts';
import { rubricMark } from './rubric-mark.ts';

/** What the front stages (parse … hash) produced, however they ran (in-process or over IPC). */
export interface PreparedMarking {
  tmaId: string;
  submission: TmaSubmission;
  spans: readonly PiiSpan[];
  answers: AnonymisedAnswerData[];
  replacements: Record<string, number>;
  student: string;
  contentSha256: string;
}

/**
 * The stages every way in shares after anonymisation: model load (once), AI feedback, the mark,
 * and one append of all four marking events — the whole marking or nothing. Version 0: a TMA is
 * marked once.
 */
export async function finishMarking(
  p: PreparedMarking,
  feedback: LlamaFeedback,
  timer: StageTimer,
  append: (streamId: string, events: NewEvent[], expectedVersion: number) => Promise<unknown>,
): Promise<MarkingReceipt> {
  if (!feedback.loaded) await timer.stage('model-load', () => feedback.load());
  const comments = await timer.stage('feedback', () => feedback.answers(p.answers));
  const h = p.submission.header;
  const mark = await timer.stage('mark', () => rubricMark(h.courseCode, h.tmaNumber, p.answers));
  const streamId = markingStreamId(p.tmaId);
  const events = markingEvents({
    submitted: {
      tmaId: p.tmaId,
      courseCode: h.courseCode,
      tmaNumber: h.tmaNumber,
      student: p.student,
      submissionDate: h.submissionDate,
      contentSha256: p.contentSha256,
      wordCount: p.submission.wordCount,
      answerCount: p.submission.answers.length,
    },
    anonymised: { answers: p.answers, piiDetected: countBy(p.spans, (s) => s.type), replacements: p.replacements },
    feedback: { model: feedback.label, answers: comments },
    mark,
  });
  await timer.stage('store', () => append(streamId, events, 0));
  return { streamId, eventTypes: [...MARKING_EVENT_TYPES], score: mark.score, max: mark.max, answerCount: p.answers.length };
}
