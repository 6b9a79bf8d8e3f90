import type { Socket } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa, type ResultPromise } from 'execa';

/** The core server executable, found from this module's location so any cwd works. */
export const CORE_SERVER_SCRIPT = fileURLToPath(new URL('../../bin/core-server.ts', import.meta.url));

/** Absolute URL of tsx's loader: `--import tsx` would resolve against the child's cwd. */
function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

type PipedProcess = ResultPromise<{ stdin: 'pipe'; stdout: 'pipe'; stderr: 'pipe'; buffer: false; reject: false }>;

/**
 * A started script. `stdout` is null when the script was given its own stdout socket (see
 * SpawnOptions.stdout): its output is then read through that socket's pair.
 */
export type ServerProcess = Omit<PipedProcess, 'stdout'> & { readonly stdout: PipedProcess['stdout'] | null };

export interface SpawnOptions {
  /** Added to (never replacing) this process's environment, e.g. TMPDIR for the core server's LMDB store. */
  env?: Readonly<Record<string, string>>;
  /** A socket to be the child's stdout (see openOutputChannel); default a pipe. */
  stdout?: Socket;
}

/** Starts `node --import tsx <script> <args>` with piped stdio (or the given stdout) and no output buffering. */
export function spawnTsScript(script: string, args: readonly string[], options: SpawnOptions = {}): ServerProcess {
  const { env, stdout } = options;
  const child: PipedProcess = execa(process.execPath, ['--import', tsxLoaderUrl(), script, ...args], {
    ...(env ? { env, extendEnv: true } : {}),
    stdin: 'pipe',
    // A socket given here is duplicated into the child as its fd 1 (execa then leaves stdout null).
    stdout: (stdout ?? 'pipe') as 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    // Kill the child if this process exits first.
    cleanup: true,
  });
  return child;
}
