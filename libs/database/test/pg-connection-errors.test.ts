import { describe, expect, inject, it } from 'vitest';
import { PostgresConnectionError } from '../src/postgres/connection-error.ts';
import { databaseUrlFromEnv, maskPostgresUrl } from '../src/postgres/connection-url.ts';
import { findFreePort } from '../src/postgres/free-port.ts';
import { openPgEventStore } from '../src/postgres/pg-event-store.ts';
import { checkConnection } from '../src/postgres/shared-postgres.ts';

const url = new URL(inject('postgresUrl'));

function withUrl(change: (u: URL) => void): string {
  const copy = new URL(url.toString());
  change(copy);
  return copy.toString();
}

async function connectionError(promise: Promise<unknown>): Promise<PostgresConnectionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PostgresConnectionError);
  return error as PostgresConnectionError;
}

describe('PostgreSQL connection problems give a typed error naming the masked URL', () => {
  it('masks the password in URLs', () => {
    expect(maskPostgresUrl('postgres://bench:s3cret@127.0.0.1:5432/db')).toBe('postgres://bench:****@127.0.0.1:5432/db');
    expect(maskPostgresUrl('postgres://bench@127.0.0.1/db')).toBe('postgres://bench@127.0.0.1/db');
    expect(maskPostgresUrl('not a url //u:pw@h')).not.toContain('pw');
  });

  it('unreachable server', async () => {
    const port = await findFreePort();
    const bad = `postgres://bench:secret-pw@127.0.0.1:${port}/bench`;
    const error = await connectionError(openPgEventStore({ url: bad, connectionTimeoutMs: 2000 }));
    expect(error.failure).toBe('unreachable');
    expect(error.message).toContain(`postgres://bench:****@127.0.0.1:${port}/bench`);
    expect(error.message).not.toContain('secret-pw');
  });

  it('wrong password', async () => {
    const bad = withUrl((u) => (u.password = 'wrong-password'));
    const error = await connectionError(openPgEventStore({ url: bad }));
    expect(error.failure).toBe('authentication');
    expect(error.message).toContain(`postgres://${url.username}:****@${url.host}${url.pathname}`);
    expect(error.message).not.toContain('wrong-password');
  });

  it('missing database', async () => {
    const bad = withUrl((u) => (u.pathname = '/no_such_database'));
    const error = await connectionError(checkConnection(bad));
    expect(error.failure).toBe('missing-database');
    expect(error.message).toMatch(/database does not exist/);
    expect(error.message).toContain(`:****@${url.host}/no_such_database`);
  });

  it('a URL pointing nowhere fails the connection check', async () => {
    const port = await findFreePort();
    const error = await connectionError(checkConnection(`postgresql://u:pw@127.0.0.1:${port}/x`, 2000));
    expect(error.url).toBe(`postgresql://u:****@127.0.0.1:${port}/x`);
  });

  it('a DATABASE_URL that is not a postgres URL is rejected before connecting', () => {
    expect(() => databaseUrlFromEnv({ DATABASE_URL: 'mysql://u:pw@h/db' })).toThrow(/postgres:\/\/.*mysql:\/\/u:\*\*\*\*@h\/db/);
    expect(databaseUrlFromEnv({ DATABASE_URL: ' ' })).toBeUndefined();
  });
});
