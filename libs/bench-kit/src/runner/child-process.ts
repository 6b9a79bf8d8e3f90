import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RegionPlan } from '../instructions/attach.ts';
import type { Side } from '../results/comparison-schema.ts';
import { failedRaw } from './lifecycle.ts';
import type { ChildLaunch } from './parent-measure.ts';
import type { Progress } from './progress.ts';
import type { ChildMessage, ChildOptions, RawBenchmark } from './protocol.ts';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

export type PairedMessage = Extract<ChildMessage, { type: 'paired' }>;

/** Everything one child process reported. */
export interface ChildReport {
  results: { raw: RawBenchmark; side?: Side }[];
  paired: PairedMessage[];
  /** Per-iteration cost of an empty function, as this child measured it (time measures only). */
  emptyFunctionNs: number | null;
}

/** Thrown when the run was interrupted (Ctrl-C / SIGTERM) while a child was running. */
export class InterruptedError extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.name = 'InterruptedError';
  }
}

export interface ChildRun {
  options: ChildOptions;
  launch: ChildLaunch;
  /** Options passed through to the benchmarks (e.g. `--model=x.gguf`). */
  benchArgs: string[];
  /** What the file is called in messages (e.g. `parse.bench.ts`). */
  label: string;
  /** Ids the parent expects (from importing the file itself); the child's own plan replaces them. */
  expected: string[];
  progress: Progress;
  /** Aborted on Ctrl-C: the child is killed and the run gives up with InterruptedError. */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts one child, relays its progress, collects its results, and accounts for every planned id:
 * when the child dies early, each id it did not report is recorded `failed` with the exit code and
 * the child's last stderr lines.
 */
export async function runChild(run: ChildRun): Promise<ChildReport> {
  const { options, launch, progress } = run;
  const report: ChildReport = { results: [], paired: [], emptyFunctionNs: null };
  const regions: RegionPlan[] = [];
  let planned = run.expected;
  let current: string | null = null;
  let done = false;
  const underValgrind = launch.execPath === 'valgrind';
  const child = fork(CHILD, [JSON.stringify(options), ...run.benchArgs], {
    ...(launch.execPath ? { execPath: launch.execPath } : {}),
    execArgv: launch.execArgv,
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    env: { ...(run.env ?? process.env), BENCH_QUICK: options.quick ? '1' : '0' },
  });
  const abort = () => child.kill('SIGTERM');
  run.signal?.addEventListener('abort', abort, { once: true });
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // valgrind's own banner lines (==pid==) are noise in the progress output; keep them for errors.
    const text = chunk.toString();
    const own = underValgrind ? text.split('\n').filter((l) => l && !/^==\d+==/.test(l)).join('\n') : text;
    if (own) progress.passthrough(Buffer.from(underValgrind ? `${own}\n` : own));
    stderrTail = (stderrTail + text).slice(-4000);
  });
  child.on('message', (message: ChildMessage) => {
    switch (message.type) {
      case 'plan':
        planned = message.ids;
        break;
      case 'calibration':
        report.emptyFunctionNs = message.emptyFunctionNs;
        break;
      case 'start':
        current = message.id;
        progress.start(message.id);
        break;
      case 'phase':
        progress.phase(message.id, message.phase, message.done, message.total);
        break;
      case 'progress':
        progress.message(message.id, message.message);
        break;
      case 'result':
        report.results.push({ raw: message.result, ...(message.side ? { side: message.side } : {}) });
        progress.finish(message.result, message.side);
        current = null;
        break;
      case 'paired':
        report.paired.push(message);
        progress.finishPaired(message.id, message.base.raw, message.head.raw);
        current = null;
        break;
      case 'regions':
        regions.push({ id: message.id, iterations: message.iterations, discardPairs: message.discardPairs });
        break;
      case 'done':
        done = true;
        break;
    }
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  run.signal?.removeEventListener('abort', abort);
  if (run.signal?.aborted) throw new InterruptedError((run.signal.reason as NodeJS.Signals | undefined) ?? 'SIGINT');
  if (!done) {
    const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
    const reason = `benchmark process for ${run.label} ended early (${how})`;
    const tail = stderrTail.trim().split('\n').slice(-15).join('\n');
    const reported = new Set([...report.results.map((r) => r.raw.id), ...report.paired.map((p) => p.id)]);
    for (const id of planned) {
      if (reported.has(id)) continue;
      const raw = failedRaw(id, id === current ? `${reason} while running this benchmark` : `${reason} before this benchmark ran`, tail);
      report.results.push({ raw });
      progress.finish(raw);
    }
  }
  launch.finish(
    report.results.map((r) => r.raw),
    regions,
  );
  return report;
}
