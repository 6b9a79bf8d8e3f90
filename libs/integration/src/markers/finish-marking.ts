import {
  MARKING_EVENT_TYPES,
  assessmentEvents,
  markingStreamId,
  rubricMark,
  submissionEvents,
  type NewEvent,
  type PreparedSubmission,
} from '@workflow-bench/core';
import type { LlamaFeedback } from '../feedback/llama-feedback.ts';
import type { MarkingReceipt } from '../pipeline/marker.ts';
import type { StageTimer } from '../pipeline/stage-timer.ts';

/**
 * The stages the in-process and IPC ways share after core's prepareSubmission: model load (once),
 * AI feedback, the rubric's mark, and one append of all four marking events — the whole marking
 * or nothing. Version 0: a TMA is marked once.
 */
export async function finishMarking(
  prepared: PreparedSubmission,
  feedback: LlamaFeedback,
  timer: StageTimer,
  append: (streamId: string, events: NewEvent[], expectedVersion: number) => Promise<unknown>,
): Promise<MarkingReceipt> {
  const { submitted, anonymised } = prepared;
  if (!feedback.loaded) await timer.stage('model-load', () => feedback.load());
  const comments = await timer.stage('feedback', () => feedback.generate({ ...submitted, answers: anonymised.answers }));
  const mark = await timer.stage('mark', () => rubricMark(anonymised.answers));
  const streamId = markingStreamId(submitted.tmaId);
  const events = [...submissionEvents(submitted, anonymised), ...assessmentEvents(comments, mark)];
  await timer.stage('store', () => append(streamId, events, 0));
  return { streamId, eventTypes: [...MARKING_EVENT_TYPES], score: mark.score, max: mark.max, answerCount: anonymised.answers.length };
}
