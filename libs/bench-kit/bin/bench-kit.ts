#!/usr/bin/env -S node --import tsx
/**
 * bench-kit CLI. The Nx `bench` target calls `bench-kit run --project <name> --root <projectRoot>`.
 * Exit codes: 0 all benchmarks ok or skipped; 1 at least one failed; 2 bad usage (an unknown
 * --against revision included); 3 internal error; 4 the --against revision could not be prepared
 * (worktree, npm ci); 5 its code does not type-check or a bench file fails to import; 130
 * interrupted (Ctrl-C).
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { runProject, discoverBenchFiles, ValgrindMissingError } from '../src/runner/run.ts';
import { renderResults } from '../src/report/table.ts';
import { formatNs } from '../src/report/format.ts';
import { listBenchmarks, runWorkload, UnknownBenchmarkError } from '../src/runner/workload.ts';
import { compileFilter } from '../src/runner/filter.ts';
import { runComparison } from '../src/runner/compare.ts';
import { InterruptedError } from '../src/runner/child-process.ts';
import { AgainstError } from '../src/compare/errors.ts';
import { renderComparison } from '../src/report/comparison-table.ts';

const HELP = `bench-kit — run a project's benchmarks

Usage:
  bench-kit run --project <name> --root <dir> [options]
  bench-kit list --project <name> --root <dir> [--filter <pattern>]     the benchmark ids
  bench-kit workload --project <name> --root <dir> --id <benchmark id> [--seconds 5] [--quick]
      runs one benchmark's function in a loop with no measurement (for profilers to wrap)

Options:
  --project <name>     project name: the first part of every benchmark id (e.g. core)
  --root <dir>         project folder holding bench/*.bench.ts (results go to <dir>/bench-results/latest.json)
  --quick              short sampling plan (15 samples, ~0.3 s each) and smaller workloads
  --filter <pattern>   only ids matching: a substring, a glob with * (core/hash/*), or /regex/
  --rounds <n>         repeat the whole run n times, each bench file in a fresh process per round;
                       rounds are the independent units for estimates and verdicts (default 1)
  --samples <n>        samples per benchmark (default 50, quick 15)
  --measure <m>        time (default) or instructions: counts instructions per iteration under
                       valgrind's callgrind (deterministic; written to bench-results/instructions.json)
  --out <file>         results file (default <root>/bench-results/latest.json)
  --against <ref>      compare the working tree (uncommitted changes included) with a git revision
                       (main, HEAD~1, a sha), both measured in the same processes, interleaved;
                       writes <root>/bench-results/comparison.json (verdict: bench-report compare)
  --compare            --against the revision in $NX_BASE (set by nrwl/nx-set-shas in CI)
  --<other>[=value]    any other option is passed to the benchmarks (e.g. the ai lib's --model <file.gguf>)
  -h, --help           this help

Through Nx:  npx nx bench core   |   npx nx bench core -c quick   |   npx nx bench core --filter=hash
             npx nx bench core -c quick --against=HEAD~1   |   npx nx affected -t bench -c compare

Exit codes: 0 every benchmark ok or skipped; 1 a benchmark failed; 2 bad usage or an unknown
--against revision; 3 internal error; 4 the --against revision could not be prepared (git
worktree, npm ci); 5 its code does not type-check or a bench file fails to import; 130 interrupted.
`;

function fail(message: string): never {
  process.stderr.write(`bench-kit: ${message}\n\n${HELP}`);
  process.exit(2);
}

const KNOWN = new Set(['project', 'root', 'quick', 'filter', 'rounds', 'samples', 'measure', 'out', 'id', 'seconds', 'against', 'compare', 'help', 'h']);

/** Separates pass-through options (unknown to bench-kit) from the command's positionals. */
function splitPassThrough(tokens: ReturnType<typeof parseArgs>['tokens'] & object): { benchArgs: string[]; positionals: string[] } {
  const benchArgs: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option' || KNOWN.has(t.name)) continue;
    let value = t.value;
    const next = tokens[i + 1];
    // `--model file.gguf`: an unknown option followed by a positional takes it as its value.
    if (value === undefined && next?.kind === 'positional' && positionals.length > 0) {
      value = next.value;
      i++;
    }
    benchArgs.push(value === undefined ? `--${t.name}` : `--${t.name}=${value}`);
  }
  return { benchArgs, positionals };
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      // Options bench-kit does not know are passed through to the benchmarks (e.g. the ai lib's
      // --model <file.gguf>); they are listed at the start of the run so a typo is visible.
      strict: false,
      tokens: true,
      options: {
        project: { type: 'string' },
        root: { type: 'string' },
        quick: { type: 'boolean', default: false },
        filter: { type: 'string' },
        rounds: { type: 'string' },
        samples: { type: 'string' },
        measure: { type: 'string', default: 'time' },
        out: { type: 'string' },
        id: { type: 'string' },
        seconds: { type: 'string', default: '5' },
        against: { type: 'string' },
        compare: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const { benchArgs, positionals } = splitPassThrough(parsed.tokens ?? []);
  const values = parsed.values as {
    project?: string; root?: string; quick?: boolean; filter?: string; rounds?: string; samples?: string;
    measure?: string; out?: string; id?: string; seconds?: string; against?: string; compare?: boolean; help?: boolean;
  };
  for (const key of ['project', 'root', 'filter', 'rounds', 'samples', 'measure', 'out', 'id', 'seconds', 'against'] as const) {
    if (typeof values[key] === 'boolean') fail(`--${key} needs a value`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const command = positionals[0] ?? 'run';
  if (command !== 'run' && command !== 'list' && command !== 'workload') fail(`unknown command ${JSON.stringify(command)}`);
  if (!values.project) fail('--project is required');
  if (!values.root) fail('--root is required');
  const root = resolve(values.root);
  if (!existsSync(root)) fail(`--root ${values.root}: no such folder`);
  const int = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive whole number, got ${JSON.stringify(v)}`);
    return n;
  };
  if (benchArgs.length) process.stderr.write(`passing to the benchmarks: ${benchArgs.join(' ')}\n`);
  const rounds = int('rounds', values.rounds);
  const samples = int('samples', values.samples);
  if (samples !== undefined && samples < 2) fail('--samples must be at least 2');
  if (values.measure !== 'time' && values.measure !== 'instructions') {
    fail(`--measure must be "time" or "instructions", got ${JSON.stringify(values.measure)}`);
  }

  if (command === 'list') {
    const files = discoverBenchFiles(root);
    if (files.length === 0) process.stdout.write(`no bench files under ${relative(process.cwd(), root)}/bench\n`);
    const matches = compileFilter(values.filter ?? null);
    for (const id of await listBenchmarks(values.project, root)) if (matches(id)) process.stdout.write(`${id}\n`);
    return;
  }
  if (command === 'workload') {
    if (!values.id) fail('workload needs --id <benchmark id>');
    const seconds = Number(values.seconds);
    if (!(seconds > 0)) fail(`--seconds must be a positive number, got ${JSON.stringify(values.seconds)}`);
    try {
      const w = await runWorkload({ project: values.project, root, id: values.id, seconds, quick: values.quick });
      process.stderr.write(`workload ${w.id}: ${w.repetitions} repetition(s) in ${(w.elapsedMs / 1000).toFixed(2)} s\n`);
    } catch (err) {
      if (err instanceof UnknownBenchmarkError) fail(err.message);
      throw err;
    }
    return;
  }
  let against = values.against;
  if (values.compare && against === undefined) {
    against = process.env.NX_BASE;
    if (!against) fail('--compare takes the base revision from $NX_BASE, which is not set: pass --against=<ref> (e.g. main), or set NX_BASE (nrwl/nx-set-shas does in CI)');
  }
  // Ctrl-C: kill the running child, write nothing, and exit 130 (a prepared worktree stays reusable).
  const interrupt = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => interrupt.abort(sig));
  if (against !== undefined) {
    if (values.measure === 'instructions') fail('--against compares wall time; instruction counts repeat between runs, so compare two instructions.json files instead');
    const outcome = await runComparison({
      project: values.project,
      root,
      against,
      quick: values.quick,
      filter: values.filter ?? null,
      rounds,
      samples,
      out: values.out,
      benchArgs,
      signal: interrupt.signal,
    }).catch((err: unknown) => {
      // An abort during `git worktree add` or `npm ci` surfaces as their AbortError.
      if (interrupt.signal.aborted && !(err instanceof InterruptedError)) throw new InterruptedError(interrupt.signal.reason as NodeJS.Signals);
      throw err;
    });
    const r = outcome.results;
    process.stdout.write(`\n${renderComparison(r)}\n\n`);
    const counts = { ok: 0, failed: 0, skipped: 0 };
    for (const b of r.benchmarks) counts[b.status]++;
    process.stdout.write(`${r.benchmarks.length} benchmarks: ${counts.ok} ok, ${counts.failed} failed, ${counts.skipped} skipped in ${(r.durationMs / 1000).toFixed(1)} s\n`);
    process.stdout.write(`comparison: ${relative(process.cwd(), outcome.path)}  (verdict: npx bench-report compare --results ${relative(process.cwd(), outcome.path)})\n`);
    if (outcome.failed > 0) process.exitCode = 1;
    return;
  }
  const outcome = await runProject({
    project: values.project,
    root,
    quick: values.quick,
    filter: values.filter ?? null,
    rounds,
    samples,
    out: values.out,
    measure: values.measure,
    benchArgs,
    signal: interrupt.signal,
  }).catch((err: unknown) => {
    if (err instanceof ValgrindMissingError) fail(err.message);
    throw err;
  });
  const r = outcome.results;
  process.stdout.write(`\n${renderResults(r)}\n\n`);
  process.stdout.write(
    `timer: resolution ${formatNs(r.timer.resolutionNs)}, overhead ${formatNs(r.timer.overheadNs)}, empty function ${formatNs(r.timer.emptyFunctionNs)}\n`,
  );
  const counts = { ok: 0, failed: 0, skipped: 0 };
  for (const b of r.benchmarks) counts[b.status]++;
  process.stdout.write(
    `${r.benchmarks.length} benchmarks: ${counts.ok} ok, ${counts.failed} failed, ${counts.skipped} skipped in ${(r.durationMs / 1000).toFixed(1)} s\n`,
  );
  process.stdout.write(`results: ${relative(process.cwd(), outcome.path)}\n`);
  if (outcome.failed > 0) process.exitCode = 1;
}

main().catch((err) => {
  if (err instanceof InterruptedError) {
    process.stderr.write(`bench-kit: ${err.message}: stopped, no results written\n`);
    process.exit(130);
  }
  if (err instanceof AgainstError) {
    process.stderr.write(`bench-kit: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(`bench-kit: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(3);
});
