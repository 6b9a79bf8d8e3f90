import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeExpectedTotals, expectedTotal } from '../src/bench-all/expected-totals.ts';
import { BENCH_BIN, BENCH_CONFIGURATIONS, benchTargetConfiguration } from '../src/bench-target.ts';
import { helpRequest } from '../src/bench-command.ts';
import { benchedProjects } from '../src/benched-projects.ts';

const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../..');

describe('help where people look (issue 20)', () => {
  it('the bench command starts with an executable that prints bench-kit\'s help and the declared options (what `nx bench <p> --help` runs)', () => {
    const bin = join(WORKSPACE_ROOT, BENCH_BIN);
    accessSync(bin, constants.X_OK);
    const out = execFileSync(bin, ['--help'], { cwd: WORKSPACE_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    for (const flag of ['--quick', '--filter <pattern>', '--rounds <n>', '--samples <n>', '--against <ref>', '--json <file>', '--markdown <file>']) expect(out).toContain(flag);
    expect(out).toMatch(/Options the ai benchmarks declare[^\n]*\n\s+--model <file\.gguf>/);
    expect(out).toContain('-c quick (--quick)');
  }, 120_000);

  it('with a project root, the help is that project\'s', () => {
    expect(helpRequest(['--project', 'core', '--root', 'libs/core', '--help'])).toEqual({ project: 'core', root: 'libs/core' });
    expect(helpRequest(['-h'])).toEqual({});
    expect(helpRequest(['--project', 'core', '--quick'])).toBeNull();
  });

  it('nx show project describes each configuration and gives the help command', () => {
    const t = benchTargetConfiguration('libs/core');
    for (const name of Object.keys(BENCH_CONFIGURATIONS)) expect(t.metadata?.description).toContain(`-c ${name}: `);
    expect(t.metadata?.help?.command).toBe(`${BENCH_BIN} --help --root libs/core`);
  });

  it('finds the benched projects the way the plugin does', () => {
    const projects = benchedProjects(WORKSPACE_ROOT);
    expect(projects).toContainEqual({ name: 'core', root: 'libs/core' });
    expect(projects.map((p) => p.name)).not.toContain('bench-kit');
  });
});

describe('bench:all expected totals (issue 20)', () => {
  const ws = mkdtempSync(join(tmpdir(), 'nx-bench-totals-'));
  const write = (project: string, results: object) => {
    mkdirSync(join(ws, 'libs', project, 'bench-results'), { recursive: true });
    writeFileSync(join(ws, 'libs', project, 'bench-results', 'latest.json'), JSON.stringify(results));
  };
  write('a', { mode: 'quick', filter: null, durationMs: 65_000, createdAt: '2026-01-02T00:00:00Z' });
  write('b', { mode: 'full', filter: null, durationMs: 600_000 });

  it('takes each project\'s last run with the same plan, and says when there is none', () => {
    const totals = ['a', 'b', 'c'].map((name) => expectedTotal(ws, { name, root: `libs/${name}` }, true));
    expect(totals.map((t) => t.ms)).toEqual([65_000, null, null]);
    expect(describeExpectedTotals(totals)).toEqual([
      '    a  ~01:05  (last quick run 2026-01-02)',
      '    b       ?  (no quick run recorded (the last was full))',
      '    c       ?  (never run here)',
      '  expected benchmark time: ~01:05 plus 2 project(s) never timed with this plan',
    ]);
  });
});
