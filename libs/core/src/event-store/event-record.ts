import type { MsgpackWriter } from '../msgpack/msgpack-writer.ts';
import type { StoredEvent } from './event-store.ts';

/**
 * What the LMDB event store keeps per event (the global position is the key): one plain
 * MessagePack array, `[streamId, version, type, data, recordedAt]`, or with `metadata` as a sixth
 * item. Stores written before MsgpackWriter hold the same layout (written by msgpackr, maps with
 * 16-bit headers), so both read alike.
 */
export type EventRecord = [streamId: string, version: number, type: string, data: unknown, recordedAt: string, metadata?: Record<string, unknown>];

/**
 * Appends one record to `writer`. The envelope's items have known types and are written
 * directly; only `data` and `metadata` go through the general value writer.
 */
export function writeEventRecord(
  writer: MsgpackWriter,
  streamId: string,
  version: number,
  type: string,
  data: unknown,
  recordedAt: string,
  metadata: Record<string, unknown> | undefined,
): void {
  writer.arrayHeader(metadata === undefined ? 5 : 6);
  writer.string(streamId);
  writer.number(version);
  writer.string(type);
  writer.value(data);
  writer.string(recordedAt);
  if (metadata !== undefined) writer.value(metadata);
}

/** The stored event a decoded record at `position` stands for. */
export function storedEvent(position: number, record: EventRecord): StoredEvent {
  const [streamId, version, type, data, recordedAt, metadata] = record;
  const stored: StoredEvent = { streamId, version, globalPosition: position, type, data, recordedAt };
  if (metadata !== undefined) stored.metadata = metadata;
  return stored;
}
