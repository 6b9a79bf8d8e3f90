import { execa, type ResultPromise } from 'execa';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedThreshold } from '../driver/thresholds.ts';
import type { LoadResult } from '../results/load-result.ts';
import { parseLocustCsv, type LocustRunFacts } from './locust-results.ts';
import { findExecutable } from '@workflow-bench/bench-kit';

export const LOCUST_INSTALL_HINT = 'locust not installed: apt-get install -y python3-locust';

const LOCUST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'locust');
/** The repo's locustfile (user classes LightLoad, MediumLoad, HeavyLoad; scenarios as tags). */
export const LOCUSTFILE = join(LOCUST_DIR, 'locustfile.py');
export const LOCUST_SHAPES = { burst: join(LOCUST_DIR, 'shapes', 'burst.py'), sustained: join(LOCUST_DIR, 'shapes', 'sustained.py') } as const;
export const LOCUST_USER_CLASSES = ['LightLoad', 'MediumLoad', 'HeavyLoad'] as const;
export type LocustUserClass = (typeof LOCUST_USER_CLASSES)[number];
/** Locust's default master port; used when workers on other hosts are expected, so their command is predictable. */
export const LOCUST_MASTER_PORT = 5557;
/** Users finish the task in progress for up to this long when the run stops (so no request is cut off mid-flight). */
const STOP_TIMEOUT_S = 2;

export interface LocustWebUi {
  /** Default 127.0.0.1: the UI has no authentication. */
  host?: string;
  /** Default 8089 (Locust's). */
  port?: number;
}

export interface LocustRunOptions {
  url: string;
  userClass: LocustUserClass;
  users: number;
  spawnRate: number;
  runTimeS: number;
  /** Stop after this many requests in all (workers take equal shares); the run still ends at runTimeS. */
  maxRequests?: number;
  /** Scenario tags (submit, status, feedback, workflow); default all. */
  tags?: readonly string[];
  /** A traffic shape file added to the locustfile (then users/spawn rate come from the shape). */
  shape?: keyof typeof LOCUST_SHAPES;
  /** Worker processes started here (default 0: one process, no master). */
  workers?: number;
  /** Workers the master waits for in all, here and on other hosts (default: `workers`). More than `workers` makes a master. */
  expectWorkers?: number;
  /** Where the master listens for workers (default 127.0.0.1). Another host's workers need an address they can reach. */
  masterBindHost?: string;
  /** Default: 5557 when workers from other hosts are expected, else a free port. */
  masterPort?: number;
  /** The address the workers started here use to reach the master (default: masterBindHost; 127.0.0.1 for `*`/0.0.0.0). */
  workerMasterHost?: string;
  /** How long the master waits for its workers (default 60 s). */
  expectWorkersMaxWaitS?: number;
  /** Locust's web UI (no --headless): the run starts at once (--autostart) and Locust quits 3 s after it ends. */
  web?: LocustWebUi;
  /** Multiplies the user classes' think times (0 = none); default 1. */
  thinkScale?: number;
  /** TMA plain texts the users submit (written to a JSON file; the master sends them to its workers). */
  tmaTexts?: readonly string[];
  thresholds?: readonly ParsedThreshold[];
  /** Keep the CSV files here (default: a temp dir, removed). */
  csvDir?: string;
  locustBin?: string;
  /** Told when the master starts, with where it listens for workers. */
  onMasterReady?: (info: { bindHost: string; port: number }) => void;
}

export class LocustRunError extends Error {
  constructor(message: string, readonly output: string) {
    super(`locust: ${message}${output ? `\n${output.slice(-3000)}` : ''}`);
    this.name = 'LocustRunError';
  }
}

