import { openLmdbEventStore, type EventStore } from '@workflow-bench/core';

export interface OpenedStore {
  store: EventStore;
  /** 'lmdb' or 'postgres'. */
  kind: 'lmdb' | 'postgres';
  /** Where it lives, safe to print (a temp dir, or the URL without its password). */
  location: string;
}

/**
 * The default event store: PostgreSQL when DATABASE_URL is set (through libs/database), otherwise
 * LMDB in a fresh temporary directory that is removed on close.
 */
export async function openDefaultEventStore(
  env: NodeJS.ProcessEnv = process.env,
  options: { lmdbPath?: string; lmdbSync?: boolean } = {},
): Promise<OpenedStore> {
  const lmdbPath = options.lmdbPath;
  const url = env.DATABASE_URL?.trim();
  if (url) {
    // Loaded only when asked for, so the LMDB default does not pay for pg's startup.
    const db = await import('@workflow-bench/database');
    const store = await db.openPgEventStore({ url, schema: env.MARKING_API_PG_SCHEMA ?? 'marking_api' });
    return { store, kind: 'postgres', location: db.maskPostgresUrl(url) };
  }
  // Durable by default: a 202 means the submission is on disk. MARKING_API_LMDB_SYNC=0 trades that for speed.
  const sync = options.lmdbSync ?? env.MARKING_API_LMDB_SYNC !== '0';
  const store = await openLmdbEventStore({ ...(lmdbPath ? { path: lmdbPath } : {}), sync });
  return { store, kind: 'lmdb', location: `${lmdbPath ?? 'temporary directory'}${sync ? '' : ', no sync'}` };
}
