import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
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
} from '@workflow-bench/core';
import { toConnectionError } from './connection-error.ts';
import { assertPostgresUrl } from './connection-url.ts';
import { encodeCopyRow } from './copy-text.ts';
import { CONCURRENCY_SQLSTATE, assertSchemaName, quoteIdent, schemaDdl } from './schema.ts';

export interface PgEventStoreOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Schema holding the store's tables (created if missing); default `event_store`. */
  schema?: string;
  /** `synchronous_commit` for this store's sessions: true (default) waits for the WAL flush. */
  synchronousCommit?: boolean;
  /** Connections in the pool (default 4). */
  poolSize?: number;
  /** How long to wait for a connection before failing (default 5000 ms). */
  connectionTimeoutMs?: number;
}

/** One stream's part of a bulk append. */
export interface BulkAppendBatch {
  streamId: string;
  events: readonly NewEvent[];
  expectedVersion?: ExpectedVersion;
}

/** The PostgreSQL event store: the EventStore contract plus what the benchmarks measure. */
export interface PgEventStore extends EventStore {
  readonly schema: string;
  /** Appends many streams' events in one transaction with COPY (all or nothing). */
  bulkAppend(batches: readonly BulkAppendBatch[]): Promise<AppendResult>;
  /** BEGIN + COMMIT with nothing in between: the cost of a transaction by itself. */
  emptyTransaction(): Promise<void>;
  /** Bytes the store's tables, indexes and TOAST take (pg_total_relation_size). */
  sizeOnDiskBytes(): Promise<number>;
  /** Drops the schema with all events, then closes. */
  destroy(): Promise<void>;
}

interface EventRow {
  global_position: string;
  stream_id: string;
  version: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown> | null;
  recorded_at: Date;
}

const EVENT_COLUMNS = 'global_position, stream_id, version, type, data, metadata, recorded_at';

/** Opens (and if needed creates) a PostgreSQL event store; connection problems throw PostgresConnectionError. */
export async function openPgEventStore(options: PgEventStoreOptions): Promise<PgEventStore> {
  assertPostgresUrl(options.url, 'PostgreSQL URL');
  const schema = options.schema ?? 'event_store';
  assertSchemaName(schema);
  const sync = options.synchronousCommit ?? true;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 4,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    options: `-c search_path=${schema} -c synchronous_commit=${sync ? 'on' : 'off'}`,
  });
  // An idle connection dying (server restarted) must not crash the process; the next query fails instead.
  pool.on('error', () => undefined);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw toConnectionError(options.url, error);
  }
  try {
    await client.query('BEGIN');
    // Two processes creating the same schema at once would collide on the catalog rows.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`workflow-bench:${schema}`]);
    await client.query(schemaDdl(schema));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    await pool.end().catch(() => undefined);
    throw error;
  }
  client.release();
  return new PostgresEventStore(pool, schema);
}

