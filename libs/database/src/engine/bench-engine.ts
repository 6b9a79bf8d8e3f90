import type { EventStore } from '@workflow-bench/core';
import type { BulkAppendBatch } from '../postgres/pg-event-store.ts';

/**
 * What the benchmarks need from a storage engine beyond the EventStore contract, so the LMDB and
 * PostgreSQL suites run the very same benchmark code.
 */
export interface EngineStore {
  readonly store: EventStore;
  /** Many streams' events in one bulk operation (LMDB: batched appends; PostgreSQL: COPY). */
  bulkInsert(batches: readonly BulkAppendBatch[]): Promise<void>;
  /** Commits a transaction that does nothing: the engine's fixed cost per commit. */
  emptyTransaction(): Promise<void>;
  /** Bytes the store occupies on disk. */
  sizeOnDiskBytes(): Promise<number>;
  /** Closes the store and deletes its data. */
  dispose(): Promise<void>;
  /** Recorded with results: engine version, durability setting, server, ... */
  readonly details: Record<string, string | number | boolean>;
}

export interface EngineOpenOptions {
  /** true: a resolved append is on disk (LMDB sync, PostgreSQL synchronous_commit=on). */
  durable: boolean;
}

export interface BenchEngine {
  readonly name: 'lmdb' | 'pg';
  open(options: EngineOpenOptions): Promise<EngineStore>;
}
