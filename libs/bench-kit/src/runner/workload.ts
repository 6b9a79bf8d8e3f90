import { pathToFileURL } from 'node:url';
import { BenchSkip, type BenchContext } from '../define/suite.ts';
import { blackBox } from '../measure/black-box.ts';
import { discoverBenchFiles } from './run.ts';
import { expandSuite, isSuite, type BenchmarkInstance } from './expand.ts';

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
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    if (isSuite(mod.default)) ids.push(...expandSuite(project, mod.default).map((i) => i.id));
  }
  return ids;
}

/** Finds one benchmark of a project by id (importing its bench files in this process). */
export async function findBenchmark(project: string, root: string, id: string): Promise<BenchmarkInstance> {
  const known: string[] = [];
  for (const file of discoverBenchFiles(root)) {
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    if (!isSuite(mod.default)) continue;
    for (const instance of expandSuite(project, mod.default)) {
      if (instance.id === id) return instance;
      known.push(instance.id);
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
  const ctx: BenchContext = {
    param: instance.param,
    id: instance.id,
    quick: options.quick ?? false,
    progress: (message) => process.stderr.write(`  · ${message}\n`),
    skip: (reason) => {
      throw new BenchSkip(reason);
    },
  };
  const def = instance.definition;
  const state = def.setup ? await def.setup(ctx) : undefined;
  const started = performance.now();
  let repetitions = 0;
  try {
    if (def.kind === 'custom') {
      blackBox(await def.measure(state, ctx));
      repetitions = 1;
      await options.onRepetition?.(repetitions);
    } else {
      const deadline = started + options.seconds * 1000;
      do {
        // Batches of calls between clock reads and hooks keep the profile about the workload.
        for (let i = 0; i < 16; i++) {
          const r = def.fn(state, ctx);
          blackBox(r instanceof Promise ? await r : r);
        }
        repetitions += 16;
        await options.onRepetition?.(repetitions);
      } while (performance.now() < deadline);
    }
  } finally {
    if (def.teardown) await def.teardown(state, ctx);
  }
  return { id: instance.id, kind: def.kind === 'custom' ? 'custom' : 'timed', repetitions, elapsedMs: performance.now() - started };
}
