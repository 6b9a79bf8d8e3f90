import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateDependenciesContext, CreateNodesContextV2, ProjectConfiguration } from '@nx/devkit';
import { BENCH_COMMAND, benchTargetConfiguration, createDependencies, createNodesV2, projectRootOfBenchFile } from '../src/index.ts';
import { WORKSPACE_ROOT } from './support/workspace-copy.ts';

let ws: string;
const touch = (rel: string, text = '') => {
  mkdirSync(dirname(join(ws, rel)), { recursive: true });
  writeFileSync(join(ws, rel), text);
};

beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'nx-bench-plugin-'));
  touch('package.json', '{}');
  touch('libs/alpha/project.json', '{"name":"alpha"}');
  touch('libs/alpha/bench/one.bench.ts');
  touch('libs/alpha/bench/two.bench.ts');
  touch('libs/beta/package.json', '{"name":"@x/beta"}');
  touch('libs/beta/bench/one.bench.mts');
  // A fixture deep inside a project: the folder above bench/ is not a project.
  touch('libs/alpha/test/fixtures/bench/fixture.bench.ts');
  touch('bench/root.bench.ts');
});
afterAll(() => rmSync(ws, { recursive: true, force: true }));

const context = (): CreateNodesContextV2 => ({ workspaceRoot: ws, nxJsonConfiguration: {} });

describe('projectRootOfBenchFile', () => {
  it('is the folder above bench/ when that folder is a project', () => {
    expect(projectRootOfBenchFile('libs/alpha/bench/one.bench.ts', ws)).toBe('libs/alpha');
    expect(projectRootOfBenchFile('libs/beta/bench/one.bench.mts', ws)).toBe('libs/beta');
  });

  it('is null for fixtures and the workspace root', () => {
    expect(projectRootOfBenchFile('libs/alpha/test/fixtures/bench/fixture.bench.ts', ws)).toBeNull();
    expect(projectRootOfBenchFile('bench/root.bench.ts', ws)).toBeNull();
  });
});

describe('createNodesV2', () => {
  it('infers the bench target for every project with bench files, and only there', async () => {
    const files = ['libs/alpha/bench/one.bench.ts', 'libs/alpha/bench/two.bench.ts', 'libs/beta/bench/one.bench.mts', 'libs/alpha/test/fixtures/bench/fixture.bench.ts', 'bench/root.bench.ts'];
    const results = await createNodesV2[1](files, {}, context());
    const roots = new Set(results.flatMap(([, r]) => Object.keys(r.projects ?? {})));
    expect([...roots].sort()).toEqual(['libs/alpha', 'libs/beta']);
    const alpha = results.find(([f]) => f === 'libs/alpha/bench/one.bench.ts')?.[1];
    expect(alpha?.projects?.['libs/alpha']?.targets?.bench).toEqual(benchTargetConfiguration('libs/alpha'));
  });

  it('uses the configured target name', async () => {
    const [[, result]] = await createNodesV2[1](['libs/alpha/bench/one.bench.ts'], { targetName: 'perf' }, context());
    expect(Object.keys(result.projects?.['libs/alpha']?.targets ?? {})).toEqual(['perf', 'profile-cpu', 'profile-memory', 'profile-gpu', 'profile']);
  });

  it('infers profiling targets that wrap the profiling CLI for this project', async () => {
    const [[, result]] = await createNodesV2[1](['libs/alpha/bench/one.bench.ts'], {}, context());
    const targets = result.projects?.['libs/alpha']?.targets ?? {};
    expect(targets['profile-cpu']?.options?.command).toBe('node --expose-gc --import tsx libs/profiling/bin/profile.ts cpu --lib {projectName}');
    expect(targets.profile?.options?.command).toContain('profile.ts all --lib {projectName}');
    expect(targets['profile-memory']?.cache).toBe(false);
  });

  it('infers each project once however many bench files it has', async () => {
    const results = await createNodesV2[1](['libs/alpha/bench/one.bench.ts', 'libs/alpha/bench/two.bench.ts'], {}, context());
    expect(results.filter(([, r]) => r.projects?.['libs/alpha'])).toHaveLength(1);
  });

  it('matches the files bench-kit runs', () => {
    expect(createNodesV2[0]).toBe('**/bench/*.bench.{ts,mts,js,mjs}');
  });
});

