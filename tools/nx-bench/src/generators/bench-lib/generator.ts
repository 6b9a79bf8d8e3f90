import { join } from 'node:path';
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
 * `nx g @workflow-bench/nx-bench:bench-lib <name>`: a lib with package.json, project.json (test and
 * typecheck from targetDefaults; bench inferred by the plugin because bench/ has a bench file),
 * tsconfig.json, src/, bench/example.bench.ts and test/example.test.ts, plus its path alias in
 * tsconfig.base.json like every other lib. Nothing else needs editing: run-many, affected and the
 * report find it by its files.
 */
export default async function benchLibGenerator(tree: Tree, options: BenchLibSchema): Promise<() => void> {
  const o = normaliseBenchLibOptions(tree, options);
  generateFiles(tree, templatesDir(), o.projectRoot, {
    ...o,
    offsetFromRoot: offsetFromRoot(o.projectRoot),
    tmpl: '',
  });
  if (tree.exists('tsconfig.base.json')) {
    updateJson(tree, 'tsconfig.base.json', (json: { compilerOptions?: { paths?: Record<string, string[]> } }) => {
      json.compilerOptions ??= {};
      json.compilerOptions.paths ??= {};
      json.compilerOptions.paths[`@workflow-bench/${o.name}`] = [`${o.projectRoot}/src/index.ts`];
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
