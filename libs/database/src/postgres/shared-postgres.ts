import pg from 'pg';
import { toConnectionError } from './connection-error.ts';
import { databaseUrlFromEnv, maskPostgresUrl } from './connection-url.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from './embedded-server.ts';

/** The PostgreSQL server a process benchmarks against. */
export interface PostgresTarget {
  /** Connection URL (with password; use `maskedUrl` for printing). */
  readonly url: string;
  readonly maskedUrl: string;
  /** `embedded`: started by us in a temp dir; `DATABASE_URL`: an existing server. */
  readonly source: 'embedded' | 'DATABASE_URL';
  /** The server's version string, e.g. `PostgreSQL 18.4 ...`. */
  readonly version: string;
}

let shared: Promise<{ target: PostgresTarget; server?: EmbeddedPostgresServer }> | undefined;
let exitHookInstalled = false;

/**
 * One PostgreSQL server per process, started on first use: the server at `DATABASE_URL` when set
 * (checked with a connection, so a bad URL fails here with a PostgresConnectionError naming it), or
 * an embedded one. A failure is remembered, so every later caller fails fast with the same reason.
 * The embedded server stops when the event loop drains, or at `stopSharedPostgres()`.
 */
export function sharedPostgres(env: NodeJS.ProcessEnv = process.env): Promise<PostgresTarget> {
  shared ??= acquire(env);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('beforeExit', () => void stopSharedPostgres());
  }
  return shared.then((s) => s.target);
}

/** Stops the embedded server started by sharedPostgres (no-op for DATABASE_URL or when none). */
export async function stopSharedPostgres(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (current === undefined) return;
  const resolved = await current.catch(() => undefined);
  await resolved?.server?.stop();
}

async function acquire(env: NodeJS.ProcessEnv): Promise<{ target: PostgresTarget; server?: EmbeddedPostgresServer }> {
  const external = databaseUrlFromEnv(env);
  if (external !== undefined) {
    const version = await checkConnection(external);
    return { target: { url: external, maskedUrl: maskPostgresUrl(external), source: 'DATABASE_URL', version } };
  }
  const server = await startEmbeddedPostgres();
  try {
    const version = await checkConnection(server.url);
    return { target: { url: server.url, maskedUrl: maskPostgresUrl(server.url), source: 'embedded', version }, server };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Connects once and returns `version()`; connection failures become PostgresConnectionError. */
export async function checkConnection(url: string, timeoutMs = 5000): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw toConnectionError(url, error);
  }
  try {
    const result = await client.query<{ version: string }>('SELECT version()');
    return result.rows[0]!.version;
  } finally {
    await client.end();
  }
}
