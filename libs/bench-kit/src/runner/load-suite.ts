import { pathToFileURL } from 'node:url';
import type { Suite } from '../define/suite.ts';
import { expandSuite, filterInstances, isSuite, type BenchmarkInstance } from './expand.ts';

/** A bench file that could not be imported, or whose default export is not a suite. */
export class SuiteLoadError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'SuiteLoadError';
  }
}

export interface LoadedSuite {
  file: string;
  suite: Suite;
  /** The suite's benchmarks, expanded per parameter (and filtered when a filter was given). */
  instances: BenchmarkInstance[];
}

/**
 * Imports a bench file and expands its suite: the one way every part of the runner (parent, child,
 * workload, listing) learns what a file declares. Bench files do no work at import time, so
 * importing one to learn its ids is cheap and safe.
 */
export async function loadSuite(project: string, file: string, matches: (id: string) => boolean = () => true): Promise<LoadedSuite> {
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (err) {
    throw new SuiteLoadError(file, `failed to import: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  if (!isSuite(mod.default)) throw new SuiteLoadError(file, 'the default export is not a suite (export default defineSuite(...))');
  let instances: BenchmarkInstance[];
  try {
    instances = expandSuite(project, mod.default);
  } catch (err) {
    throw new SuiteLoadError(file, err instanceof Error ? err.message : String(err));
  }
  return { file, suite: mod.default, instances: filterInstances(instances, matches) };
}
