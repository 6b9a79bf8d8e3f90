import { execa, type ResultPromise } from 'execa';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedThreshold } from '../driver/thresholds.ts';
import type { LoadResult } from '../results/load-result.ts';
import { parseLocustCsv } from './locust-results.ts';
import { findExecutable } from '@workflow-bench/bench-kit';

export const LOCUST_INSTALL_HINT = 'locust not installed: apt-get install -y python3-locust';

const LOCUST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'locust');
/** The repo's locustfile (user classes LightLoad, MediumLoad, HeavyLoad; scenarios as tags). */
export const LOCUSTFILE = join(LOCUST_DIR, 'locustfile.py');
export const LOCUST_SHAPES = { burst: join(LOCUST_DIR, 'shapes', 'burst.py'), sustained: join(LOCUST_DIR, 'shapes', 'sustained.py') } as const;

export type LocustUserClass = 'LightLoad' | 'MediumLoad' | 'HeavyLoad';

export interface LocustRunOptions {
  url: string;
  userClass: LocustUserClass;
  users: number;
  spawnRate: number;
  runTimeS: number;
  /** Scenario tags (submit, status, feedback, workflow); default all. */
  tags?: readonly string[];
  /** A traffic shape file added to the locustfile (then users/spawn rate come from the shape). */
  shape?: keyof typeof LOCUST_SHAPES;
  /** Distributed mode: one master plus this many worker processes (default 0: one process). */
  workers?: number;
  /** Multiplies the user classes' think times (0 = none); default 1. */
  thinkScale?: number;
  /** TMA plain texts the users submit (written to a JSON file for the locustfile). */
  tmaTexts?: readonly string[];
  thresholds?: readonly ParsedThreshold[];
  /** Keep the CSV files here (default: a temp dir, removed). */
  csvDir?: string;
  locustBin?: string;
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Runs Locust headless (python3-locust 2.12: user classes as positional arguments, no --json)
 * and parses its CSV files into the common result. With `workers`, runs a master and N worker
 * processes on 127.0.0.1, for more load than one Python process can make.
 */
export async function runLocust(o: LocustRunOptions): Promise<LoadResult> {
  const bin = o.locustBin ?? locustPath();
  if (!bin) throw new Error(LOCUST_INSTALL_HINT);
  const dir = o.csvDir ?? (await mkdtemp(join(tmpdir(), 'wb-locust-')));
  const prefix = join(dir, 'run');
  const env: Record<string, string> = { WB_THINK_SCALE: String(o.thinkScale ?? 1), PYTHONUNBUFFERED: '1' };
  if (o.tmaTexts) {
    const file = join(dir, 'tma-texts.json');
    await writeFile(file, JSON.stringify(o.tmaTexts));
    env.WB_TMA_BODIES = file;
  }
  const files = o.shape ? `${LOCUSTFILE},${LOCUST_SHAPES[o.shape]}` : LOCUSTFILE;
  const tagArgs = o.tags && o.tags.length > 0 ? ['--tags', ...o.tags] : [];
  const common = ['-f', files, '--loglevel', 'WARNING', ...tagArgs];
  const workers = o.workers ?? 0;
  const timeout = (o.runTimeS + 60) * 1000;
  const workerProcs: ResultPromise[] = [];
  let output = '';
  try {
    const args = [
      ...common,
      '--headless',
      '-u', String(o.users),
      '-r', String(o.spawnRate),
      '-t', `${Math.max(1, Math.round(o.runTimeS))}s`,
      '--host', o.url,
      '--csv', prefix,
      '--only-summary',
      // Failures are judged by our thresholds, not by Locust's exit code.
      '--exit-code-on-error', '0',
    ];
    if (workers > 0) {
      const port = await freePort();
      args.push('--master', '--expect-workers', String(workers), '--expect-workers-max-wait', '30', '--master-bind-host', '127.0.0.1', '--master-bind-port', String(port));
      for (let i = 0; i < workers; i++) {
        workerProcs.push(
          execa(bin, [...common, '--worker', '--master-host', '127.0.0.1', '--master-port', String(port), o.userClass], {
            env, reject: false, timeout: timeout + 30_000, forceKillAfterDelay: 5000, all: true,
          }),
        );
      }
    }
    args.push(o.userClass);
    const master = await execa(bin, args, { env, reject: false, timeout, forceKillAfterDelay: 5000, all: true });
    output = master.all ?? '';
    if (master.timedOut) throw new LocustRunError(`did not finish within ${timeout / 1000} s`, output);
    if (master.exitCode !== 0) throw new LocustRunError(`exited with ${master.exitCode ?? master.signal}`, output);
    const read = (suffix: string) => readFile(`${prefix}_${suffix}.csv`, 'utf8').catch(() => undefined);
    const stats = await read('stats');
    if (stats === undefined) throw new LocustRunError(`no ${prefix}_stats.csv was written`, output);
    return parseLocustCsv(
      { stats, history: await read('stats_history'), failures: await read('failures') },
      { scenario: `locust ${o.userClass}${o.tags ? ` [${o.tags.join(',')}]` : ''}${o.shape ? ` ${o.shape}` : ''}${workers ? ` (${workers} workers)` : ''}`, thresholds: o.thresholds },
    );
  } finally {
    for (const w of workerProcs) w.kill('SIGTERM');
    await Promise.allSettled(workerProcs);
    if (!o.csvDir) await rm(dir, { recursive: true, force: true });
  }
}