export function locustPath(): string | undefined {
  return findExecutable('locust');
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const ANY_ADDRESS = new Set(['*', '0.0.0.0', '::', '']);

/**
 * The command that starts workers for a master on another host, from a checkout of this repo
 * (`load.ts locust-worker`), and the plain Locust equivalent.
 */
export function locustWorkerCommand(masterHost: string, masterPort: number, cwd = process.cwd()): { load: string; locust: string } {
  const bin = relative(cwd, join(LOCUST_DIR, '..', 'bin', 'load.ts')) || 'libs/load/bin/load.ts';
  return {
    load: `npx tsx ${bin} locust-worker --master-host ${masterHost} --master-port ${masterPort}`,
    locust: `locust -f ${relative(cwd, LOCUSTFILE)} --worker --master-host ${masterHost} --master-port ${masterPort}`,
  };
}

/** `wb-locust-worker <id> requests=<n>`: the count a worker of the repo's locustfile prints at exit. */
export function workerCountsIn(output: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of output.matchAll(/^wb-locust-worker (\S+) requests=(\d+)$/gm)) counts.set(m[1], Number(m[2]));
  return counts;
}

export interface LocustWorkerOptions {
  masterHost: string;
  masterPort?: number;
  /** Worker processes to start (default 1). */
  processes?: number;
  locustBin?: string;
  /** Give up after this long (default 1 h): a worker whose master never comes back must end. */
  timeoutS?: number;
}

/**
 * Runs Locust workers of the repo's locustfile for a master elsewhere; they take their options
 * (think scale, request limit, TMA texts) from the master and exit when it quits. Returns the
 * requests each worker counted itself.
 */
export async function runLocustWorkers(o: LocustWorkerOptions): Promise<{ counts: Map<string, number>; exitCodes: number[]; output: string }> {
  const bin = o.locustBin ?? locustPath();
  if (!bin) throw new Error(LOCUST_INSTALL_HINT);
  const procs = Array.from({ length: o.processes ?? 1 }, () =>
    execa(bin, ['-f', LOCUSTFILE, '--loglevel', 'WARNING', '--worker', '--master-host', o.masterHost, '--master-port', String(o.masterPort ?? LOCUST_MASTER_PORT)], {
      env: { PYTHONUNBUFFERED: '1' },
      reject: false,
      all: true,
      timeout: (o.timeoutS ?? 3600) * 1000,
      forceKillAfterDelay: 5000,
    }),
  );
  const results = await Promise.all(procs);
  const output = results.map((r) => r.all ?? '').join('\n');
  return { counts: workerCountsIn(output), exitCodes: results.map((r) => r.exitCode ?? -1), output };
}

/**
 * Runs Locust (python3-locust 2.12: user classes as positional arguments, no --json) and reduces
 * its output to the common result. With `workers` or `expectWorkers`, runs a master on
 * `masterBindHost` and starts `workers` worker processes here; the others come from other hosts.
 */
