/**
 * The PostgreSQL event store's tables and append function.
 *
 * - `es_head` is a single row holding the last global position. Every append locks it, which
 *   serialises writers exactly like LMDB's single write transaction and keeps global positions
 *   gap-free and in commit order (a sequence would leave gaps on rollback and could commit
 *   positions out of order, so a reader following `readAll` could skip events).
 * - `es_streams` holds each stream's version (the optimistic-concurrency check).
 * - `es_append` does the check and the inserts in one round trip and one implicit transaction.
 */

/** SQLSTATE raised by es_append on a version mismatch; DETAIL carries the actual version. */
export const CONCURRENCY_SQLSTATE = 'WB409';

export function schemaDdl(schema: string): string {
  const s = quoteIdent(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.es_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  position bigint NOT NULL
);
INSERT INTO ${s}.es_head (id, position) VALUES (true, 0) ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS ${s}.es_streams (
  stream_id text PRIMARY KEY,
  version integer NOT NULL
);
CREATE TABLE IF NOT EXISTS ${s}.es_events (
  global_position bigint PRIMARY KEY,
  stream_id text NOT NULL,
  version integer NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb,
  recorded_at timestamptz NOT NULL,
  UNIQUE (stream_id, version)
);
CREATE OR REPLACE FUNCTION ${s}.es_append(
  p_stream text, p_expected integer, p_types text[], p_data jsonb[], p_meta jsonb[]
) RETURNS TABLE (version integer, global_position bigint) LANGUAGE plpgsql AS $fn$
DECLARE
  n integer := coalesce(cardinality(p_types), 0);
  cur integer;
  head bigint;
BEGIN
  -- Lock order head -> stream everywhere (here and in the COPY path), so writers cannot deadlock.
  UPDATE ${s}.es_head SET position = position + n RETURNING position INTO head;
  SELECT st.version INTO cur FROM ${s}.es_streams st WHERE st.stream_id = p_stream FOR UPDATE;
  cur := coalesce(cur, 0);
  IF p_expected IS NOT NULL AND p_expected <> cur THEN
    RAISE EXCEPTION USING ERRCODE = '${CONCURRENCY_SQLSTATE}',
      MESSAGE = format('stream %s: expected version %s, actual %s', p_stream, p_expected, cur),
      DETAIL = cur::text;
  END IF;
  INSERT INTO ${s}.es_streams AS st (stream_id, version) VALUES (p_stream, cur + n)
    ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version;
  INSERT INTO ${s}.es_events (global_position, stream_id, version, type, data, metadata, recorded_at)
    SELECT head - n + i, p_stream, cur + i, p_types[i], p_data[i], p_meta[i], now()
    FROM generate_subscripts(p_types, 1) AS i;
  RETURN QUERY SELECT cur + n, head;
END
$fn$;
`;
}

/** Schema names are restricted so they can go into connection options and DDL unquoted-safe. */
export function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(`invalid PostgreSQL schema name ${JSON.stringify(schema)} (lower-case letters, digits, _; max 63)`);
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
