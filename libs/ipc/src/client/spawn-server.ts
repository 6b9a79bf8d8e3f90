import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa, type ResultPromise } from 'execa';

/** The core server executable, found from this module's location so any cwd works. */
export const CORE_SERVER_SCRIPT = fileURLToPath(new URL('../../bin/core-server.ts', import.meta.url));

/** Absolute URL of tsx's loader: `--import tsx` would resolve against the child's cwd. */
function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

export type ServerProcess = ResultPromise<{ stdin: 'pipe'; stdout: 'pipe'; stderr: 'pipe'; buffer: false; reject: false }>;

/**
 * Starts `node --import tsx <script> <args>` with piped stdio and no output buffering. `env` adds
 * to (never replaces) this process's environment, e.g. TMPDIR to choose where the server's LMDB
 * store is created.
 */
export function spawnTsScript(script: string, args: readonly string[], env?: Readonly<Record<string, string>>): ServerProcess {
  return execa(process.execPath, ['--import', tsxLoaderUrl(), script, ...args], {
    ...(env ? { env, extendEnv: true } : {}),
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    // Kill the child if this process exits first.
    cleanup: true,
  });
}
