import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { BenchLibOptionsError, benchLibGenerator } from '../src/index.ts';

let tree: Tree;
beforeEach(() => {
  tree = createTreeWithEmptyWorkspace();
  tree.write('tsconfig.base.json', JSON.stringify({ compilerOptions: { composite: true } }));
  tree.write('tsconfig.json', JSON.stringify({ extends: './tsconfig.base.json', files: [], references: [{ path: './libs/core' }] }));
});

describe('bench-lib generator', () => {
  it('scaffolds a lib with an example benchmark, a test and no hand-written bench target', async () => {
    await benchLibGenerator(tree, { name: 'demo' });
    for (const f of ['package.json', 'project.json', 'tsconfig.json', 'README.md', 'src/index.ts', 'bench/example.bench.ts', 'test/example.test.ts']) {
      expect(tree.exists(`libs/demo/${f}`), f).toBe(true);
    }
    const project = readJson(tree, 'libs/demo/project.json');
    expect(project.name).toBe('demo');
    expect(project.sourceRoot).toBe('libs/demo/src');
    expect(project.$schema).toBe('../../node_modules/nx/schemas/project-schema.json');
    // test comes from targetDefaults; typecheck is inferred by @nx/js/typescript, bench from bench/*.bench.ts
    expect(project.targets).toEqual({ test: {} });
    const pkg = readJson(tree, 'libs/demo/package.json');
    expect(pkg).toMatchObject({ name: '@workflow-bench/demo', type: 'module', exports: { '.': './src/index.ts' } });
    expect(pkg.dependencies['@workflow-bench/bench-kit']).toBe('*');
    expect(readJson(tree, 'libs/demo/tsconfig.json').extends).toBe('../../tsconfig.base.json');
    const bench = tree.read('libs/demo/bench/example.bench.ts', 'utf8') ?? '';
    expect(bench).toContain("defineSuite('count-words'");
    expect(bench).toContain('ids: demo/count-words/small');
    expect(bench).not.toContain('<%');
  });

  it('writes the TypeScript project references nx sync would write (no path alias: npm workspaces resolve the package)', async () => {
    await benchLibGenerator(tree, { name: 'demo' });
    expect(readJson(tree, 'tsconfig.json').references).toEqual([{ path: './libs/core' }, { path: './libs/demo' }]);
    expect(readJson(tree, 'libs/demo/tsconfig.json').references).toEqual([{ path: '../bench-kit' }]);
    expect(readJson(tree, 'tsconfig.base.json').compilerOptions.paths).toBeUndefined();
  });

  it('takes a description and another parent folder', async () => {
    await benchLibGenerator(tree, { name: 'queue', description: 'Queue benchmarks.', directory: 'experiments' });
    expect(readJson(tree, 'experiments/queue/package.json').description).toBe('Queue benchmarks.');
    expect(readJson(tree, 'experiments/queue/project.json').$schema).toBe('../../node_modules/nx/schemas/project-schema.json');
    expect(tree.read('experiments/queue/README.md', 'utf8')).toContain('Queue benchmarks.');
  });

  it('refuses bad names and existing libs with a typed error', async () => {
    await expect(benchLibGenerator(tree, { name: 'Bad_Name' })).rejects.toThrow(BenchLibOptionsError);
    await benchLibGenerator(tree, { name: 'demo' });
    await expect(benchLibGenerator(tree, { name: 'demo' })).rejects.toThrow(/already exists/);
  });
});
