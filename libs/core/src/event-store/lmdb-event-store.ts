import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import {
  ConcurrencyError,
  checkAppend,
  checkStreamId,
  readBounds,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadOptions,
  type StoredEvent,
} from './event-store.ts';
import { PlainMsgpack } from '../msgpack/plain-msgpack.ts';

export interface LmdbEventStoreOptions {
  /** Directory of the LMDB environment; default a fresh temp directory, removed on close. */
  path?: string;
  /**
   * true (default): an append resolves once its transaction is flushed to disk (durable).
   * false: resolves on commit and leaves flushing to the OS (LMDB noSync), much faster, not crash-safe.
   */
  sync?: boolean;
}

/**
 * What is stored per event (the global position is the key): one array,
 * `[streamId, version, type, data, recordedAt]` or with `metadata` as a sixth item, as plain
 * MessagePack (PlainMsgpack: a `__proto__` key in the data round-trips and pollutes nothing).
 */
type EventRecord = [streamId: string, version: number, type: string, data: unknown, recordedAt: string, metadata?: Record<string, unknown>];

/**
 * lmdb-js returns a promise from a put, which rejects when the commit fails (e.g. disk full). The
 * append's own transaction promise carries that failure to the caller; left unhandled, a per-put
 * rejection would crash the process instead. (Inside a transaction the puts are synchronous and
 * return a settled promise: this costs a type check.)
 */
function settled(result: unknown): void {
  if (result instanceof Promise) result.catch(() => undefined);
}

/** Stream index value: where the batch of one append starts (its events are contiguous). */
type BatchLocation = [firstPosition: number, firstVersion: number];

/** Above any real version: the upper bound of a stream's key range. */
const MAX_VERSION = 2 ** 52;
/** Above any real global position: the upper bound of a range read over `events`. */
const MAX_POSITION = 2 ** 52;

/**
 * The event store on LMDB (lmdb-js), in one environment with two databases:
 *
 * - `events`: global position (ordered-binary number key) → event record (EventRecord, plain MessagePack);
 * - `streams`: [streamId, last version of an append] (ordered-binary array key) → [first global
 *   position, first version] of that append.
 *
 * An append's events get consecutive global positions and consecutive stream versions, so one index
 * entry per append locates all of them: a 1000-event append is 1001 puts, not 2000, and a stream
 * read is one index range scan plus one contiguous range scan per append.
 *
 * An append is an LMDB child transaction: the version check, the position lookup, the records'
 * encoding and all puts commit together or not at all (a ConcurrencyError, a value that cannot be
 * encoded, or any LMDB error rolls all of it back).
 * Concurrent appends queued in the same event-loop turn share one commit (lmdb-js batching),
 * which keeps many small appends cheap.
 */
export class LmdbEventStore implements EventStore {
  #closed = false;
  readonly #codec = new PlainMsgpack();

  private constructor(
    private readonly root: RootDatabase,
    private readonly events: Database<Buffer, number>,
    private readonly streams: Database<BatchLocation, [string, number]>,
    private readonly sync: boolean,
    private readonly removeOnClose: string | undefined,
  ) {}

  static async open(options: LmdbEventStoreOptions = {}): Promise<LmdbEventStore> {
    const sync = options.sync ?? true;
    const path = options.path ?? (await mkdtemp(join(tmpdir(), 'core-events-')));
    const root = open({ path, noSync: !sync, maxDbs: 4 });
    const events = root.openDB<Buffer, number>({ name: 'events', encoding: 'binary' });
    const streams = root.openDB<BatchLocation, [string, number]>({ name: 'streams' });
    return new LmdbEventStore(root, events, streams, sync, options.path === undefined ? path : undefined);
  }

  async append(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion = 'any'): Promise<AppendResult> {
    this.#assertOpen();
    checkAppend(streamId, events, expectedVersion);
    const recordedAt = new Date().toISOString();
    const codec = this.#codec;
    const result = await this.root.childTransaction(() => {
      const head = this.#head(streamId);
      if (expectedVersion !== 'any' && head !== expectedVersion) throw new ConcurrencyError(streamId, expectedVersion, head);
      const last = this.#lastPosition();
      if (events.length === 0) return { version: head, globalPosition: last };
      const records = new Array<EventRecord>(events.length);
      for (let i = 0; i < events.length; i++) {
        const { type, data, metadata } = events[i]!;
        records[i] = metadata === undefined ? [streamId, head + i + 1, type, data, recordedAt] : [streamId, head + i + 1, type, data, recordedAt, metadata];
      }
      // One encoder call for the whole append, cut into one value per event.
      const encoded = codec.encodeEachTransient(records);
      for (let i = 0; i < encoded.length; i++) settled(this.events.put(last + i + 1, encoded[i] as Buffer));
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
      for (const entry of this.events.getRange({ start, end, limit: remaining })) out.push(toStored(entry.key, this.#codec.decode(entry.value) as EventRecord));
      if (out.length >= limit) break;
    }
    return out;
  }

  async readAll(options: ReadOptions = {}): Promise<StoredEvent[]> {
    this.#assertOpen();
    const { from, limit } = readBounds(options);
    const out: StoredEvent[] = [];
    for (const { key, value } of this.events.getRange({ start: from, end: MAX_POSITION, limit: limit === Infinity ? undefined : limit })) {
      out.push(toStored(key, this.#codec.decode(value) as EventRecord));
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
  const [streamId, version, type, data, recordedAt, metadata] = record;
  const stored: StoredEvent = { streamId, version, globalPosition: position, type, data, recordedAt };
  if (metadata !== undefined) stored.metadata = metadata;
  return stored;
}
