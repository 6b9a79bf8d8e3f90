import { markingFailedEvent, markingStreamId, type MarkingFailedData, type NewEvent } from '@workflow-bench/core';
import type { FailureLog } from './failure-log.ts';
import type { FailureRecord } from './marker.ts';
import { describeError } from './stage-timer.ts';

/** Appends events to a stream of some event store (directly, or over IPC). */
export type AppendTo = (streamId: string, events: readonly NewEvent[]) => Promise<unknown>;

/**
 * Records a failed marking: a MarkingFailed event in the marking's stream when the store takes it,
 * otherwise a line in the failure log naming the store's error. `append` may be undefined when the
 * store is known to be unreachable.
 */
export async function recordFailure(
  append: AppendTo | undefined,
  failure: MarkingFailedData,
  log: FailureLog,
  way: string,
  unreachable = 'event store unreachable',
): Promise<FailureRecord> {
  const streamId = markingStreamId(failure.tmaId);
  let storeError = unreachable;
  if (append) {
    try {
      await append(streamId, [markingFailedEvent(failure)]);
      return { recordedIn: 'event-store', location: streamId };
    } catch (error) {
      storeError = describeError(error);
    }
  }
  try {
    log.append({ ...failure, way, recordedAt: new Date().toISOString(), storeError });
    return { recordedIn: 'failure-log', location: log.path, storeError };
  } catch (error) {
    return { recordedIn: 'nowhere', location: '', storeError: `${storeError}; failure log ${log.path}: ${describeError(error)}` };
  }
}
