import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsFile } from '@workflow-bench/bench-kit';
import { makeWorkspaceCopy, type WorkspaceCopy } from './support/workspace-copy.ts';

/**
 * The Nx side as a new user meets it, in a throwaway git copy of the workspace: affected
 * detection across commits, and a generated lib picked up with no further edits.
 */
let ws: WorkspaceCopy;
/**
 * Each Nx call in a fresh copy builds the project graph from scratch: seconds on an idle machine,
 * minutes on a saturated one. Generous limits, never timing assertions.
 */
const SLOW = 600_000;
const BENCHED = ['core', 'ipc', 'database', 'load', 'integration', 'ai'];

beforeAll(() => {
  ws = makeWorkspaceCopy();
  // Libs that have no committed bench file yet get an inert one, so the copy's graph has the bench
  // target wherever the suite will have one (it is never run here).
  for (const lib of BENCHED) {
    const bench = join(ws.dir, 'libs', lib, 'bench');
    if (existsSync(bench) && readdirSync(bench).some((f) => f.endsWith('.bench.ts'))) continue;
    mkdirSync(bench, { recursive: true });
    writeFileSync(join(bench, 'inert.bench.ts'), 'export default {};\n');
  }
  ws.git('add', '-A');
  ws.git('commit', '--quiet', '--allow-empty', '-m', 'bench files everywhere');
}, SLOW);
afterAll(() => ws?.remove());

function projects(...args: string[]): string[] {
  const r = ws.nx('show', 'projects', '--json', ...args);
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as string[]).sort();
}

describe('nx affected -t bench', () => {
  it('after a change in core, benches core and its dependants, not ai', () => {
    const base = ws.git('rev-parse', 'HEAD');
    const src = join(ws.dir, 'libs/core/src');
    const file = readdirSync(src, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.ts'));
    expect(file, 'a TypeScript file in libs/core/src').toBeDefined();
    appendFileSync(join(src, file!), '\n// touched by the affected test\n');
    ws.git('commit', '--quiet', '-am', 'touch core');
    const head = ws.git('rev-parse', 'HEAD');

    const benched = projects('--affected', '-t', 'bench', `--base=${base}`, `--head=${head}`);
    expect(benched).toEqual(['core', 'database', 'integration', 'ipc', 'load']);
  }, SLOW);
});

describe('nx g @workflow-bench/nx-bench:bench-lib', () => {
  it('makes a lib that the next run-many benches, tests and typechecks with no further edits', () => {
    const g = ws.nx('g', '@workflow-bench/nx-bench:bench-lib', 'demo', '--no-interactive');
    expect(g.status, g.stdout + g.stderr).toBe(0);
    expect(g.stdout).toContain('CREATE libs/demo/bench/example.bench.ts');
    expect(JSON.parse(readFileSync(join(ws.dir, 'tsconfig.json'), 'utf8')).references).toContainEqual({ path: './libs/demo' });

    const run = ws.nx('run-many', '-t', 'typecheck,test,bench', '-p', 'demo', '-c', 'quick', '--parallel=1', '--exclude-task-dependencies', '--outputStyle=stream');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(ws.dir, 'libs/demo/bench-results/latest.json'), 'utf8')) as ResultsFile;
    expect(results.project).toBe('demo');
    expect(results.mode).toBe('quick');
    expect(results.benchmarks.map((b) => `${b.id}:${b.status}`).sort()).toEqual(['demo/count-words/large:ok', 'demo/count-words/small:ok']);
  }, SLOW);
});
