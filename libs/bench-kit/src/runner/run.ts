import { fork } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { GoalDefinition } from '../define/suite.ts';
import { analyse } from '../analysis/analyse.ts';
import { evaluateGoal } from '../analysis/goals.ts';
import { collectEnvironment } from '../env/environment.ts';
import { measureTimer } from '../measure/timer.ts';
import { RESULTS_SCHEMA_VERSION, type BenchmarkResult, type ResultsFile } from '../results/schema.ts';
import { writeJsonAtomic } from '../results/write.ts';
import { expandSuite, isSuite } from './expand.ts';
import { compileFilter } from './filter.ts';
import type { ChildMessage, ChildOptions, RawBenchmark } from './protocol.ts';
import { Progress } from './progress.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { callgrindArgs, readDumpSequence, REPEATABLE_V8_FLAGS, valgrindVersion } from '../instructions/callgrind.ts';
import { attachInstructionCounts } from '../instructions/attach.ts';

export interface RunOptions {
  project: string;
  /** The project's root folder (holds bench/ and receives bench-results/). */
  root: string;
  quick?: boolean;
  filter?: string | null;
  rounds?: number;
  samples?: number;
  /** Where to write the results file; default `<root>/bench-results/latest.json`. */
  out?: string;
  /** Progress output stream (default stderr). */
  progress?: NodeJS.WritableStream;
  /** Extra node flags for the children. */
  execArgv?: string[];
  /** `time` (default) or `instructions` (children under valgrind's callgrind; see instructions/). */
  measure?: 'time' | 'instructions';
  /** Options for the benchmarks themselves, appended to each child's argv (e.g. `--model=x.gguf`). */
  benchArgs?: string[];
}

export interface RunOutcome {
  results: ResultsFile;
  path: string;
  failed: number;
}

