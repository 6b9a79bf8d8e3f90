import { isIP } from 'node:net';

/** The API binds only this machine's loopback unless told otherwise. */
export const DEFAULT_HOST = '127.0.0.1';

export interface BindHost {
  host: string;
  /** Where a host other than the default came from (`--host`, `HOST`); undefined for the default. */
  stated?: string;
  /** True for 127.0.0.0/8, ::1 and localhost: nothing outside this machine can connect. */
  loopback: boolean;
}

/**
 * The interface to bind: `--host`, else HOST, else 127.0.0.1. An empty or blank value counts as
 * unset (`HOST=` used to bind every interface, because "" is a value to `??`).
 */
export function bindHost(flag: string | undefined, env: string | undefined): BindHost {
  const fromFlag = flag?.trim();
  const fromEnv = env?.trim();
  const host = fromFlag || fromEnv || DEFAULT_HOST;
  const stated = host === DEFAULT_HOST ? undefined : fromFlag ? '--host' : 'HOST';
  return { host, ...(stated ? { stated } : {}), loopback: isLoopback(host) };
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}
