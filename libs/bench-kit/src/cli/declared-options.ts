import { basename } from 'node:path';
import type { OptionDeclaration } from '../define/suite.ts';
import { discoverBenchFiles } from '../runner/run.ts';
import { loadSuite, SuiteLoadError } from '../runner/load-suite.ts';
import { BENCH_KIT_OPTIONS, UsageError, type DeclaredOptions } from './arguments.ts';

export interface ProjectDeclarations {
  options: DeclaredOptions;
  /** Bench files that failed to load: their declarations are unknown. */
  loadErrors: string[];
}

/**
 * The command-line options a project's suites declare (`s.option`), from importing its bench
 * files in this process (they do no work at import time). Two files may declare the same option
 * with the same type; a clash with bench-kit's own options or a type conflict is the bench file's
 * mistake and is refused, naming the files.
 */
export async function declaredOptionsOf(project: string, root: string): Promise<ProjectDeclarations> {
  const options = new Map<string, { declaration: OptionDeclaration; files: string[] }>();
  const loadErrors: string[] = [];
  for (const file of discoverBenchFiles(root)) {
    let declared: Readonly<Record<string, OptionDeclaration>>;
    try {
      declared = (await loadSuite(project, file)).suite.options ?? {};
    } catch (err) {
      if (!(err instanceof SuiteLoadError)) throw err;
      loadErrors.push(basename(file));
      continue;
    }
    for (const [name, declaration] of Object.entries(declared)) {
      if (BENCH_KIT_OPTIONS[name]) throw new UsageError(`${basename(file)} declares --${name}, which is bench-kit's own option: choose another name`);
      const seen = options.get(name);
      if (seen && seen.declaration.type !== declaration.type) {
        throw new UsageError(`--${name} is declared as ${seen.declaration.type} in ${seen.files.join(', ')} but as ${declaration.type} in ${basename(file)}`);
      }
      if (seen) seen.files.push(basename(file));
      else options.set(name, { declaration, files: [basename(file)] });
    }
  }
  return { options, loadErrors };
}
