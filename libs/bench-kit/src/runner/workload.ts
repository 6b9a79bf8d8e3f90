import { BenchSkip } from '../define/suite.ts';
import { blackBox } from '../measure/black-box.ts';
import type { BenchmarkInstance } from './expand.ts';
import { withStates } from './lifecycle.ts';
import { loadSuite } from './load-suite.ts';
import { discoverBenchFiles } from './run.ts';

export interface WorkloadOptions {
  project: string;
  root: string;
  /** Exact benchmark id, e.g. `core/pii-detect/large`. */
  id: string;
  /** Run the benchmark's function repeatedly for this long (timed benchmarks). */
  seconds: number;
  quick?: boolean;
  /** Called between repetitions (e.g. by a memory sampler or leak checker). */
  onRepetition?: (count: number) => void | Promise<void>;
}

export interface WorkloadOutcome {
  id: string;
  kind: 'timed' | 'custom';
  repetitions: number;
  elapsedMs: number;
}

export class UnknownBenchmarkError extends Error {
  constructor(readonly id: string, readonly known: string[]) {
    super(`no benchmark ${id}; known ids: ${known.join(', ') || '(none)'}`);
    this.name = 'UnknownBenchmarkError';
  }
}

/** Every benchmark id of a project, in run order (imports its bench files in this process). */
export async function listBenchmarks(project: string, root: string): Promise<string[]> {
  const ids: string[] = [];
  for (const file of discoverBenchFiles(root)) {
    for (const instance of (await loadSuite(project, file)).instances) ids.push(...instance.outputs.map((o) => o.id));
  }
  return ids;
}

/** Finds the benchmark that reports an id (importing the project's bench files in this process). */
export async function findBenchmark(project: string, root: string, id: string): Promise<BenchmarkInstance> {
  const known: string[] = [];
  for (const file of discoverBenchFiles(root)) {
    for (const instance of (await loadSuite(project, file)).instances) {
      if (instance.outputs.some((o) => o.id === id)) return instance;
      known.push(...instance.outputs.map((o) => o.id));
    }
  }
  throw new UnknownBenchmarkError(id, known);
}

/**
 * Runs one benchmark as a plain workload, with no measurement of its own: set-up, then the
 * function in a loop for `seconds` (a custom benchmark's measurement runs once), then teardown.
 * Profilers (V8 CPU/heap profiles, valgrind, perf, nvidia-smi samplers) wrap this so that any
 * benchmark of any lib can be profiled by its id.
 */
export async function runWorkload(options: WorkloadOptions): Promise<WorkloadOutcome> {
  const instance = await findBenchmark(options.project, options.root, options.id);
  const def = instance.definition;
  const started = performance.now();
  const outcome = await withStates(
    [{ side: undefined, instance }],
    options.quick ?? false,
    (_id, message) => process.stderr.write(`  · ${message}\n`),
    async ([p]) => {
      let repetitions = 0;
      if (def.kind === 'custom') {
        blackBox(await (def.measure as (s: unknown, c: typeof p.ctx) => unknown)(p.state, p.ctx));
        repetitions = 1;
        await options.onRepetition?.(repetitions);
        return repetitions;
      }
      const deadline = performance.now() + options.seconds * 1000;
      do {
        // Batches of calls between clock reads and hooks keep the profile about the workload.
        for (let i = 0; i < 16; i++) {
          const r = def.fn(p.state, p.ctx);
          blackBox(r instanceof Promise ? await r : r);
        }
        repetitions += 16;
        await options.onRepetition?.(repetitions);
      } while (performance.now() < deadline);
      return repetitions;
    },
  );
  if (!outcome.ok) {
    // Callers (profilers) tell a benchmark that skips itself from one that fails.
    if (outcome.status === 'skipped') throw new BenchSkip(outcome.reason);
    const err = new Error(outcome.reason);
    if (outcome.error) err.stack = outcome.error;
    throw err;
  }
  return { id: instance.id, kind: def.kind === 'custom' ? 'custom' : 'timed', repetitions: outcome.value, elapsedMs: performance.now() - started };
}
