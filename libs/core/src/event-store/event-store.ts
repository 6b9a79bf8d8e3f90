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

/** The longest stream id a store accepts, in UTF-16 code units (stream ids are index keys, and LMDB keys are bounded). */
export const MAX_STREAM_ID_LENGTH = 256;

/**
 * Bad input to an event store call (the caller's mistake, not the store's): `field` names what is
 * wrong, e.g. `streamId`, `events[2].type`, `expectedVersion`, `from`, `limit`. A TypeError, so
 * callers that catch those keep working.
 */
export class EventStoreInputError extends TypeError {
  constructor(
    readonly field: string,
    /** What is wrong with it, without the field's name. */
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'EventStoreInputError';
  }
}

/** Every backend's check of a stream id: a non-empty string of at most MAX_STREAM_ID_LENGTH. */
export function checkStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId === '') throw new EventStoreInputError('streamId', 'must be a non-empty string');
  if (streamId.length > MAX_STREAM_ID_LENGTH) {
    throw new EventStoreInputError('streamId', `must be at most ${MAX_STREAM_ID_LENGTH} characters (got ${streamId.length})`);
  }
}

/** Every backend's check of an append's arguments (before anything is written). */
export function checkAppend(streamId: unknown, events: unknown, expectedVersion: unknown): asserts events is readonly NewEvent[] {
  checkStreamId(streamId);
  if (!Array.isArray(events)) throw new EventStoreInputError('events', 'must be an array');
  if (expectedVersion !== 'any' && !(Number.isSafeInteger(expectedVersion) && (expectedVersion as number) >= 0)) {
    throw new EventStoreInputError('expectedVersion', `must be 'any' or an integer >= 0 (got ${String(expectedVersion)})`);
  }
  for (let i = 0; i < events.length; i++) {
    const event: unknown = events[i];
    if (event === null || typeof event !== 'object' || typeof (event as NewEvent).type !== 'string' || (event as NewEvent).type === '') {
      throw new EventStoreInputError(`events[${i}].type`, 'must be a non-empty string');
    }
  }
}

/** Every backend's reading of ReadOptions: `from` an integer >= 1 (default 1), `limit` an integer >= 0 (default unlimited). */
export function readBounds(options: ReadOptions): { from: number; limit: number } {
  const from = options.from ?? 1;
  const limit = options.limit ?? Infinity;
  if (!Number.isSafeInteger(from) || from < 1) throw new EventStoreInputError('from', `must be an integer >= 1 (got ${String(options.from)})`);
  if (limit !== Infinity && !(Number.isSafeInteger(limit) && limit >= 0)) throw new EventStoreInputError('limit', `must be an integer >= 0 (got ${String(options.limit)})`);
  return { from, limit };
}
