#!/usr/bin/env -S node --import tsx
/**
 * bench-kit CLI. The Nx `bench` target calls `bench-kit run --project <name> --root <projectRoot>`.
 * Exit codes: 0 all benchmarks ok or skipped; 1 at least one failed; 2 bad usage (an unknown
 * --against revision included); 3 internal error; 4 the --against revision could not be prepared
 * (worktree, npm ci); 5 its code does not type-check or a bench file fails to import; 130
 * interrupted (Ctrl-C).
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { runProject, discoverBenchFiles, ValgrindMissingError } from '../src/runner/run.ts';
import { painterFor } from '../src/report/colour.ts';
import { renderRunMarkdown } from '../src/report/markdown.ts';
import { renderRunSummary } from '../src/report/run-summary.ts';
import { writeFileAtomic, writeJsonAtomic } from '../src/results/write.ts';
import { listBenchmarks, runWorkload, UnknownBenchmarkError } from '../src/runner/workload.ts';
import { compileFilter } from '../src/runner/filter.ts';
import { runComparison } from '../src/runner/compare.ts';
import { InterruptedError } from '../src/runner/child-process.ts';
import { AgainstError } from '../src/compare/errors.ts';
import { renderComparison } from '../src/report/comparison-table.ts';
import { checkOptionsApply, parseArguments, resolveForeignOptions, UsageError, type ParsedArguments } from '../src/cli/arguments.ts';
import { declaredOptionsOf } from '../src/cli/declared-options.ts';
import { renderHelp, USAGE } from '../src/cli/help.ts';
import { runSelfcheck } from '../src/selfcheck/load-command.ts';

function fail(message: string): never {
  process.stderr.write(`bench-kit: ${message}\n\n${USAGE}\nbench-kit --help lists every option.\n`);
  process.exit(2);
}

// `bench-kit list ... | head`: a reader that stops early is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

async function main(): Promise<void> {
  // `bench-kit selfcheck [--processes N]`: the harness against a plain loop, mitata and tinybench.
  if (process.argv[2] === 'selfcheck') return runSelfcheck(process.argv.slice(3), fail);
  let parsed: ParsedArguments;
  try {
    parsed = parseArguments(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) fail(err.message);
    throw err;
  }
  const values = parsed.values as {
    project?: string; root?: string; quick?: boolean; filter?: string; rounds?: string; samples?: string;
    measure?: string; out?: string; id?: string; seconds?: string; against?: string; compare?: boolean; help?: boolean;
    json?: string; markdown?: string;
  };
  const root = values.root === undefined ? undefined : resolve(values.root);
  if (root !== undefined && !existsSync(root)) fail(`--root ${values.root}: no such folder`);
  // The options the project's suites declare: the only ones besides bench-kit's own that are accepted.
  const declarations = values.project && root ? await declaredOptionsOf(values.project, root).catch((err: unknown) => (err instanceof UsageError ? fail(err.message) : Promise.reject(err))) : undefined;
  if (values.help) {
    process.stdout.write(renderHelp(declarations && values.project ? [{ project: values.project, ...declarations }] : []));
    return;
  }
  let benchArgs: string[];
  try {
    checkOptionsApply(parsed);
    benchArgs = resolveForeignOptions(parsed, declarations?.options ?? new Map(), { ...(values.project ? { project: values.project } : {}), ...(declarations ? { loadErrors: declarations.loadErrors } : {}) });
  } catch (err) {
    if (err instanceof UsageError) fail(err.message);
    throw err;
  }
  const command = parsed.command;
  if (!values.project) fail('--project is required');
  if (!root) fail('--root is required');
  const int = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive whole number, got ${JSON.stringify(v)}`);
    return n;
  };
  const rounds = int('rounds', values.rounds);
  const samples = int('samples', values.samples);
  if (samples !== undefined && samples < 2) fail('--samples must be at least 2');
  const measure = values.measure ?? 'time';
  if (measure !== 'time' && measure !== 'instructions') {
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
    const seconds = Number(values.seconds ?? '5');
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
    if (measure === 'instructions') fail('--against compares wall time; instruction counts repeat between runs, so compare two instructions.json files instead');
    if (values.markdown) fail('--markdown exports a plain run; for a comparison, bench-report compare --results <comparison.json> gives the verdict table');
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
    if (values.json) await writeJsonAtomic(resolve(values.json), r);
    process.stdout.write(`\n${renderComparison(r)}\n\n`);
    const counts = { ok: 0, failed: 0, skipped: 0 };
    for (const b of r.benchmarks) counts[b.status]++;
    process.stdout.write(`${r.benchmarks.length} benchmarks: ${counts.ok} ok, ${counts.failed} failed, ${counts.skipped} skipped in ${(r.durationMs / 1000).toFixed(1)} s\n`);
    process.stdout.write(`comparison: ${relative(process.cwd(), outcome.path)}  (verdict: npx bench-report compare --results ${relative(process.cwd(), outcome.path)})\n`);
    if (values.json) process.stdout.write(`exported: ${values.json}\n`);
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
    measure,
    benchArgs,
    signal: interrupt.signal,
  }).catch((err: unknown) => {
    if (err instanceof ValgrindMissingError) fail(err.message);
    throw err;
  });
  const r = outcome.results;
  const shown = (p: string) => {
    const rel = relative(process.cwd(), p);
    return rel && !rel.startsWith('..') ? rel : p;
  };
  const exports: string[] = [];
  // Exports of this one run, like hyperfine's --export-json / --export-markdown: written atomically.
  if (values.json) {
    await writeJsonAtomic(resolve(values.json), r);
    exports.push(shown(resolve(values.json)));
  }
  if (values.markdown) {
    await writeFileAtomic(resolve(values.markdown), renderRunMarkdown(r, outcome.relative));
    exports.push(shown(resolve(values.markdown)));
  }
  process.stdout.write(renderRunSummary(r, { relative: outcome.relative, paint: painterFor(process.stdout), resultsPath: shown(outcome.path), exports }));
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
