import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { collectEnvironment, formatBytes, type ResultsFile } from '@workflow-bench/bench-kit';
import type { BenchAllOptions } from './options.ts';
import { formatElapsed } from './elapsed.ts';
import { describeExpectedTotals, expectedTotal } from './expected-totals.ts';
import { benchedProjects } from '../benched-projects.ts';
import { runCaptured, runStreamed } from './run-streamed.ts';
import { selectProjects } from './select-projects.ts';
import { BENCH_ALL_EXIT, describeVerdict, verdictOf, type StepStatuses } from './verdict.ts';
import { benchReportBin, filesWrittenSince, MissingToolError, nxBin, profileBin } from './workspace-tools.ts';

export interface BenchAllIo {
  workspaceRoot: string;
  write: (text: string) => void;
}

interface StepTiming {
  name: string;
  ms: number;
  status: string;
}

/**
 * The `bench-results/latest.json` files this run wrote: fresh, and of a selected project (other
 * people's runs on the same checkout may write theirs meanwhile).
 */
function resultFilesOf(workspaceRoot: string, projects: readonly string[], since: number): string[] {
  const files: string[] = [];
  for (const area of ['libs', 'apps', 'tools']) {
    const dir = join(workspaceRoot, area);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const file = join(dir, name, 'bench-results', 'latest.json');
      if (!existsSync(file) || statSync(file).mtimeMs < since - 1000) continue;
      try {
        const { project } = JSON.parse(readFileSync(file, 'utf8')) as Pick<ResultsFile, 'project'>;
        if (projects.includes(project)) files.push(relative(workspaceRoot, file));
      } catch {
        // Being rewritten or malformed: bench-report names it if it matters.
      }
    }
  }
  return files.sort();
}

/**
 * `npm run bench:all`: hardware → typecheck → benches (one project at a time through Nx) →
 * optional profiling → report with regression detection → verdict. Returns the exit code.
 */
