import {
  markingStreamId,
  openLmdbEventStore,
  prepareSubmission,
  type EventStore,
  type MarkingFailedData,
  type StoredEvent,
  type SubmissionSteps,
} from '@workflow-bench/core';
import type { CoreClient } from '@workflow-bench/ipc';
import type { LlamaFeedback } from '../feedback/llama-feedback.ts';
import { FailureLog } from '../pipeline/failure-log.ts';
import type { FailureRecord, Marker, MarkingReceipt, TmaInput } from '../pipeline/marker.ts';
import { recordFailure } from '../pipeline/record-failure.ts';
import type { StageTimer } from '../pipeline/stage-timer.ts';
import { anonymisationKey, markerWorkdir, type MarkerWorkdir } from './marker-workdir.ts';
import { finishMarking } from './finish-marking.ts';
import { coreStoreDir, spawnCoreWithStoreDir } from './spawn-core-with-store.ts';

export interface IpcMarkerOptions {
  feedback: LlamaFeedback;
  /** Directory for the core child's store (`core/core-events-*`) and `failures.jsonl`; default a temp dir. */
  dir?: string;
  /** Per-request timeout, ms (default 30 000). */
  timeoutMs?: number;
  /** Times the child start and its store opening as 'ipc-spawn' and 'store-open'. */
  timer?: StageTimer;
}

/**
 * Parse, validate, PII detection, anonymisation, hashing and the event store run in the IPC core
 * process (libs/ipc's core server over stdin/stdout, length-prefixed msgpack); the AI feedback and
 * the rubric mark run here, because the model lives in this process.
 *
 * If the child dies, its store (a directory we chose) is opened here, so a MarkingFailed still
 * goes to the same event store, and checks can read it.
 */
export class IpcMarker implements Marker {
  readonly way = 'ipc' as const;
  readonly failureLog: FailureLog;
  readonly #steps: SubmissionSteps;
  #orphanStore: Promise<EventStore> | undefined;

  private constructor(
    readonly core: CoreClient,
    readonly feedback: LlamaFeedback,
    readonly workdir: MarkerWorkdir,
    private readonly coreDir: string,
  ) {
    this.failureLog = new FailureLog(workdir.failureLogPath);
    this.#steps = coreServerSteps(core, anonymisationKey());
  }

  static async open(options: IpcMarkerOptions): Promise<IpcMarker> {
    const workdir = markerWorkdir(options.dir, 'ipc');
    const coreDir = `${workdir.dir}/core`;
    let core: CoreClient | undefined;
    try {
      const spawn = () => spawnCoreWithStoreDir(coreDir, { timeoutMs: options.timeoutMs ?? 30_000 });
      core = options.timer ? await options.timer.stage('ipc-spawn', spawn) : await spawn();
      const c = core;
      // The core server opens its store on the first event call: open it now, not inside a marking.
      const openStore = () => c.readStream(markingStreamId('store-open-probe'));
      await (options.timer ? options.timer.stage('store-open', openStore) : openStore());
      return new IpcMarker(c, options.feedback, workdir, coreDir);
    } catch (error) {
      await core?.kill().catch(() => undefined);
      workdir.dispose();
      throw error;
    }
  }

  get modelLabel(): string {
    return this.feedback.label;
  }

  /** The child's LMDB directory. */
  get storeDir(): string | undefined {
    return coreStoreDir(this.coreDir);
  }

  get childAlive(): boolean {
    return this.core.child.exitCode === null && this.core.child.signalCode === null;
  }

  async mark(tma: TmaInput, timer: StageTimer): Promise<MarkingReceipt> {
    const prepared = await prepareSubmission(tma.id, tma.text, this.#steps, (stage, step) => timer.stage(stage, step));
    return finishMarking(prepared, this.feedback, timer, (streamId, events, v) => this.core.appendEvents(streamId, events, v));
  }

  /** The child's store opened in this process, once the child is gone. */
  #orphan(): Promise<EventStore> | undefined {
    if (this.childAlive) return undefined;
    const dir = this.storeDir;
    if (!dir) return undefined;
    if (!this.#orphanStore) {
      this.#orphanStore = openLmdbEventStore({ path: dir });
      this.#orphanStore.catch(() => {
        this.#orphanStore = undefined;
      });
    }
    return this.#orphanStore;
  }

  async recordFailure(failure: MarkingFailedData): Promise<FailureRecord> {
    if (this.childAlive) {
      return recordFailure((streamId, events) => this.core.appendEvents(streamId, events, 'any'), failure, this.failureLog, this.way);
    }
    const orphan = this.#orphan();
    return recordFailure(
      orphan && (async (streamId, events) => (await orphan).append(streamId, events, 'any')),
      failure,
      this.failureLog,
      this.way,
      'the IPC core process is gone and left no event store',
    );
  }

  async readMarking(tmaId: string): Promise<StoredEvent[]> {
    if (this.childAlive) return this.core.readStream(markingStreamId(tmaId));
    const orphan = this.#orphan();
    if (!orphan) throw new Error(`the IPC core process is gone and left no event store under ${this.coreDir}`);
    return (await orphan).readStream(markingStreamId(tmaId));
  }

  async close(): Promise<void> {
    try {
      if (this.#orphanStore) await (await this.#orphanStore.catch(() => undefined))?.close();
      if (this.childAlive) await this.core.close();
    } finally {
      this.workdir.dispose();
    }
  }
}

/**
 * Core's submission steps served by the IPC core process, one request each. Its `anonymise` method
 * detects the PII again itself (it takes no spans), as a client of the server would.
 */
function coreServerSteps(core: CoreClient, key: string): SubmissionSteps {
  return {
    parse: (text) => core.parse(text),
    validate: (submission) => core.validate(submission),
    detectPii: (text) => core.detectPii(text),
    anonymise: (text) => core.anonymise(text, key),
    pseudonym: (type, value) => core.pseudonym(type, value, key),
    hash: (text) => core.hash(text),
  };
}
