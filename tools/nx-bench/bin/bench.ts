#!/usr/bin/env -S node --import tsx
/**
 * The Nx `bench` target's command (started through bin/nx-bench.mjs). It runs bench-kit with the
 * target's arguments and, after a comparison (`--against <ref>` or `--compare`), bench-report's
 * paired verdict on the comparison file, so `npx nx bench core -c quick --against=HEAD~1` ends with
 * the verdict table and its exit code. bench-kit (a lib) never calls bench-report (an app); this
 * tool sits above both.
 *
 * `--help` (which `npx nx bench core --help` ends up running) prints bench-kit's options and the
 * options each project's benchmarks declare.
 *
 * Exit code: bench-kit's when it did not finish a comparison (see its --help); otherwise 1 when a
 * benchmark failed or the verdict found a regression, else the verdict's (0 pass, 2 bad input).
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { declaredOptionsOf, renderHelp, type DeclaredSection } from '@workflow-bench/bench-kit';
import { benchReportBin } from '../src/bench-all/workspace-tools.ts';
import { comparisonFileOf, helpRequest } from '../src/bench-command.ts';
import { benchedProjects, projectNameOf } from '../src/benched-projects.ts';

const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../..');
const BENCH_KIT = join(WORKSPACE_ROOT, 'libs', 'bench-kit', 'bin', 'bench-kit.ts');

/**
 * Nx sets FORCE_COLOR=true for every task whether or not its output is a terminal, so a run
 * piped to a file would come out coloured. That exact value under Nx is Nx's, not the user's: drop
 * it and let bench-kit decide from the terminal (a user who wants colour in a pipe sets FORCE_COLOR=1).
 */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (env.NX_TASK_TARGET_PROJECT && env.FORCE_COLOR === 'true') delete env.FORCE_COLOR;
  return env;
}

function run(args: string[], extraNodeFlags: string[] = []): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [...extraNodeFlags, '--import', 'tsx', ...args], { stdio: 'inherit', env: childEnv() });
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 3)));
  });
}

const TITLE = `npx nx bench <project> [options] — the project's benchmarks through bench-kit
(after --against/--compare, bench-report's paired verdict follows; exit 1 on a regression)`;

/** The help for one project (its root given) or, as Nx asks it (no arguments), for every benched project. */
async function printHelp(root: string | undefined, project: string | undefined): Promise<void> {
  const projects = root ? [{ root, name: project ?? projectNameOf(WORKSPACE_ROOT, root) }] : benchedProjects(WORKSPACE_ROOT);
  const sections: DeclaredSection[] = [];
  for (const p of projects) sections.push({ project: p.name, ...(await declaredOptionsOf(p.name, resolve(WORKSPACE_ROOT, p.root))) });
  process.stdout.write(`${renderHelp(sections, TITLE)}\nConfigurations: -c quick (--quick), -c instructions (--measure instructions), -c compare (--quick --compare).\n`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const help = helpRequest(args);
  if (help) {
    await printHelp(help.root, help.project);
    return 0;
  }
  // Ctrl-C reaches bench-kit too (same process group): wait for it to stop cleanly and pass on its 130.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => undefined);
  const file = comparisonFileOf(args);
  const started = Date.now();
  const benchExit = await run([BENCH_KIT, 'run', ...args], ['--expose-gc']);
  if (file === null || (benchExit !== 0 && benchExit !== 1)) return benchExit;
  if (!existsSync(file)) return benchExit;
  // A comparison file from an earlier run is not this run's result.
  if (statSync(file).mtimeMs < started - 1000) return benchExit;
  process.stdout.write('\n== paired verdict (bench-report compare) ==\n');
  const verdictExit = await run([benchReportBin(WORKSPACE_ROOT), 'compare', '--results', file]);
  return benchExit === 1 && verdictExit === 0 ? 1 : verdictExit;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`nx-bench: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(3);
  },
);
