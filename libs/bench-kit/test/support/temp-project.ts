import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const BENCH_KIT = resolve(import.meta.dirname, '../..');
export const BENCH_KIT_BIN = join(BENCH_KIT, 'bin', 'bench-kit.ts');
/** bench-kit's entry, for bench files written into a temp folder (outside the workspace). */
export const BENCH_KIT_ENTRY = JSON.stringify(join(BENCH_KIT, 'src', 'index.ts'));

/** A throwaway project folder: `files` maps paths under it to contents (bench/*.bench.ts, …). */
export function tempProject(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'bench-kit-project-')));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bench-kit CLI the way the Nx target does (node --import tsx), colour off. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', BENCH_KIT_BIN, ...args],
      { cwd: BENCH_KIT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env }, timeout: 120_000 },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