class PostgresEventStore implements PgEventStore {
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
  ) {}

  async append(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion = 'any'): Promise<AppendResult> {
    this.assertOpen();
    checkAppend(streamId, events, expectedVersion);
    if (events.length === 0) return this.appendNothing(streamId, expectedVersion);
    const types: string[] = [];
    const data: string[] = [];
    const metadata: (string | null)[] = [];
    for (const event of events) {
      types.push(event.type);
      data.push(toJson(event.data, streamId, 'data'));
      metadata.push(event.metadata === undefined ? null : toJson(event.metadata, streamId, 'metadata'));
    }
    try {
      const result = await this.pool.query<{ version: number; global_position: string }>({
        name: `es_append:${this.schema}`,
        text: 'SELECT version, global_position FROM es_append($1, $2, $3::text[], $4::jsonb[], $5::jsonb[])',
        values: [streamId, expectedVersion === 'any' ? null : expectedVersion, types, data, metadata],
      });
      const row = result.rows[0]!;
      return { version: row.version, globalPosition: Number(row.global_position) };
    } catch (error) {
      const pgError = error as { code?: string; detail?: string };
      if (pgError.code === CONCURRENCY_SQLSTATE && typeof expectedVersion === 'number') {
        throw new ConcurrencyError(streamId, expectedVersion, Number(pgError.detail));
      }
      throw error;
    }
  }

  /** An empty append writes nothing but still honours the version check. */
  private async appendNothing(streamId: string, expectedVersion: ExpectedVersion): Promise<AppendResult> {
    const result = await this.pool.query<{ version: number | null; position: string }>(
      'SELECT (SELECT version FROM es_streams WHERE stream_id = $1) AS version, (SELECT position FROM es_head) AS position',
      [streamId],
    );
    const row = result.rows[0]!;
    const version = row.version ?? 0;
    if (typeof expectedVersion === 'number' && expectedVersion !== version) {
      throw new ConcurrencyError(streamId, expectedVersion, version);
    }
    return { version, globalPosition: Number(row.position) };
  }

  async bulkAppend(batches: readonly BulkAppendBatch[]): Promise<AppendResult> {
    this.assertOpen();
    for (const batch of batches) checkAppend(batch.streamId, batch.events, batch.expectedVersion ?? 'any');
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Same lock order as es_append: head, then streams.
      const head = Number((await client.query<{ position: string }>('SELECT position FROM es_head FOR UPDATE')).rows[0]!.position);
      const streamIds = [...new Set(batches.map((b) => b.streamId))];
      const current = new Map<string, number>();
      const locked = await client.query<{ stream_id: string; version: number }>(
        'SELECT stream_id, version FROM es_streams WHERE stream_id = ANY($1::text[]) ORDER BY stream_id FOR UPDATE',
        [streamIds],
      );
      for (const row of locked.rows) current.set(row.stream_id, row.version);
      for (const batch of batches) {
        const version = current.get(batch.streamId) ?? 0;
        const expected = batch.expectedVersion ?? 'any';
        if (typeof expected === 'number' && expected !== version) {
          throw new ConcurrencyError(batch.streamId, expected, version);
        }
        current.set(batch.streamId, version + batch.events.length);
      }
      // Versions are handed out again from the locked starting points while the rows stream out.
      const next = new Map<string, number>(locked.rows.map((r) => [r.stream_id, r.version]));
      let position = head;
      const recordedAt = new Date().toISOString();
      const schema = this.schema;
      function* rows(): Generator<string> {
        let chunk = '';
        for (const batch of batches) {
          let version = next.get(batch.streamId) ?? 0;
          for (const event of batch.events) {
            position++;
            version++;
            chunk += encodeCopyRow([
              position,
              batch.streamId,
              version,
              event.type,
              toJson(event.data, batch.streamId, 'data'),
              event.metadata === undefined ? null : toJson(event.metadata, batch.streamId, 'metadata'),
              recordedAt,
            ]);
            if (chunk.length >= 64 * 1024) {
              yield chunk;
              chunk = '';
            }
          }
          next.set(batch.streamId, version);
        }
        if (chunk !== '') yield chunk;
      }
      const copy = client.query(copyStreams.from(`COPY ${quoteIdent(schema)}.es_events (${EVENT_COLUMNS}) FROM STDIN`));
      await pipeline(Readable.from(rows()), copy);
      const finalIds = [...current.keys()];
      await client.query(
        'INSERT INTO es_streams (stream_id, version) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version',
        [finalIds, finalIds.map((id) => current.get(id)!)],
      );
      await client.query('UPDATE es_head SET position = $1', [position]);
      await client.query('COMMIT');
      const last = batches.at(-1);
      return { version: last === undefined ? 0 : current.get(last.streamId)!, globalPosition: position };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async readStream(streamId: string, options: ReadOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    checkStreamId(streamId);
    const { from, limit } = sqlBounds(options);
    const result = await this.pool.query<EventRow>({
      name: `es_read_stream:${this.schema}`,
      text: `SELECT ${EVENT_COLUMNS} FROM es_events WHERE stream_id = $1 AND version >= $2 ORDER BY version LIMIT $3`,
      values: [streamId, from, limit],
    });
    return result.rows.map(toStoredEvent);
  }

  async readAll(options: ReadOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const { from, limit } = sqlBounds(options);
    const result = await this.pool.query<EventRow>({
      name: `es_read_all:${this.schema}`,
      text: `SELECT ${EVENT_COLUMNS} FROM es_events WHERE global_position >= $1 ORDER BY global_position LIMIT $2`,
      values: [from, limit],
    });
    return result.rows.map(toStoredEvent);
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    checkStreamId(streamId);
    const result = await this.pool.query<{ version: number }>({
      name: `es_stream_version:${this.schema}`,
      text: 'SELECT version FROM es_streams WHERE stream_id = $1',
      values: [streamId],
    });
    return result.rows[0]?.version ?? 0;
  }

  async emptyTransaction(): Promise<void> {
    this.assertOpen();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  }

  async sizeOnDiskBytes(): Promise<number> {
    this.assertOpen();
    const result = await this.pool.query<{ bytes: string }>(
      `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind = 'r'`,
      [this.schema],
    );
    return Number(result.rows[0]!.bytes);
  }

  async destroy(): Promise<void> {
    this.assertOpen();
    await this.pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(this.schema)} CASCADE`);
    await this.close();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`PostgreSQL event store (schema ${this.schema}) is closed`);
  }
}

function toStoredEvent(row: EventRow): StoredEvent {
  const event: StoredEvent = {
    streamId: row.stream_id,
    version: row.version,
    globalPosition: Number(row.global_position),
    type: row.type,
    data: row.data,
    recordedAt: row.recorded_at.toISOString(),
  };
  if (row.metadata !== null) event.metadata = row.metadata;
  return event;
}

function toJson(value: unknown, streamId: string, field: 'data' | 'metadata'): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`stream ${streamId}: event ${field} is not JSON-serialisable`);
  return json;
}

/** ReadOptions checked as every backend does; an unlimited read is LIMIT NULL in SQL. */
function sqlBounds(options: ReadOptions): { from: number; limit: number | null } {
  const { from, limit } = readBounds(options);
  return { from, limit: limit === Infinity ? null : limit };
}
