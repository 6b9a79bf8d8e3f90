#!/usr/bin/env -S node --import tsx
/**
 * `npm run bench:all -- [--core] [--ipc] [--database] [--ai] [--load] [--integration] [--profiling] [--quick]`
 * Everything in one command (the seed's run_all_benchmarks.sh): hardware, build, benches through
 * Nx one project at a time, report with regression detection, verdict as the exit code.
 * The logic lives in tools/nx-bench/src/bench-all (tested there); this is only the entry point.
 */
import { join } from 'node:path';
import { BENCH_ALL_EXIT, BENCH_ALL_HELP, BenchAllUsageError, parseBenchAllArgs, runBenchAll } from '@workflow-bench/nx-bench';

const workspaceRoot = join(import.meta.dirname, '..', '..');

async function main(): Promise<number> {
  let options;
  try {
    options = parseBenchAllArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof BenchAllUsageError)) throw err;
    process.stderr.write(`bench:all: ${err.message}\n\n${BENCH_ALL_HELP}`);
    return BENCH_ALL_EXIT.badInput;
  }
  if (options.help) {
    process.stdout.write(BENCH_ALL_HELP);
    return BENCH_ALL_EXIT.pass;
  }
  return runBenchAll(options, { workspaceRoot, write: (text) => process.stdout.write(text) });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench:all: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(BENCH_ALL_EXIT.internal);
  },
);