export async function runLocust(o: LocustRunOptions): Promise<LoadResult> {
  const bin = o.locustBin ?? locustPath();
  if (!bin) throw new Error(LOCUST_INSTALL_HINT);
  const workers = o.workers ?? 0;
  const expectWorkers = o.expectWorkers ?? workers;
  if (expectWorkers < workers) throw new RangeError(`expectWorkers (${expectWorkers}) is fewer than the workers started here (${workers})`);
  const distributed = expectWorkers > 0;
  const dir = o.csvDir ?? (await mkdtemp(join(tmpdir(), 'wb-locust-')));
  if (o.csvDir) await mkdir(o.csvDir, { recursive: true });
  const prefix = join(dir, 'run');
  const runFile = join(dir, 'run-facts.json');
  const env: Record<string, string> = { PYTHONUNBUFFERED: '1' };
  if (o.tmaTexts) {
    const file = join(dir, 'tma-texts.json');
    await writeFile(file, JSON.stringify(o.tmaTexts));
    env.WB_TMA_BODIES = file;
  }
  const files = o.shape ? `${LOCUSTFILE},${LOCUST_SHAPES[o.shape]}` : LOCUSTFILE;
  const tagArgs = o.tags && o.tags.length > 0 ? ['--tags', ...o.tags] : [];
  const common = ['-f', files, '--loglevel', 'WARNING', ...tagArgs];
  const waitS = o.expectWorkersMaxWaitS ?? 60;
  const timeout = (o.runTimeS + (distributed ? waitS : 0) + 90) * 1000;
  const workerProcs: ResultPromise[] = [];
  try {
    const args = [
      ...common,
      '-u', String(o.users),
      '-r', String(o.spawnRate),
      '-t', `${Math.max(1, Math.round(o.runTimeS))}s`,
      '--host', o.url,
      '--csv', prefix,
      '--only-summary',
      '--stop-timeout', String(STOP_TIMEOUT_S),
      // Failures are judged by our thresholds, not by Locust's exit code.
      '--exit-code-on-error', '0',
      '--wb-think-scale', String(o.thinkScale ?? 1),
      '--wb-run-file', runFile,
      ...(o.maxRequests ? ['--wb-max-requests', String(o.maxRequests)] : []),
    ];
    if (o.web) args.push('--web-host', o.web.host ?? '127.0.0.1', '--web-port', String(o.web.port ?? 8089), '--autostart', '--autoquit', '3');
    else args.push('--headless');
    if (distributed) {
      const bindHost = o.masterBindHost ?? '127.0.0.1';
      const workerHost = o.workerMasterHost ?? (ANY_ADDRESS.has(bindHost) ? '127.0.0.1' : bindHost);
      const port = o.masterPort ?? (expectWorkers > workers ? LOCUST_MASTER_PORT : await freePort(ANY_ADDRESS.has(bindHost) ? '0.0.0.0' : bindHost));
      args.push('--master', '--expect-workers', String(expectWorkers), '--expect-workers-max-wait', String(waitS), '--master-bind-host', bindHost, '--master-bind-port', String(port));
      o.onMasterReady?.({ bindHost, port });
      for (let i = 0; i < workers; i++) {
        workerProcs.push(
          execa(bin, [...common, '--worker', '--master-host', workerHost, '--master-port', String(port)], {
            env, reject: false, timeout: timeout + 30_000, forceKillAfterDelay: 5000, all: true,
          }),
        );
      }
    }
    args.push(o.userClass);
    const master = await execa(bin, args, { env, reject: false, timeout, forceKillAfterDelay: 5000, all: true });
    const output = master.all ?? '';
    if (master.timedOut) throw new LocustRunError(`did not finish within ${timeout / 1000} s`, output);
    if (master.exitCode !== 0) throw new LocustRunError(`exited with ${master.exitCode ?? master.signal}`, output);
    // The workers exit once they have finished stopping (--stop-timeout) and heard "quit".
    const workerOutput = await Promise.race([
      Promise.all(workerProcs).then((rs) => rs.map((r) => r.all ?? '').join('\n')),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), (STOP_TIMEOUT_S + 15) * 1000).unref()),
    ]);
    const read = (file: string) => readFile(file, 'utf8').catch(() => undefined);
    const stats = await read(`${prefix}_stats.csv`);
    if (stats === undefined) throw new LocustRunError(`no ${prefix}_stats.csv was written`, output);
    const facts = await read(runFile);
    return parseLocustCsv(
      {
        stats,
        history: await read(`${prefix}_stats_history.csv`),
        failures: await read(`${prefix}_failures.csv`),
        printed: output,
        runFacts: facts ? (JSON.parse(facts) as LocustRunFacts) : undefined,
        workerOwnCounts: workerOutput !== undefined ? workerCountsIn(workerOutput) : undefined,
      },
      {
        scenario: `locust ${o.userClass}${o.tags ? ` [${o.tags.join(',')}]` : ''}${o.shape ? ` ${o.shape}` : ''}${distributed ? ` (${expectWorkers} workers)` : ''}`,
        thresholds: o.thresholds,
        // A master hears of its workers' requests in their reports, every 3 s.
        minIntervalS: distributed ? 3 : 1,
      },
    );
  } finally {
    for (const w of workerProcs) w.kill('SIGTERM');
    await Promise.allSettled(workerProcs);
    if (!o.csvDir) await rm(dir, { recursive: true, force: true });
  }
}
