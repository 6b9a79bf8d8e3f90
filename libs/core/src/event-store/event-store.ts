/**
 * The event store's contract, shared by every backend (LMDB here in core; PostgreSQL in libs/database).
 *
 * Streams are per aggregate (e.g. one TMA: `tma-<id>`); versions are 1-based and gap-free within a
 * stream; the global position orders all events of the store.
 */
export type EventType =
  | 'TmaSubmitted'
  | 'TmaAnonymised'
  | 'FeedbackGenerated'
  | 'MarkRecorded'
  | 'MarkingFailed';

export interface NewEvent<D = unknown> {
  type: EventType | (string & {});
  data: D;
  metadata?: Record<string, unknown>;
}

export interface StoredEvent<D = unknown> {
  streamId: string;
  /** 1-based position within the stream. */
  version: number;
  /** 1-based position in the whole store. */
  globalPosition: number;
  type: string;
  data: D;
  metadata?: Record<string, unknown>;
  /** ISO-8601 time the event was appended. */
  recordedAt: string;
}

/**
 * Optimistic concurrency: a number is the version the stream must be at (0 = must not exist yet);
 * 'any' appends unconditionally.
 */
export type ExpectedVersion = number | 'any';

export interface AppendResult {
  /** Stream version after the append (version of the last appended event). */
  version: number;
  /** Global position of the last appended event. */
  globalPosition: number;
}

export interface ReadOptions {
  /** First version (stream reads) or global position (readAll) to return; default 1. */
  from?: number;
  /** Maximum number of events; default unlimited. */
  limit?: number;
}

export interface EventStore {
  /** Appends all events atomically, or none (throws ConcurrencyError on a version mismatch). */
  append(streamId: string, events: readonly NewEvent[], expectedVersion?: ExpectedVersion): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadOptions): Promise<StoredEvent[]>;
  readAll(options?: ReadOptions): Promise<StoredEvent[]>;
  /** Current version of a stream; 0 when it does not exist. */
  streamVersion(streamId: string): Promise<number>;
  close(): Promise<void>;
}

export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`stream ${streamId}: expected version ${expectedVersion}, actual ${actualVersion}`);
    this.name = 'ConcurrencyError';
  }
}
