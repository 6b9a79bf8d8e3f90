import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { resolveBenchIds, sizeSiblings } from '../src/workload/benchmarks.ts';
import { UnknownBenchError, UnknownLibError } from '../src/errors.ts';
import { listProjects, resolveProject } from '../src/workspace.ts';
import { fixtureProject, workspaceRoot } from './helpers.ts';

const cli = (...args: string[]) =>
  execa(process.execPath, ['--import', 'tsx', 'libs/profiling/bin/profile.ts', ...args], { cwd: workspaceRoot, reject: false });

describe('profile CLI', () => {
  it('prints help and exits 0', { timeout: 120_000 }, async () => {
    const r = await cli('--help');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('profile cpu|memory|gpu|all --lib <name> [--bench <id>]');
  });

  it('exits 2 naming the known libs for an unknown lib', { timeout: 120_000 }, async () => {
    const r = await cli('cpu', '--lib', 'nope', '--bench', 'x');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/unknown lib "nope"; known libs: .*bench-kit.*profiling/);
  });

  it('exits 2 for an unknown benchmark id', { timeout: 120_000 }, async () => {
    const unknown = await cli('cpu', '--lib', 'profiling', '--bench', 'profiling/none');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('no benchmark "profiling/none" in profiling; known ids:');
  });

  it('exits 2 for a missing command or a bad option', { timeout: 120_000 }, async () => {
    const missing = await cli();
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('say what to profile');
    const bad = await cli('cpu', '--lib', 'profiling', '--bench', 'x', '--seconds', 'abc');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--seconds must be a positive number');
  });
});

describe('finding libs and benchmarks', () => {
  it('reads project names from libs/*/project.json and apps/*/project.json', () => {
    const names = listProjects(workspaceRoot).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['bench-kit', 'core', 'profiling', 'bench-report']));
    expect(resolveProject(workspaceRoot, 'profiling').root).toMatch(/libs[/\\]profiling$/);
    expect(() => resolveProject(workspaceRoot, 'nope')).toThrow(UnknownLibError);
  });

  it('resolves exact ids (prefix optional) and patterns, and lists the ids when none match', async () => {
    expect(await resolveBenchIds(fixtureProject, 'fixture/cpu/hot')).toEqual(['fixture/cpu/hot']);
    expect(await resolveBenchIds(fixtureProject, 'cpu/hot')).toEqual(['fixture/cpu/hot']);
    expect(await resolveBenchIds(fixtureProject, 'fixture/memory/buffer/*')).toEqual([
      'fixture/memory/buffer/small',
      'fixture/memory/buffer/medium',
      'fixture/memory/buffer/large',
    ]);
    const err = await resolveBenchIds(fixtureProject, 'fixture/cpu/cold').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownBenchError);
    expect((err as UnknownBenchError).known).toContain('fixture/memory/leaky');
    expect((err as Error).message).toContain('known ids: fixture/cpu/hot, fixture/cpu/skips');
  });

  it('finds the small/medium/large siblings of a sized benchmark', async () => {
    expect(await sizeSiblings(fixtureProject, 'fixture/memory/buffer/large')).toEqual([
      'fixture/memory/buffer/small',
      'fixture/memory/buffer/medium',
      'fixture/memory/buffer/large',
    ]);
    expect(await sizeSiblings(fixtureProject, 'fixture/cpu/hot')).toEqual(['fixture/cpu/hot']);
  });
});
