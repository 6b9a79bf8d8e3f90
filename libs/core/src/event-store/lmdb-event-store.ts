import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import {
  ConcurrencyError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadOptions,
  type StoredEvent,
} from './event-store.ts';

export interface LmdbEventStoreOptions {
  /** Directory of the LMDB environment; default a fresh temp directory, removed on close. */
  path?: string;
  /**
   * true (default): an append resolves once its transaction is flushed to disk (durable).
   * false: resolves on commit and leaves flushing to the OS (LMDB noSync), much faster, not crash-safe.
   */
  sync?: boolean;
}

/** What is stored per event; the global position is the key. */
interface EventRecord {
  streamId: string;
  version: number;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
  recordedAt: string;
}

/**
 * lmdb-js returns a promise from every put, which rejects when the commit fails (e.g. disk full).
 * The append's own transaction promise carries that failure to the caller; left unhandled, the
 * per-put rejections would crash the process instead.
 */
function settled(result: unknown): void {
  if (result instanceof Promise) result.catch(() => undefined);
}

/** Stream index value: where the batch of one append starts (its events are contiguous). */
type BatchLocation = [firstPosition: number, firstVersion: number];

/** Above any real version: the upper bound of a stream's key range. */
const MAX_VERSION = 2 ** 52;
/**
 * Above any real global position. Range reads on `events` always stay below it: the shared
 * structures of the msgpack encoding live in the same database under a non-numeric key.
 */
const MAX_POSITION = 2 ** 52;

/**
 * The event store on LMDB (lmdb-js), in one environment with two databases:
 *
 * - `events`: global position (ordered-binary number key) → event record (msgpack with shared
 *   structures, so repeated record shapes encode as compact arrays);
 * - `streams`: [streamId, last version of an append] (ordered-binary array key) → [first global
 *   position, first version] of that append.
 *
 * An append's events get consecutive global positions and consecutive stream versions, so one index
 * entry per append locates all of them: a 1000-event append is 1001 puts, not 2000, and a stream
 * read is one index range scan plus one contiguous range scan per append.
 *
 * Appends run as LMDB child transactions: the version check, the position lookup and all puts are
 * one atomic unit, and a ConcurrencyError (or any other error) rolls all of it back. Concurrent
 * appends queued in the same event-loop turn share one commit (lmdb-js batching), which keeps many
 * small appends cheap.
 */
export class LmdbEventStore implements EventStore {
  #closed = false;

  private constructor(
    private readonly root: RootDatabase,
    private readonly events: Database<EventRecord, number>,
    private readonly streams: Database<BatchLocation, [string, number]>,
    private readonly sync: boolean,
    private readonly removeOnClose: string | undefined,
  ) {}

  static async open(options: LmdbEventStoreOptions = {}): Promise<LmdbEventStore> {
    const sync = options.sync ?? true;
    const path = options.path ?? (await mkdtemp(join(tmpdir(), 'core-events-')));
    const root = open({ path, noSync: !sync, maxDbs: 4 });
    const events = root.openDB<EventRecord, number>({ name: 'events', sharedStructuresKey: Symbol.for('structures') });
    const streams = root.openDB<BatchLocation, [string, number]>({ name: 'streams' });
    return new LmdbEventStore(root, events, streams, sync, options.path === undefined ? path : undefined);
  }

