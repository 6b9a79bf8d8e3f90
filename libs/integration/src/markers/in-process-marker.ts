import {
  Anonymiser,
  localSubmissionSteps,
  markingStreamId,
  openLmdbEventStore,
  prepareSubmission,
  type EventStore,
  type MarkingFailedData,
  type StoredEvent,
  type SubmissionSteps,
} from '@workflow-bench/core';
import type { LlamaFeedback } from '../feedback/llama-feedback.ts';
import { FailureLog } from '../pipeline/failure-log.ts';
import type { FailureRecord, Marker, MarkingReceipt, TmaInput } from '../pipeline/marker.ts';
import { recordFailure } from '../pipeline/record-failure.ts';
import type { StageTimer } from '../pipeline/stage-timer.ts';
import { anonymisationKey, markerWorkdir, type MarkerWorkdir } from './marker-workdir.ts';
import { closeStoreWithin } from './close-store.ts';
import { finishMarking } from './finish-marking.ts';

export interface InProcessMarkerOptions {
  feedback: LlamaFeedback;
  /** Directory for `events/` and `failures.jsonl`; default a temp dir removed on close. */
  dir?: string;
  /** Wait for the disk flush on each append (default true: a recorded mark is durable). */
  sync?: boolean;
  /** Times the store opening as stage 'store-open' (cold start). */
  timer?: StageTimer;
}

/** Core functions called directly, an LMDB event store in this process, llama feedback in this process. */
export class InProcessMarker implements Marker {
  readonly way = 'in-process' as const;
  readonly #steps: SubmissionSteps = localSubmissionSteps(new Anonymiser(anonymisationKey()));
  readonly failureLog: FailureLog;

  private constructor(
    readonly store: EventStore,
    readonly feedback: LlamaFeedback,
    readonly workdir: MarkerWorkdir,
  ) {
    this.failureLog = new FailureLog(workdir.failureLogPath);
  }

  static async open(options: InProcessMarkerOptions): Promise<InProcessMarker> {
    const workdir = markerWorkdir(options.dir, 'in-process');
    const open = () => openLmdbEventStore({ path: workdir.storePath, sync: options.sync ?? true });
    try {
      const store = options.timer ? await options.timer.stage('store-open', open) : await open();
      return new InProcessMarker(store, options.feedback, workdir);
    } catch (error) {
      workdir.dispose();
      throw error;
    }
  }

  get modelLabel(): string {
    return this.feedback.label;
  }

  async mark(tma: TmaInput, timer: StageTimer): Promise<MarkingReceipt> {
    const prepared = await prepareSubmission(tma.id, tma.text, this.#steps, (stage, step) => timer.stage(stage, step));
    return finishMarking(prepared, this.feedback, timer, (streamId, events, v) => this.store.append(streamId, events, v));
  }

  recordFailure(failure: MarkingFailedData): Promise<FailureRecord> {
    return recordFailure((streamId, events) => this.store.append(streamId, events, 'any'), failure, this.failureLog, this.way);
  }

  readMarking(tmaId: string): Promise<StoredEvent[]> {
    return this.store.readStream(markingStreamId(tmaId));
  }

  async close(): Promise<void> {
    try {
      if ((await closeStoreWithin(this.store)) === 'timed-out') {
        process.stderr.write(`integration: the event store in ${this.workdir.storePath} did not close within 5 s (after failed writes?)\n`);
      }
    } finally {
      this.workdir.dispose();
    }
  }
}
