import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgainstError } from './errors.ts';

/**
 * Type-checks the base revision's project (its tsconfig covers its sources, benches and tests, and
 * tsc follows imports into the packages it uses) with the base's own TypeScript. The bench files run
 * through tsx, which strips types without checking them, so without this a base with type errors
 * would be measured as if it were fine. A success is remembered per project in the worktree.
 */
export async function typecheckBase(options: {
  baseRoot: string;
  projectDir: string;
  ref: string;
  progress: (line: string) => void;
  signal?: AbortSignal;
}): Promise<void> {
  const { baseRoot, projectDir, ref, progress, signal } = options;
  const tsconfig = join(baseRoot, projectDir, 'tsconfig.json');
  const marker = join(baseRoot, `.workflow-bench-typecheck-${projectDir.replace(/[^A-Za-z0-9]+/g, '_')}`);
  if (!existsSync(tsconfig) || existsSync(marker)) return;
  const tsc = join(baseRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) throw new AgainstError('prepare', `the base revision ${ref} has no TypeScript installed (${tsc} is missing)`);
  progress(`type-checking ${projectDir} at ${ref}…`);
  // A tsconfig with project references (the @nx/js/typescript setup) is checked in build mode, which
  // first writes the declarations of the projects it references; `-p --noEmit` would not find them.
  const args = hasProjectReferences(tsconfig) ? ['--build', tsconfig, '--pretty', 'false'] : ['-p', tsconfig, '--noEmit', '--pretty', 'false'];
  const output = await new Promise<{ code: number; text: string }>((resolve, reject) => {
    execFile(process.execPath, [tsc, ...args], { cwd: baseRoot, maxBuffer: 16 * 2 ** 20, ...(signal ? { signal } : {}) }, (err, stdout, stderr) => {
      if (err && signal?.aborted) reject(err);
      else resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, text: `${stdout}${stderr}` });
    });
  });
  if (output.code !== 0) {
    const logFile = `${baseRoot}.tsc-${projectDir.replace(/[^A-Za-z0-9]+/g, '_')}.log`;
    writeFileSync(logFile, output.text);
    const errors = output.text.split('\n').filter((l) => /error TS\d+/.test(l));
    throw new AgainstError(
      'base-code',
      `the base revision ${ref} does not type-check (${errors.length} error(s) in ${projectDir}); first:\n  ${errors.slice(0, 5).join('\n  ')}\nfull output: ${logFile}`,
      logFile,
    );
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
}

/** Whether a tsconfig lists `references` (tsconfig files may hold comments, so no JSON.parse). */
function hasProjectReferences(tsconfig: string): boolean {
  return /"references"\s*:\s*\[\s*\{/.test(readFileSync(tsconfig, 'utf8'));
}