  async append(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion = 'any'): Promise<AppendResult> {
    this.#assertOpen();
    checkStreamId(streamId);
    if (!Array.isArray(events)) throw new TypeError('append: events must be an array');
    if (expectedVersion !== 'any' && !(Number.isInteger(expectedVersion) && expectedVersion >= 0)) {
      throw new TypeError(`append: expectedVersion must be 'any' or an integer >= 0, got ${String(expectedVersion)}`);
    }
    events.forEach((event, i) => {
      if (event === null || typeof event !== 'object' || typeof event.type !== 'string' || event.type === '') {
        throw new TypeError(`append: events[${i}].type must be a non-empty string`);
      }
    });
    const recordedAt = new Date().toISOString();
    const result = await this.root.childTransaction(() => {
      const head = this.#head(streamId);
      if (expectedVersion !== 'any' && head !== expectedVersion) throw new ConcurrencyError(streamId, expectedVersion, head);
      const last = this.#lastPosition();
      if (events.length === 0) return { version: head, globalPosition: last };
      for (let i = 0; i < events.length; i++) {
        const event = events[i];
        const record: EventRecord =
          event.metadata === undefined
            ? { streamId, version: head + i + 1, type: event.type, data: event.data, recordedAt }
            : { streamId, version: head + i + 1, type: event.type, data: event.data, metadata: event.metadata, recordedAt };
        settled(this.events.put(last + i + 1, record));
      }
      settled(this.streams.put([streamId, head + events.length], [last + 1, head + 1]));
      return { version: head + events.length, globalPosition: last + events.length };
    });
    // With overlapping sync, LMDB commits first and flushes after; durability means waiting for it.
    if (this.sync) await this.root.flushed;
    return result as AppendResult;
  }

  async readStream(streamId: string, options: ReadOptions = {}): Promise<StoredEvent[]> {
    this.#assertOpen();
    checkStreamId(streamId);
    const { from, limit } = readBounds(options);
    const out: StoredEvent[] = [];
    for (const { key, value } of this.streams.getRange({ start: [streamId, from], end: [streamId, MAX_VERSION] })) {
      const [firstPosition, firstVersion] = value;
      const startVersion = Math.max(from, firstVersion);
      const start = firstPosition + (startVersion - firstVersion);
      const end = firstPosition + (key[1] - firstVersion) + 1;
      const remaining = limit === Infinity ? undefined : limit - out.length;
      for (const entry of this.events.getRange({ start, end, limit: remaining })) out.push(toStored(entry.key, entry.value));
      if (out.length >= limit) break;
    }
    return out;
  }

  async readAll(options: ReadOptions = {}): Promise<StoredEvent[]> {
    this.#assertOpen();
    const { from, limit } = readBounds(options);
    const out: StoredEvent[] = [];
    for (const { key, value } of this.events.getRange({ start: from, end: MAX_POSITION, limit: limit === Infinity ? undefined : limit })) {
      out.push(toStored(key, value));
    }
    return out;
  }

  async streamVersion(streamId: string): Promise<number> {
    this.#assertOpen();
    checkStreamId(streamId);
    return this.#head(streamId);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.root.close();
    if (this.removeOnClose !== undefined) await rm(this.removeOnClose, { recursive: true, force: true });
  }

  /** The stream's version: the key of its last append's index entry (0 when none). */
  #head(streamId: string): number {
    for (const key of this.streams.getKeys({ start: [streamId, MAX_VERSION], end: [streamId, 0], reverse: true, limit: 1 })) {
      return key[1];
    }
    return 0;
  }

  #lastPosition(): number {
    for (const key of this.events.getKeys({ start: MAX_POSITION, end: 0, reverse: true, limit: 1 })) return key;
    return 0;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('LmdbEventStore: the store is closed');
  }
}

/** Opens (creating if needed) an LMDB event store; see LmdbEventStoreOptions. */
export function openLmdbEventStore(options?: LmdbEventStoreOptions): Promise<EventStore> {
  return LmdbEventStore.open(options);
}

function toStored(position: number, record: EventRecord): StoredEvent {
  const stored: StoredEvent = {
    streamId: record.streamId,
    version: record.version,
    globalPosition: position,
    type: record.type,
    data: record.data,
    recordedAt: record.recordedAt,
  };
  if (record.metadata !== undefined) stored.metadata = record.metadata;
  return stored;
}

function checkStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || streamId === '') throw new TypeError('event store: streamId must be a non-empty string');
}

function readBounds(options: ReadOptions): { from: number; limit: number } {
  const from = options.from ?? 1;
  const limit = options.limit ?? Infinity;
  if (!Number.isInteger(from) || from < 1) throw new TypeError(`read: from must be an integer >= 1, got ${String(options.from)}`);
  if (limit !== Infinity && !(Number.isInteger(limit) && limit >= 0)) throw new TypeError(`read: limit must be an integer >= 0, got ${String(options.limit)}`);
  return { from, limit };
}
