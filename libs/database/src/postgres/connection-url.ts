/**
 * PostgreSQL connection URLs: masking the password for messages, and reading `DATABASE_URL`.
 */

/** The URL with its password replaced by `****`, safe to print in errors and results. */
export function maskPostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '****';
    return parsed.toString();
  } catch {
    // Not a parsable URL: still never echo anything that looks like `user:secret@`.
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:****@');
  }
}

/** Throws a clear error when a URL is not a postgres:// or postgresql:// URL. */
export function assertPostgresUrl(url: string, source = 'DATABASE_URL'): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`${source} is not a valid URL: ${maskPostgresUrl(url)}`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new TypeError(
      `${source} must start with postgres:// or postgresql:// (got ${parsed.protocol}): ${maskPostgresUrl(url)}`,
    );
  }
}

/** `DATABASE_URL` from the environment, validated, or undefined when unset/empty. */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env['DATABASE_URL']?.trim();
  if (url === undefined || url === '') return undefined;
  assertPostgresUrl(url);
  return url;
}