export async function runBenchAll(options: BenchAllOptions, io: BenchAllIo): Promise<number> {
  const { workspaceRoot: root, write } = io;
  const startedAt = Date.now();
  const timings: StepTiming[] = [];
  const stamp = () => `[${formatElapsed(Date.now() - startedAt)}]`;
  const heading = (n: number, total: number, title: string) => write(`\n${stamp()} ── step ${n}/${total}: ${title}\n`);
  const total = options.profiling ? 6 : 5;
  const nx = nxBin(root);
  const nxEnv: NodeJS.ProcessEnv = { ...process.env, NX_TUI: 'false' };

  // 1. Hardware: printed first so a log always says what machine the numbers came from.
  heading(1, total, 'hardware');
  let t = Date.now();
  const env = await collectEnvironment(root);
  write(
    [
      `  CPU      ${env.cpuModel} (${env.cpuCores} logical, ${env.cpuPhysicalCores} physical${env.cpuSpeedGHz ? `, ${env.cpuSpeedGHz} GHz` : ''})`,
      `  memory   ${formatBytes(env.memoryBytes)}`,
      `  GPU      ${env.gpus.length ? env.gpus.map((g) => `${g.vendor} ${g.model}${g.vramMiB ? ` ${g.vramMiB} MiB` : ''}`).join('; ') : 'none'}`,
      `  system   ${env.os}, kernel ${env.kernel}, ${env.arch}, Node ${env.nodeVersion}`,
      `  source   ${env.gitSha ? env.gitSha.slice(0, 12) : 'not a git checkout'}${env.gitDirty ? ' (uncommitted changes)' : ''}`,
      `  machine fingerprint ${env.hardwareFingerprint}`,
      '',
    ].join('\n'),
  );
  timings.push({ name: 'hardware', ms: Date.now() - t, status: 'ok' });

  // 2. What to bench: the projects Nx knows a bench target for (inferred from bench/*.bench.ts).
  heading(2, total, 'select projects');
  t = Date.now();
  const available = JSON.parse(await runCaptured(nx, ['show', 'projects', '--with-target', 'bench', '--json'], root, nxEnv)) as string[];
  const { selected, missing } = selectProjects(options.projects, available);
  for (const m of missing) write(`  ${m}: no bench target (no bench/*.bench.ts yet), skipped\n`);
  if (selected.length === 0) {
    write(`  nothing to bench (projects with benchmarks: ${available.join(', ') || 'none'})\n`);
    return BENCH_ALL_EXIT.badInput;
  }
  write(`  benching ${selected.join(', ')}${options.quick ? ' (quick)' : ''}, one at a time\n`);
  // Expected time per project, from each one's last recorded run with the same plan.
  const roots = new Map(benchedProjects(root).map((p) => [p.name, p.root]));
  const totals = selected.map((name) => (roots.has(name) ? expectedTotal(root, { name, root: roots.get(name)! }, options.quick) : { project: name, ms: null, source: 'folder not found' }));
  write(`${describeExpectedTotals(totals).join('\n')}\n`);
  timings.push({ name: 'select', ms: Date.now() - t, status: 'ok' });

  // 3. Build: there is no emit step (code runs through tsx), so the typecheck is the build gate.
  heading(3, total, 'build (typecheck)');
  t = Date.now();
  if (options.skipBuild) {
    write('  skipped (--skip-build)\n');
    timings.push({ name: 'build', ms: 0, status: 'skipped' });
  } else {
    const status = await runStreamed({
      command: nx,
      args: ['run-many', '-t', 'typecheck', '-p', selected.join(','), '--outputStyle=stream'],
      cwd: root,
      env: nxEnv,
      startedAt,
      write,
    });
    timings.push({ name: 'build', ms: Date.now() - t, status: status === 0 ? 'ok' : `failed (${status})` });
    if (status !== 0) {
      write(`\n${stamp()} build failed: fix the type errors above first\n`);
      return BENCH_ALL_EXIT.internal;
    }
  }

  // 4. Benches: parallel 1 because concurrent benchmarks disturb each other's timings.
  heading(4, total, `benchmarks${options.quick ? ' (quick)' : ''}`);
  t = Date.now();
  const benchStarted = Date.now();
  const benchStatus = await runStreamed({
    command: nx,
    args: ['run-many', '-t', 'bench', '-p', selected.join(','), '--parallel=1', '--outputStyle=stream', ...(options.quick ? ['-c', 'quick'] : [])],
    cwd: root,
    // Production mode for libraries that check it (logging, validation shortcuts), like a release build.
    env: { ...nxEnv, NODE_ENV: process.env.NODE_ENV ?? 'production' },
    startedAt,
    write,
  });
  timings.push({ name: 'benchmarks', ms: Date.now() - t, status: benchStatus === 0 ? 'ok' : `failed (${benchStatus})` });
  const results = resultFilesOf(root, selected, benchStarted);

  // 5. Optional profiling of one representative benchmark per lib.
  let step = 5;
  if (options.profiling) {
    heading(step++, total, 'profiling');
    t = Date.now();
    const profiler = profileBin(root);
    let status = 'ok';
    if (!profiler) {
      write('  skipped: libs/profiling/bin/profile.ts not found\n');
      status = 'skipped';
    } else {
      for (const file of results) {
        const parsed = JSON.parse(readFileSync(join(root, file), 'utf8')) as ResultsFile;
        if (!parsed.benchmarks.some((b) => b.status === 'ok')) {
          write(`  ${parsed.project}: no benchmark ran ok, nothing to profile\n`);
          continue;
        }
        // No --bench: the profiling CLI picks the lib's representative benchmark from the results
        // just written (libs/profiling/src/representative.ts, the one home of that choice) and says which.
        write(`${stamp()} profiling ${parsed.project}\n`);
        const code = await runStreamed({
          command: process.execPath,
          args: ['--import', 'tsx', profiler, 'all', '--lib', parsed.project, ...(options.quick ? ['--quick'] : [])],
          cwd: root,
          startedAt,
          write,
        });
        if (code !== 0) status = `failed (${parsed.project}: ${code})`;
      }
    }
    timings.push({ name: 'profiling', ms: Date.now() - t, status });
  }

  // 6. Report and verdict, against the baseline bench-report picks for this machine.
  heading(step, total, 'report and regression check');
  t = Date.now();
  const reportStarted = Date.now();
  let reportStatus: number | null | undefined;
  try {
    const bin = benchReportBin(root);
    reportStatus = await runStreamed({
      command: process.execPath,
      // Only this run's results: a lib benched last week (or by someone else) must not decide today's verdict.
      args: ['--import', 'tsx', bin, 'report', '--detect-regressions', ...results.flatMap((f) => ['--results', f]), ...options.reportArgs],
      cwd: root,
      startedAt,
      write,
    });
  } catch (err) {
    if (!(err instanceof MissingToolError)) throw err;
    write(`  cannot report: ${err.message}\n`);
  }
  timings.push({ name: 'report', ms: Date.now() - t, status: reportStatus === 0 ? 'ok' : reportStatus === undefined ? 'not run' : `exit ${reportStatus}` });

  const statuses: StepStatuses = { bench: benchStatus, report: reportStatus };
  const verdict = verdictOf(statuses);
  const reports = filesWrittenSince(join(root, 'reports'), reportStarted, root);
  write(`\n${stamp()} ── summary\n`);
  for (const s of timings) write(`  ${s.name.padEnd(12)} ${formatElapsed(s.ms).padStart(8)}  ${s.status}\n`);
  write(`  results:  ${results.length ? results.join('\n            ') : 'none written'}\n`);
  write(`  reports:  ${reports.length ? reports.join('\n            ') : 'none written'}\n`);
  write(`\n  ${describeVerdict(verdict, statuses)}  (total ${formatElapsed(Date.now() - startedAt)})\n`);
  return BENCH_ALL_EXIT[verdict];
}
