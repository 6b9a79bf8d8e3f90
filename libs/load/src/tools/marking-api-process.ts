import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export interface MarkingApiProcess {
  url: string;
  pid: number;
  /** SIGTERM (graceful drain), then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL now: the server dies mid-run. */
  kill(): Promise<void>;
  readonly exited: boolean;
}

export class ServerStartError extends Error {
  constructor(message: string, readonly output: string) {
    super(`marking-api did not start: ${message}${output ? `\n${output.slice(-2000)}` : ''}`);
    this.name = 'ServerStartError';
  }
}

/** apps/marking-api/bin/serve.ts, found through the workspace package. */
export function markingApiServeScript(): string {
  const entry = fileURLToPath(import.meta.resolve('@workflow-bench/marking-api'));
  return join(dirname(entry), '..', 'bin', 'serve.ts');
}

function waitExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts the marking API in its own process (so the driver and the server do not share an event
 * loop), bound to 127.0.0.1 on a free port, and waits for its "listening on" line.
 */
export async function startMarkingApiProcess(options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; nodeArgs?: string[] } = {}): Promise<MarkingApiProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', markingApiServeScript(), '--host', '127.0.0.1', '--port', '0'], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new ServerStartError(`no 'listening on' line within ${options.timeoutMs ?? 30_000} ms`, output));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new ServerStartError(`exited with ${signal ?? code}`, output));
    });
  });
  // Keep draining the pipes so the server never blocks on a full stdout.
  child.stdout!.resume();
  child.stderr!.resume();
  // Safety net: a parent that exits without stopping the server must not leave it running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  return {
    url,
    pid: child.pid!,
    get exited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await waitExit(child);
      clearTimeout(t);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await waitExit(child);
    },
  };
}
