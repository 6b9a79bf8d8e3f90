import { maskPostgresUrl } from './connection-url.ts';

/** Why a PostgreSQL server could not be used. */
export type PostgresConnectionFailure = 'unreachable' | 'authentication' | 'missing-database' | 'other';

/**
 * A PostgreSQL server could not be reached or used. The message names the URL with its password
 * masked, so it can be printed and stored in results as is.
 */
export class PostgresConnectionError extends Error {
  /** The connection URL with the password masked. */
  readonly url: string;

  constructor(
    url: string,
    readonly failure: PostgresConnectionFailure,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    const masked = maskPostgresUrl(url);
    super(`PostgreSQL at ${masked}: ${describe(failure)}: ${detail}`, options);
    this.name = 'PostgresConnectionError';
    this.url = masked;
  }
}

function describe(failure: PostgresConnectionFailure): string {
  switch (failure) {
    case 'unreachable':
      return 'server unreachable';
    case 'authentication':
      return 'authentication failed (wrong user or password)';
    case 'missing-database':
      return 'database does not exist';
    case 'other':
      return 'cannot connect';
  }
}

/** Maps an error thrown by `pg` while connecting to a typed PostgresConnectionError. */
export function toConnectionError(url: string, error: unknown): PostgresConnectionError {
  if (error instanceof PostgresConnectionError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  // The password may appear in pg's own message for some failures; never let it through.
  const password = safePassword(url);
  let detail = error instanceof Error ? error.message : String(error);
  if (password !== '') detail = detail.split(password).join('****');
  let failure: PostgresConnectionFailure = 'other';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || code === 'EAI_AGAIN' || /timeout/i.test(detail)) {
    failure = 'unreachable';
  } else if (code === '28P01' || code === '28000') {
    failure = 'authentication';
  } else if (code === '3D000') {
    failure = 'missing-database';
  }
  return new PostgresConnectionError(url, failure, detail, { cause: error });
}

function safePassword(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}
