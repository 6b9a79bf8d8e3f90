#!/usr/bin/env -S node --import tsx
/**
 * The Nx `bench` target's command. It runs bench-kit with the target's arguments and, after a
 * comparison (`--against <ref>` or `--compare`), bench-report's paired verdict on the comparison
 * file, so `npx nx bench core -c quick --against=HEAD~1` ends with the verdict table and its exit
 * code. bench-kit (a lib) never calls bench-report (an app); this tool sits above both.
 *
 * Exit code: bench-kit's when it did not finish a comparison (see its --help); otherwise 1 when a
 * benchmark failed or the verdict found a regression, else the verdict's (0 pass, 2 bad input).
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchReportBin } from '../src/bench-all/workspace-tools.ts';
import { comparisonFileOf } from '../src/bench-command.ts';

const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../..');
const BENCH_KIT = join(WORKSPACE_ROOT, 'libs', 'bench-kit', 'bin', 'bench-kit.ts');

function run(args: string[], extraNodeFlags: string[] = []): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [...extraNodeFlags, '--import', 'tsx', ...args], { stdio: 'inherit' });
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 3)));
  });
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
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
