import type { MarkingFailedData, StoredEvent } from '@workflow-bench/core';
import type { StageTimer } from './stage-timer.ts';

/** The three ways into the marking system. */
export type MarkingWay = 'in-process' | 'ipc' | 'http';
export const MARKING_WAYS: readonly MarkingWay[] = ['in-process', 'ipc', 'http'];

/** One TMA to mark: a caller-chosen id (it names the marking's stream) and the submission text. */
export interface TmaInput {
  id: string;
  text: string;
}

/** What a successful marking produced. */
export interface MarkingReceipt {
  /** The stream holding the marking's events. */
  streamId: string;
  /** Event types appended for this marking, in order. */
  eventTypes: string[];
  score?: number;
  max?: number;
  answerCount: number;
}

/** Where a failed marking was recorded. */
export interface FailureRecord {
  recordedIn: 'event-store' | 'failure-log' | 'nowhere';
  /** Stream (event store) or file (failure log). */
  location: string;
  /** true when the component itself wrote it (the marking API records its own MarkingFailed). */
  byComponent?: boolean;
  /** Why it is not in the event store, when it is not. */
  storeError?: string;
}

/**
 * One way of marking a TMA end to end. `mark` runs every stage through `timer.stage(...)` and
 * throws a StageError naming the stage that failed; the pipeline then calls `recordFailure`.
 */
export interface Marker {
  readonly way: MarkingWay;
  /** Label of the feedback model, for reports. */
  readonly modelLabel: string;
  mark(tma: TmaInput, timer: StageTimer): Promise<MarkingReceipt>;
  /** Records a MarkingFailed for the TMA: in its event store, else in the failure log. */
  recordFailure(failure: MarkingFailedData): Promise<FailureRecord>;
  /** The stored events of one TMA's marking (for checks). */
  readMarking(tmaId: string): Promise<StoredEvent[]>;
  close(): Promise<void>;
}
