import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchmarkResult } from '@workflow-bench/bench-kit';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { representativeBenchmark, representativeFromResults } from '../src/representative.ts';
import { tempOut, workspaceRoot } from './helpers.ts';

const b = (id: string, status: BenchmarkResult['status'], point?: number, measure: BenchmarkResult['measure'] = 'time') =>
  ({ id, status, measure, estimate: point === undefined ? undefined : { point, lower: point, upper: point, statistic: 'mean', confidence: 0.95 } }) as BenchmarkResult;

describe('the representative benchmark (one home for bench:all --profiling and profile without --bench)', () => {
  it('prefers the named hot path when it ran ok', () => {
    expect(representativeFromResults({ project: 'core', benchmarks: [b('core/hash/1KiB', 'ok', 9e6), b('core/pii-detect/large', 'ok', 5e3)] })?.id).toBe('core/pii-detect/large');
  });

  it('else the ok timed benchmark with the most work per call, among the ids still declared', () => {
    const benchmarks = [b('x/a', 'ok', 10), b('x/b', 'failed', 1e9), b('x/c', 'ok', 5e5), b('x/d', 'ok', 9e9, 'custom'), b('x/gone', 'ok', 1e10)];
    expect(representativeFromResults({ project: 'x', benchmarks }, ['x/a', 'x/b', 'x/c', 'x/d'])?.id).toBe('x/c');
    expect(representativeFromResults({ project: 'x', benchmarks: [b('x/a', 'skipped')] })).toBeUndefined();
  });

  it('reads the lib\'s last results, and without them falls back to the first timed benchmark, saying why', async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'profiling-rep-')));
    mkdirSync(join(root, 'bench'));
    const entry = JSON.stringify(resolve(workspaceRoot, 'libs/bench-kit/src/index.ts'));
    writeFileSync(
      join(root, 'bench', 'x.bench.ts'),
      `import { defineSuite } from ${entry};
export default defineSuite('g', (s) => {
  s.bench('custom', { kind: 'custom', measure: () => ({ unit: 'ratio', samples: [1], lowerIsBetter: false }) });
  s.bench('small', { fn: () => 1 });
  s.bench('big', { fn: () => 2 });
});
`,
    );
    const project = { name: 'x', root };
    const none = await representativeBenchmark(project, root);
    expect(none.id).toBe('x/g/small');
    expect(none.why).toContain('no results yet in bench-results/latest.json');
    mkdirSync(join(root, 'bench-results'));
    const results = { project: 'x', mode: 'quick', createdAt: '2026-01-01T00:00:00.000Z', benchmarks: [b('x/g/small', 'ok', 10), b('x/g/big', 'ok', 1e6)] };
    writeFileSync(join(root, 'bench-results', 'latest.json'), JSON.stringify(results));
    const fromResults = await representativeBenchmark(project, root);
    expect(fromResults.id).toBe('x/g/big');
    expect(fromResults.why).toContain('most work per call');
  });

  it('profile cpu --lib core with no --bench profiles core\'s representative benchmark and says which (issue 15)', { timeout: 300_000 }, async () => {
    const out = tempOut();
    const r = await execa(
      process.execPath,
      ['--import', 'tsx', 'libs/profiling/bin/profile.ts', 'cpu', '--lib', 'core', '--seconds', '1', '--quick', '--callgrind', 'never', '--out', out],
      { cwd: workspaceRoot, reject: false },
    );
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/profile: no --bench given: profiling core\/(pii-detect|tma-parse)\/large, the preferred hot path of core/);
    expect(r.stdout).toMatch(/Profiled core\/(pii-detect|tma-parse)\/large/);
  });
});