describe('the inferred bench target', () => {
  it('keeps the measuring rules: no cache, no parallelism, typechecked dependencies, results as outputs', () => {
    const t = benchTargetConfiguration();
    expect(t.executor).toBe('nx:run-commands');
    expect(t.options).toEqual({ command: BENCH_COMMAND });
    expect(BENCH_COMMAND).toBe('tools/nx-bench/bin/nx-bench.mjs --project {projectName} --root {projectRoot}');
    expect(t.cache).toBe(false);
    expect(t.parallelism).toBe(false);
    expect(t.dependsOn).toEqual(['^typecheck']);
    expect(t.outputs).toEqual(['{projectRoot}/bench-results']);
    expect(t.inputs).toEqual(['production', '^production']);
    expect(t.configurations).toEqual({
      quick: { args: '--quick' },
      instructions: { args: '--measure instructions' },
      compare: { args: '--quick --compare' },
    });
  });

  it('is a fresh object each time (Nx merges into it)', () => {
    const a = benchTargetConfiguration();
    (a.configurations as Record<string, unknown>).quick = 'changed';
    expect(benchTargetConfiguration().configurations?.quick).toEqual({ args: '--quick' });
  });
});

describe('createDependencies', () => {
  const projects: Record<string, ProjectConfiguration> = {
    'bench-report': { root: 'apps/bench-report' },
    core: { root: 'libs/core', targets: { bench: {}, test: {} } },
    ai: { root: 'libs/ai', targets: { bench: {} } },
    'bench-kit': { root: 'libs/bench-kit', targets: { test: {} } },
  };
  const ctx = { projects } as unknown as CreateDependenciesContext;

  it('makes the report project depend on every project with benchmarks', async () => {
    const deps = await createDependencies({ reportProject: 'bench-report' }, ctx);
    expect(deps.map((d) => `${d.source}->${d.target}:${d.type}`).sort()).toEqual(['bench-report->ai:implicit', 'bench-report->core:implicit']);
  });

  it('adds nothing without a report project, or when it does not exist', async () => {
    expect(await createDependencies({}, ctx)).toEqual([]);
    expect(await createDependencies({ reportProject: 'nope' }, ctx)).toEqual([]);
  });
});

describe('nx.json wiring', () => {
  const nxJson = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'nx.json'), 'utf8')) as {
    plugins?: Array<string | { plugin: string; options?: Record<string, unknown> }>;
    targetDefaults?: Record<string, unknown>;
  };
  const entry = nxJson.plugins?.map((p) => (typeof p === 'string' ? { plugin: p } : p)).find((p) => p.plugin.includes('nx-bench'));

  it('registers the plugin through its CommonJS entry, which loads the TypeScript source', () => {
    expect(entry?.plugin).toBe('./tools/nx-bench/plugin.cjs');
    const plugin = createRequire(import.meta.url)(join(WORKSPACE_ROOT, entry!.plugin)) as Record<string, unknown>;
    expect(Array.isArray(plugin.createNodesV2)).toBe(true);
    expect(typeof plugin.createDependencies).toBe('function');
  });

  it('leaves the bench target to the plugin alone', () => {
    expect(nxJson.targetDefaults?.bench).toBeUndefined();
  });
});

describe('the bench command', () => {
  it('finds the comparison file of a comparison run, and nothing for a plain run', async () => {
    const { comparisonFileOf } = await import('../src/bench-command.ts');
    expect(comparisonFileOf(['--project', 'core', '--root', 'libs/core', '--quick'])).toBeNull();
    expect(comparisonFileOf(['--project', 'core', '--root', 'libs/core', '--against=main'])).toBe(join(process.cwd(), 'libs/core/bench-results/comparison.json'));
    expect(comparisonFileOf(['--project', 'core', '--root', 'libs/core', '--compare', '--out', '/tmp/x.json'])).toBe('/tmp/x.json');
    expect(comparisonFileOf(['--project', 'core', '--root', 'libs/core', '--against', 'main', '--help'])).toBeNull();
  });
});
