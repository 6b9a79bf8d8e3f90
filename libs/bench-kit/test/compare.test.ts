import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { AgainstError } from '../src/compare/errors.ts';
import { CACHE_DIR } from '../src/compare/worktree.ts';
import { workspacePackages } from '../src/compare/shadow-modules.ts';
import { runComparison } from '../src/runner/compare.ts';
import { FixtureRepo } from './support/fixture-repo.ts';

const quiet = () => new PassThrough().resume();
const repos: FixtureRepo[] = [];
afterAll(() => repos.forEach((r) => r.remove()));
function newRepo(): FixtureRepo {
  const repo = new FixtureRepo();
  repos.push(repo);
  return repo;
}
const CLI = resolve(import.meta.dirname, '../bin/bench-kit.ts');

/** base: VALUE 1 and a benchmark that the head removes; head: VALUE 2 and a new benchmark. */
function twoRevisions(): { repo: FixtureRepo; base: string } {
  const repo = newRepo();
  repo.setValue(1);
  repo.setBench(["  s.bench('removed', { fn: () => 1 });"]);
  const base = repo.commit('base');
  repo.setValue(2);
  repo.setBench(["  s.bench('added', { fn: () => 2 });"]);
  repo.commit('head');
  return { repo, base };
}

describe('--against: two revisions in the same processes', () => {
  it('runs the base revision’s own code of every workspace package, pairs shared ids and lists one-sided ones', async () => {
    const { repo, base } = twoRevisions();
    repo.write('pkgs/a/uncommitted.txt', 'counts as the head');
    const { results, path } = await runComparison({
      project: 'fx', root: join(repo.root, 'pkgs/a'), against: 'HEAD~1', quick: true, rounds: 2, progress: quiet(), seed: 1,
    });
    expect(path).toBe(join(repo.root, 'pkgs/a/bench-results/comparison.json'));
    expect(JSON.parse(readFileSync(path, 'utf8')).kind).toBe('comparison');
    expect(results.base).toMatchObject({ ref: 'HEAD~1', commit: base });
    expect(results.head).toMatchObject({ dirty: true, commit: repo.git('rev-parse', 'HEAD') });
    const byId = Object.fromEntries(results.benchmarks.map((b) => [b.id, b]));
    // fx-b is a workspace package: the base got ITS fx-b (VALUE 1), not the head's through node_modules.
    expect(byId['fx/value/b']).toMatchObject({ presence: 'both', status: 'ok', kind: 'custom' });
    expect(byId['fx/value/b'].base!.estimate!.point).toBe(1);
    expect(byId['fx/value/b'].head!.estimate!.point).toBe(2);
    // Custom benchmarks: one quad of whole measurements per process.
    expect(byId['fx/value/b'].rounds.map((r) => r.quadOrder.length)).toEqual([1, 1]);
    expect(byId['fx/value/b'].rounds[0].base).toEqual([1, 1]);
    const spin = byId['fx/value/spin'];
    expect(spin).toMatchObject({ presence: 'both', status: 'ok', kind: 'timed' });
    expect(spin.rounds).toHaveLength(2);
    // Processes alternate which side is set up and warmed up first.
    expect(new Set(spin.rounds.map((r) => r.firstSide))).toEqual(new Set(['base', 'head']));
    for (const r of spin.rounds) {
      expect(r.base).toHaveLength(2 * r.quadOrder.length);
      expect(r.head).toHaveLength(2 * r.quadOrder.length);
      expect(r.quadOrder.length).toBeGreaterThanOrEqual(2);
      for (const o of r.quadOrder) expect(['ABBA', 'BAAB']).toContain(o);
      // A synchronous loop: each paired value is the less of the sample's wall and CPU time, so
      // never above the wall time the side's own samples record (same order, same iterations).
      expect(r.clock).toBe('least');
    }
    const firstRoundWall = spin.base!.samples.slice(0, spin.rounds[0].base.length);
    spin.rounds[0].base.forEach((v, i) => expect(v).toBeLessThanOrEqual(firstRoundWall[i] * (1 + 1e-9)));
    expect(byId['fx/value/added']).toMatchObject({ presence: 'head-only', status: 'ok', rounds: [] });
    expect(byId['fx/value/added'].head).toBeDefined();
    expect(byId['fx/value/removed']).toMatchObject({ presence: 'base-only', status: 'ok', rounds: [] });
    expect(byId['fx/value/removed'].base).toBeDefined();
    // The worktree is kept for the next run, keyed by commit, with no lock left behind.
    const cache = join(repo.root, CACHE_DIR);
    expect(readdirSync(cache).sort()).toEqual([base]);
    // Its node_modules shares third-party packages and links workspace packages to its own folders.
    const worktree = join(cache, base);
    expect(workspacePackages(worktree).get('fx-b')).toBe(join(worktree, 'pkgs/b'));
    expect(readFileSync(join(worktree, 'node_modules/fx-b/index.ts'), 'utf8')).toContain('VALUE: number = 1');
  }, 300_000);

  it('refuses an unknown revision with exit code 2 and names it', async () => {
    const { repo } = twoRevisions();
    const err = await runComparison({ project: 'fx', root: join(repo.root, 'pkgs/a'), against: 'no-such-branch', quick: true, progress: quiet() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgainstError);
    expect((err as AgainstError).exitCode).toBe(2);
    expect((err as AgainstError).message).toMatch(/--against no-such-branch: git knows no such revision .*branches: main/);
  });

  it('refuses a base whose bench file fails to import, naming the revision and the file (exit 5)', async () => {
    const repo = newRepo();
    repo.setValue(1);
    repo.write('pkgs/a/bench/value.bench.ts', "import { missing } from 'fx-b';\nthrow new Error('broken at import ' + missing);\n");
    repo.commit('broken base');
    repo.setBench();
    repo.commit('fixed head');
    const err = await runComparison({ project: 'fx', root: join(repo.root, 'pkgs/a'), against: 'HEAD~1', quick: true, rounds: 1, progress: quiet() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgainstError);
    expect((err as AgainstError).exitCode).toBe(5);
    expect((err as AgainstError).message).toMatch(/base revision HEAD~1 \([0-9a-f]{10}\) cannot be benchmarked: pkgs\/a\/bench\/value\.bench\.ts failed to import/);
    expect(existsSync(join(repo.root, 'pkgs/a/bench-results/comparison.json'))).toBe(false);
  }, 120_000);

  it('refuses a base that does not type-check (exit 5) and says where the full output is', async () => {
    const repo = newRepo();
    repo.setValue(1);
    repo.setBench();
    repo.write('pkgs/a/tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, noEmit: true, allowImportingTsExtensions: true, module: 'NodeNext', moduleResolution: 'NodeNext', types: [] }, include: ['src/**/*.ts'] }));
    repo.write('pkgs/a/src/wrong.ts', 'export const n: number = "not a number";\n');
    repo.commit('base with a type error');
    repo.write('pkgs/a/src/wrong.ts', 'export const n: number = 1;\n');
    repo.commit('head');
    const err = await runComparison({ project: 'fx', root: join(repo.root, 'pkgs/a'), against: 'HEAD~1', quick: true, rounds: 1, progress: quiet() }).catch((e: unknown) => e);
    expect((err as AgainstError).exitCode).toBe(5);
    expect((err as AgainstError).message).toMatch(/does not type-check \(1 error\(s\) in pkgs\/a\); first:\n.*wrong\.ts.*TS2322/);
    expect(existsSync((err as AgainstError).logFile!)).toBe(true);
  }, 120_000);

  it('type-checks a base that uses TypeScript project references in build mode, references first', async () => {
    const repo = newRepo();
    repo.setValue(1);
    repo.setBench();
    const compilerOptions = { strict: true, composite: true, emitDeclarationOnly: true, outDir: 'out-tsc', allowImportingTsExtensions: true, module: 'NodeNext', moduleResolution: 'NodeNext', types: [] };
    repo.write('pkgs/b/tsconfig.json', JSON.stringify({ compilerOptions, include: ['index.ts'] }));
    // fx-a uses fx-b through its declarations: `tsc -p --noEmit` finds none (TS6305) until fx-b is built.
    repo.write('pkgs/a/tsconfig.json', JSON.stringify({ compilerOptions, include: ['src/**/*.ts'], references: [{ path: '../b' }] }));
    repo.write('pkgs/a/src/use.ts', "import { VALUE } from 'fx-b';\nexport const doubled: number = VALUE * 2;\n");
    repo.commit('base with project references');
    repo.setValue(2);
    repo.commit('head');
    const { results } = await runComparison({ project: 'fx', root: join(repo.root, 'pkgs/a'), against: 'HEAD~1', quick: true, rounds: 1, progress: quiet() });
    expect(results.benchmarks.find((b) => b.id === 'fx/value/b')).toMatchObject({ presence: 'both', status: 'ok' });
  }, 300_000);

  it('reports a failed npm ci in the worktree (exit 4) and leaves no ready worktree behind', async () => {
    const repo = newRepo();
    repo.setValue(1);
    repo.setBench();
    repo.write('package-lock.json', '{ this is not json');
    repo.commit('base with a broken lock file');
    repo.write('package-lock.json', JSON.stringify({ name: 'fixture-root', lockfileVersion: 3, requires: true, packages: {} }));
    repo.commit('head');
    const lines: string[] = [];
    const progress = new PassThrough();
    progress.on('data', (c: Buffer) => lines.push(c.toString()));
    const err = await runComparison({ project: 'fx', root: join(repo.root, 'pkgs/a'), against: 'HEAD~1', quick: true, rounds: 1, progress }).catch((e: unknown) => e);
    expect((err as AgainstError).exitCode).toBe(4);
    expect((err as AgainstError).message).toMatch(/npm ci failed in the worktree of HEAD~1 \([0-9a-f]{10}\).*see .*npm-ci\.log/);
    expect(lines.join('')).toMatch(/package-lock.json differs from the head's: npm ci in the worktree/);
    const base = repo.git('rev-parse', 'HEAD~1');
    expect(existsSync(join(repo.root, CACHE_DIR, base, '.workflow-bench-ready.json'))).toBe(false);
  }, 300_000);

  it('stops on Ctrl-C with exit 130, writes no comparison, and keeps the worktree reusable', async () => {
    const { repo, base } = twoRevisions();
    repo.setBench(["  s.bench('slow', { kind: 'custom', measure: async () => { await new Promise((r) => setTimeout(r, 60_000)); return { unit: 'ns', samples: [1] }; } });"]);
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'run', '--project', 'fx', '--root', join(repo.root, 'pkgs/a'), '--quick', '--against', 'HEAD~1', '--rounds', '1'], {
      cwd: resolve(import.meta.dirname, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (stderr.includes('fx/value/slow') && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted by SIGINT: stopped, no results written/);
    expect(existsSync(join(repo.root, 'pkgs/a/bench-results/comparison.json'))).toBe(false);
    expect(existsSync(join(repo.root, CACHE_DIR, base, '.workflow-bench-ready.json'))).toBe(true);
  }, 300_000);
});