export class ValgrindMissingError extends Error {
  constructor() {
    super('--measure instructions needs valgrind, which is not installed: apt-get install valgrind (Debian/Ubuntu). Instruction counts are never emulated.');
    this.name = 'ValgrindMissingError';
  }
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

export function discoverBenchFiles(root: string): string[] {
  const dir = join(root, 'bench');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.bench\.(ts|mts|js|mjs)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

interface LoadedFile {
  file: string;
  ids: string[];
  goals: GoalDefinition[];
  error?: string;
}

/** Imports a bench file in the parent (no benchmark runs here) to learn its ids and goals. */
async function loadFile(project: string, file: string, matches: (id: string) => boolean): Promise<LoadedFile> {
  try {
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    if (!isSuite(mod.default)) throw new Error('the default export is not a suite (export default defineSuite(...))');
    const ids = expandSuite(project, mod.default).map((i) => i.id).filter(matches);
    return { file, ids, goals: [...mod.default.goals] };
  } catch (err) {
    return { file, ids: [], goals: [], error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

function failedRaw(id: string, reason: string, error?: string): RawBenchmark {
  const parts = id.split('/');
  return {
    id,
    group: parts[1] ?? '',
    status: 'failed',
    reason,
    ...(error ? { error } : {}),
    kind: 'timed',
    unit: 'ns',
    lowerIsBetter: true,
    samplingMode: 'linear',
    values: [],
    iterations: [],
    statistic: 'median',
    warnings: [],
    durationMs: 0,
  };
}

async function runFile(
  loaded: LoadedFile,
  options: ChildOptions,
  execArgv: string[],
  benchArgs: string[],
  progress: Progress,
  onCalibration: (ns: number) => void,
): Promise<RawBenchmark[]> {
  const results: RawBenchmark[] = [];
  let planned: string[] = loaded.ids;
  let current: string | null = null;
  let done = false;
  const regions: { id: string; iterations: number[]; discardPairs: number }[] = [];
  const instructions = options.measure === 'instructions';
  const cgDir = instructions ? mkdtempSync(join(tmpdir(), 'bench-kit-callgrind-')) : '';
  // Instruction mode runs the same child under valgrind: valgrind becomes the executable and Node
  // (with the flags that make counts repeatable) its first argument.
  const child = fork(CHILD, [JSON.stringify(options), ...benchArgs], {
    ...(instructions
      ? {
          execPath: 'valgrind',
          execArgv: [...callgrindArgs(join(cgDir, 'cg.out')), process.execPath, ...REPEATABLE_V8_FLAGS, '--import', 'tsx', ...execArgv],
        }
      : { execArgv: ['--expose-gc', '--import', 'tsx', ...execArgv] }),
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    env: { ...process.env, BENCH_QUICK: options.quick ? '1' : '0' },
  });
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // valgrind's own banner lines (==pid==) are noise in the progress output; keep them for errors.
    const text = chunk.toString();
    const own = instructions ? text.split('\n').filter((l) => l && !/^==\d+==/.test(l)).join('\n') : text;
    if (own) progress.passthrough(Buffer.from(instructions ? `${own}\n` : own));
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });
  child.on('message', (message: ChildMessage) => {
    switch (message.type) {
      case 'plan':
        planned = message.ids;
        break;
      case 'calibration':
        onCalibration(message.emptyFunctionNs);
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
        results.push(message.result);
        progress.finish(message.result);
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
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolvePromise) => {
    child.on('exit', (code, signal) => resolvePromise({ code, signal }));
  });
  if (!done) {
    const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
    const reason = `benchmark process for ${basename(loaded.file)} ended early (${how})`;
    const tail = stderrTail.trim().split('\n').slice(-15).join('\n');
    const reported = new Set(results.map((r) => r.id));
    for (const id of planned) {
      if (reported.has(id)) continue;
      const raw = failedRaw(id, id === current ? `${reason} while running this benchmark` : `${reason} before this benchmark ran`, tail);
      results.push(raw);
      progress.finish(raw);
    }
  }
  if (instructions) {
    try {
      attachInstructionCounts(results, regions, readDumpSequence(cgDir, 'cg.out'));
    } finally {
      rmSync(cgDir, { recursive: true, force: true });
    }
  }
  return results;
}

/** Runs every bench file of a project (each in a fresh child), `rounds` times, and writes the results. */
export async function runProject(options: RunOptions): Promise<RunOutcome> {
  const started = performance.now();
  const root = resolve(options.root);
  const quick = options.quick ?? false;
  const rounds = Math.max(1, options.rounds ?? 1);
  const filter = options.filter ?? null;
  const measure = options.measure ?? 'time';
  const valgrind = measure === 'instructions' ? valgrindVersion() : null;
  if (measure === 'instructions' && !valgrind) throw new ValgrindMissingError();
  const matches = compileFilter(filter);
  const files = discoverBenchFiles(root);
  const loaded = await Promise.all(files.map((f) => loadFile(options.project, f, matches)));
  const total = loaded.reduce((a, l) => a + l.ids.length, 0) * rounds;
  const progress = new Progress(options.progress ?? process.stderr, total);
  const envPromise = collectEnvironment(root);
  const timer = measureTimer();
  const empty: number[] = [];

  progress.header(
    `${options.project}: ${files.length} bench file(s), ${total / rounds} benchmark(s)` +
      `${rounds > 1 ? ` × ${rounds} rounds` : ''}${quick ? ' (quick)' : ''}${filter ? ` matching ${filter}` : ''}`,
  );
  const byId = new Map<string, RawBenchmark[]>();
  const order: string[] = [];
  const record = (raw: RawBenchmark) => {
    if (!byId.has(raw.id)) {
      byId.set(raw.id, []);
      order.push(raw.id);
    }
    byId.get(raw.id)!.push(raw);
  };
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) progress.note(`round ${round}/${rounds}`);
    for (const l of loaded) {
      if (l.error) {
        if (round === 1) {
          const raw = failedRaw(`${options.project}/${basename(l.file).replace(/\.bench\.\w+$/, '')}`, `could not load ${l.file}`, l.error);
          record(raw);
          progress.finish(raw);
        }
        continue;
      }
      if (l.ids.length === 0) continue;
      const childOptions: ChildOptions = {
        project: options.project,
        file: l.file,
        quick,
        filter,
        ...(options.samples !== undefined ? { samples: options.samples } : {}),
        resolutionNs: timer.resolutionNs,
        measure,
      };
      for (const raw of await runFile(l, childOptions, options.execArgv ?? [], options.benchArgs ?? [], progress, (ns) => empty.push(ns))) record(raw);
    }
  }
  progress.end();

  const emptyFunctionNs = empty.length ? empty.sort((a, b) => a - b)[Math.floor(empty.length / 2)] : 0;
  const benchmarks: BenchmarkResult[] = order.map((id) => analyse(byId.get(id)!, { project: options.project, emptyFunctionNs }));
  if (measure === 'instructions') {
    for (const b of benchmarks) {
      b.measure = 'instructions';
      b.details = { ...b.details, valgrind: valgrind ?? '', v8Flags: REPEATABLE_V8_FLAGS.join(' ') };
    }
  }
  // Goals whose benchmarks were all filtered out of this run are not reported at all, and goals are
  // stated in wall-time terms (µs, ms, throughput ratios), so instruction counts are never held to them.
  const ran = new Set(benchmarks.map((b) => b.id));
  const goals = loaded
    .flatMap((l) => (measure === 'instructions' ? [] : l.goals))
    .filter((g) => g.benchmarks.some((id) => ran.has(id)))
    .map((g) => evaluateGoal(g, benchmarks));
  const results: ResultsFile = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    project: options.project,
    createdAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    measure,
    rounds,
    filter,
    environment: await envPromise,
    timer: { ...timer, emptyFunctionNs },
    benchmarks,
    goals,
    durationMs: performance.now() - started,
  };
  // Instruction counts go beside the wall-time results, never over them.
  const path = resolve(options.out ?? join(root, 'bench-results', measure === 'instructions' ? 'instructions.json' : 'latest.json'));
  await writeJsonAtomic(path, results);
  return { results, path, failed: benchmarks.filter((b) => b.status === 'failed').length };
}
