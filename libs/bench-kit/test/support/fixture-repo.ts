import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const BENCH_KIT = resolve(import.meta.dirname, '../..');
const WORKSPACE_MODULES = resolve(BENCH_KIT, '../../node_modules');

/**
 * A throwaway git repository shaped like this workspace: npm workspaces `pkgs/*` with a benched
 * package `fx-a` that imports another workspace package `fx-b`, and a node_modules whose workspace
 * links point at the repo's own packages (as npm would make them) while bench-kit, tsx and
 * TypeScript come from this workspace.
 */
export class FixtureRepo {
  readonly root = realpathSync(mkdtempSync(join(tmpdir(), 'bench-kit-against-')));

  constructor() {
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.email', 'fixture@example.invalid');
    this.git('config', 'user.name', 'fixture');
    this.write('package.json', JSON.stringify({ name: 'fixture-root', private: true, type: 'module', workspaces: ['pkgs/*'] }));
    this.write('package-lock.json', JSON.stringify({ name: 'fixture-root', lockfileVersion: 3, requires: true, packages: {} }));
    this.write('.gitignore', 'node_modules/\n.bench-cache/\nbench-results/\n');
    this.write('pkgs/b/package.json', JSON.stringify({ name: 'fx-b', type: 'module', exports: './index.ts' }));
    this.write('pkgs/a/package.json', JSON.stringify({ name: 'fx-a', type: 'module' }));
    const modules = join(this.root, 'node_modules');
    mkdirSync(join(modules, '@workflow-bench'), { recursive: true });
    symlinkSync(BENCH_KIT, join(modules, '@workflow-bench', 'bench-kit'));
    for (const pkg of ['tsx', 'typescript', 'systeminformation']) symlinkSync(join(WORKSPACE_MODULES, pkg), join(modules, pkg));
    symlinkSync('../pkgs/b', join(modules, 'fx-b'));
    symlinkSync('../pkgs/a', join(modules, 'fx-a'));
  }

  /** Removes the repository and everything in it (its worktrees live inside it). */
  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
  }

  write(path: string, text: string): void {
    const file = join(this.root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }

  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** `fx-b` exports VALUE; the bench file reports it, so a result says whose code ran. */
  setValue(value: number): void {
    this.write('pkgs/b/index.ts', `export const VALUE: number = ${value};\nexport function spin(n: number): number { let x = 0; for (let i = 0; i < n; i++) x = (x + i * 7) % 1009; return x; }\n`);
  }

  /** The benched package's bench file with the given extra benchmarks (TypeScript source lines). */
  setBench(extra: string[] = []): void {
    this.write(
      'pkgs/a/bench/value.bench.ts',
      [
        "import { defineSuite } from '@workflow-bench/bench-kit';",
        "import { VALUE, spin } from 'fx-b';",
        "export default defineSuite('value', (s) => {",
        "  s.bench('b', { kind: 'custom', measure: () => ({ unit: 'ratio', samples: [VALUE, VALUE, VALUE], lowerIsBetter: false }) });",
        "  s.bench('spin', { fn: () => spin(2000) });",
        ...extra,
        '});',
        '',
      ].join('\n'),
    );
  }
}
