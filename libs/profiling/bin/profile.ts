#!/usr/bin/env -S node --import tsx
/**
 * profile — CPU, memory and GPU profiles of any benchmark of any lib.
 * Exit codes: 0 done (parts may be skipped, see the index), 1 the workload failed, 2 bad input, 3 internal error.
 */
import { parseArgs } from 'node:util';
import { dirname, relative } from 'node:path';
import { profile, PROFILING_AREAS } from '../src/profile.ts';
import { ProfilingInputError, WorkloadFailedError } from '../src/errors.ts';
import { findWorkspaceRoot, listProjects, resolveProject } from '../src/workspace.ts';
import { listBenchmarkIds } from '../src/workload/benchmarks.ts';
import { representativeBenchmark } from '../src/representative.ts';
import type { ProfilingArea } from '../src/artefact-index.ts';

const HELP = `profile — CPU, memory and GPU profiles of one benchmark's workload

Usage:
  profile cpu|memory|gpu|all --lib <name> [--bench <id>] [options]
  profile list --lib <name>             the benchmark ids of a lib

  Without --bench, the lib's representative benchmark is profiled (the one npm run bench:all
  --profiling picks: its preferred hot path, else the wall-time benchmark with the most work per
  call in <lib>/bench-results/latest.json), and the first line says which and why.

  cpu     .cpuprofile (Chrome DevTools, speedscope), SVG flame graph, hotspot report,
          perf stat counters where supported, callgrind for native-heavy workloads
  memory  memory over time (CSV), peaks, memory by size (small/medium/large), .heapprofile,
          leak check (heap after GC across rounds), native memory (heaptrack / massif)
  gpu     nvidia-smi samples (CSV), VRAM before/after, nsys trace; skipped without a GPU
  all     all three

Options:
  --lib <name>          Nx project, e.g. core
  --bench <id>          benchmark id, e.g. core/pii-detect/large (the "core/" may be left off),
                        or a pattern: core/pii-detect/* or /regex/ (default: the representative)
  --seconds <s>         how long the workload loops (default 5; 1 with --quick)
  --quick               the benchmark's quick mode, short runs, fewer leak rounds
  --out <dir>           output folder (default reports/profiling); index at <dir>/index.json
  --interval-ms <n>     memory sampling interval (default 50)
  --leak-rounds <n>     leak check rounds (default 8, quick 6; 0 skips it)
  --no-native           skip heaptrack/massif
  --no-by-size          skip the small/medium/large comparison
  --callgrind <when>    auto (native-heavy workloads only, default), always, never
  --keep-inlining       keep TurboFan inlining in the CPU profile run (default off, so that
                        inlined functions are not charged to their callers)
  --ncu                 also run Nsight Compute (slow) when installed
  --verbose             show the workload's own progress output
  -h, --help            this help

Through Nx:  npx nx run core:profile-cpu   |   npx nx run core:profile-cpu --bench=core/pii-detect/large
Exit codes:  0 done (skipped parts are recorded in the index), 1 workload failed, 2 bad input
`;

function fail(message: string): never {
  process.stderr.write(`profile: ${message}\n\nRun "profile --help" for usage.\n`);
  process.exit(2);
}

function positiveInt(name: string, v: string | undefined, allowZero = false): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) fail(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} whole number, got ${JSON.stringify(v)}`);
  return n;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      allowNegative: true,
      options: {
        lib: { type: 'string' },
        bench: { type: 'string' },
        seconds: { type: 'string' },
        quick: { type: 'boolean', default: false },
        out: { type: 'string' },
        'interval-ms': { type: 'string' },
        'leak-rounds': { type: 'string' },
        native: { type: 'boolean', default: true },
        'by-size': { type: 'boolean', default: true },
        callgrind: { type: 'string', default: 'auto' },
        ncu: { type: 'boolean', default: false },
        'keep-inlining': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const command = positionals[0];
  if (!command) fail('say what to profile: cpu, memory, gpu, all (or list)');
  if (positionals.length > 1) fail(`unexpected argument ${JSON.stringify(positionals[1])}`);
  if (!['cpu', 'memory', 'gpu', 'all', 'list'].includes(command)) fail(`unknown command ${JSON.stringify(command)}: use cpu, memory, gpu, all or list`);
  const workspaceRoot = findWorkspaceRoot();
  if (!values.lib) fail(`--lib is required; known libs: ${listProjects(workspaceRoot).map((p) => p.name).join(', ')}`);

  if (command === 'list') {
    const ids = await listBenchmarkIds(resolveProject(workspaceRoot, values.lib));
    process.stdout.write(ids.length ? `${ids.join('\n')}\n` : `${values.lib} has no benchmarks (bench/*.bench.ts)\n`);
    return;
  }
  let bench = values.bench;
  if (!bench) {
    const chosen = await representativeBenchmark(resolveProject(workspaceRoot, values.lib), workspaceRoot);
    process.stderr.write(`profile: no --bench given: profiling ${chosen.id}, ${chosen.why}\n`);
    bench = chosen.id;
  }
  let seconds: number | undefined;
  if (values.seconds !== undefined) {
    seconds = Number(values.seconds);
    if (!(seconds > 0) || !Number.isFinite(seconds)) fail(`--seconds must be a positive number, got ${JSON.stringify(values.seconds)}`);
  }
  const callgrind = values.callgrind;
  if (callgrind !== 'auto' && callgrind !== 'always' && callgrind !== 'never') fail(`--callgrind must be auto, always or never, got ${JSON.stringify(callgrind)}`);
  const leakRounds = positiveInt('leak-rounds', values['leak-rounds'], true);
  if (leakRounds !== undefined && leakRounds > 0 && leakRounds < 4) fail('--leak-rounds must be 0 (skip) or at least 4 (one warm-up round plus three to find a trend)');

  const areas: readonly ProfilingArea[] = command === 'all' ? PROFILING_AREAS : [command as ProfilingArea];
  const started = Date.now();
  const outcome = await profile({
    lib: values.lib,
    bench,
    areas,
    out: values.out,
    seconds,
    quick: values.quick,
    echo: values.verbose,
    memoryIntervalMs: positiveInt('interval-ms', values['interval-ms']),
    leakRounds,
    nativeMemory: values.native,
    bySize: values['by-size'],
    callgrind,
    ncu: values.ncu,
    keepInlining: values['keep-inlining'],
    log: (line) => process.stderr.write(`  · ${line}\n`),
  });
  const rel = (p: string): string => relative(process.cwd(), p) || '.';
  process.stdout.write(`\nProfiled ${outcome.benches.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s:\n`);
  for (const e of outcome.entries) {
    const mark = e.status === 'ok' ? 'ok     ' : e.status === 'flagged' ? 'FLAGGED' : 'skipped';
    process.stdout.write(`  ${mark} ${e.area}/${e.kind.padEnd(14)} ${e.path ?? '-'}\n          ${e.summary}\n`);
  }
  process.stdout.write(`index: ${rel(outcome.indexFile)} (artefact paths in it are relative to ${rel(dirname(dirname(outcome.indexFile)))}/)\n`);
}

main().catch((err: unknown) => {
  if (err instanceof ProfilingInputError) fail(err.message);
  if (err instanceof WorkloadFailedError) {
    process.stderr.write(`profile: ${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`profile: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(3);
});
