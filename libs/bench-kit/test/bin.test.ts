import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const PACKAGE = resolve(import.meta.dirname, '..');
const WORKSPACE = resolve(PACKAGE, '../..');

describe('npx bench-kit (issue 15: a bin, like bench-report)', () => {
  const pkg = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { bin?: Record<string, string> };

  it('is declared as the package\'s bin and recorded in the lock file, so npm ci links it', () => {
    expect(pkg.bin?.['bench-kit']).toBeDefined();
    const lock = JSON.parse(readFileSync(join(WORKSPACE, 'package-lock.json'), 'utf8')) as { packages: Record<string, { bin?: Record<string, string> }> };
    expect(lock.packages['libs/bench-kit']?.bin).toEqual({ 'bench-kit': pkg.bin!['bench-kit'].replace(/^\.\//, '') });
  });

  it('runs with plain node (it registers tsx itself): --help exits 0 with the usage', () => {
    const bin = join(PACKAGE, pkg.bin!['bench-kit']);
    accessSync(bin, constants.X_OK);
    const out = execFileSync(process.execPath, [bin, '--help'], { cwd: WORKSPACE, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(out).toContain('bench-kit run --project <name> --root <dir>');
  });
});
