import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFiles, getProjects, offsetFromRoot, updateJson, type Tree } from '@nx/devkit';
import type { BenchLibSchema } from './schema.ts';

/** The generator was given options it cannot honour (bad name, lib already there). */
export class BenchLibOptionsError extends Error {
  override name = 'BenchLibOptionsError';
}

const NAME = /^[a-z][a-z0-9-]*$/;

export interface NormalisedBenchLibOptions {
  name: string;
  description: string;
  projectRoot: string;
}

export function normaliseBenchLibOptions(tree: Tree, options: BenchLibSchema): NormalisedBenchLibOptions {
  const name = options.name?.trim() ?? '';
  if (!NAME.test(name)) {
    throw new BenchLibOptionsError(`bench-lib: name ${JSON.stringify(options.name)} must be lower-case letters, digits and dashes, starting with a letter`);
  }
  const directory = (options.directory ?? 'libs').replace(/^\.?\/+|\/+$/g, '');
  const projectRoot = directory ? `${directory}/${name}` : name;
  if (getProjects(tree).has(name)) throw new BenchLibOptionsError(`bench-lib: a project named "${name}" already exists`);
  if (tree.exists(projectRoot)) throw new BenchLibOptionsError(`bench-lib: ${projectRoot} already exists`);
  return {
    name,
    description: options.description?.trim() || `Benchmarks of ${name}.`,
    projectRoot,
  };
}

/** Folder of the EJS templates; works both under tsx's CommonJS shim and native ESM (vitest). */
function templatesDir(): string {
  return join(fileURLToPath(new URL('.', import.meta.url)), 'files');
}

/**
 * `nx g @workflow-bench/nx-bench:bench-lib <name>`: a lib with package.json, project.json (test
 * from targetDefaults; typecheck inferred by @nx/js/typescript from its tsconfig.json; bench inferred
 * by this plugin because bench/ has a bench file), tsconfig.json, src/, bench/example.bench.ts and
 * test/example.test.ts. Its TypeScript project references (to bench-kit, and from the root
 * tsconfig.json) are written as `nx sync` would write them, so the workspace stays in sync and the
 * next run needs no prompt. Nothing else needs editing: run-many, affected and the report find it
 * by its files; npm workspaces resolve `@workflow-bench/<name>`.
 */
export default async function benchLibGenerator(tree: Tree, options: BenchLibSchema): Promise<() => void> {
  const o = normaliseBenchLibOptions(tree, options);
  const benchKitRoot = getProjects(tree).get('bench-kit')?.root ?? 'libs/bench-kit';
  generateFiles(tree, templatesDir(), o.projectRoot, {
    ...o,
    offsetFromRoot: offsetFromRoot(o.projectRoot),
    benchKitReference: posix.relative(o.projectRoot, benchKitRoot),
    tmpl: '',
  });
  if (tree.exists('tsconfig.json')) {
    updateJson(tree, 'tsconfig.json', (json: { references?: { path: string }[] }) => {
      json.references = [...(json.references ?? []), { path: `./${o.projectRoot}` }];
      return json;
    });
  }
  return () => {
    // Not run automatically: an install touches everyone's node_modules and the lockfile.
    console.log(
      `\n${o.projectRoot} is ready. Run 'npm install' once so npm links @workflow-bench/${o.name} and records it in package-lock.json.\n` +
        `Then: npx nx bench ${o.name} -c quick`,
    );
  };
}
