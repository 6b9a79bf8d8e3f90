import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CoreClient, type CoreClientOptions } from '@workflow-bench/ipc';

/**
 * Spawns the IPC core server so that its LMDB event store lands in a directory we know.
 *
 * The core server opens its store with `openLmdbEventStore()` under the temp dir, so the child gets
 * TMPDIR=<dir>. Knowing the directory is what lets a killed child's store be opened afterwards,
 * checked for half markings and given the MarkingFailed event.
 */
export function spawnCoreWithStoreDir(dir: string, options: CoreClientOptions = {}): Promise<CoreClient> {
  mkdirSync(dir, { recursive: true });
  return CoreClient.spawn({ ...options, env: { ...options.env, TMPDIR: dir } });
}

/** The LMDB directory the core server created under `dir` (`core-events-*`), once it has opened its store. */
export function coreStoreDir(dir: string): string | undefined {
  const found = readdirSync(dir).filter((name) => name.startsWith('core-events-'));
  if (found.length > 1) throw new Error(`${dir}: ${found.length} core event stores (${found.join(', ')}); expected one`);
  return found[0] === undefined ? undefined : join(dir, found[0]);
}
