import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { openLmdbEventStore } from '@workflow-bench/core';
import { directorySizeOnDisk } from '../disk/directory-size.ts';
import { RawLmdb } from '../lmdb/raw-lmdb.ts';
import type { BenchEngine, EngineOpenOptions, EngineStore } from './bench-engine.ts';

/** lmdb-js's version (its package.json is not exported, so find it above the resolved entry). */
function lmdbJsVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('lmdb'));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'lmdb' && pkg.version !== undefined) return pkg.version;
  }
  return 'unknown';
}

const lmdbVersion = lmdbJsVersion();

/** Core's LMDB event store (the code the suite ships) in a fresh temp directory. */
export const lmdbEngine: BenchEngine = {
  name: 'lmdb',
  async open(options: EngineOpenOptions): Promise<EngineStore> {
    const path = await mkdtemp(join(tmpdir(), 'database-lmdb-'));
    const store = await openLmdbEventStore({ path, sync: options.durable });
    // The event store does not expose its environment; empty commits go to a twin opened alike.
    let raw: RawLmdb | undefined;
    return {
      store,
      async bulkInsert(batches) {
        // Queued in one event-loop turn, the appends share LMDB commits (lmdb-js batching).
        await Promise.all(batches.map((b) => store.append(b.streamId, b.events, b.expectedVersion ?? 'any')));
      },
      async emptyTransaction() {
        raw ??= await RawLmdb.open(options);
        await raw.emptyTransaction();
      },
      sizeOnDiskBytes: () => directorySizeOnDisk(path),
      async dispose() {
        await store.close();
        await raw?.dispose();
        await rm(path, { recursive: true, force: true });
      },
      details: { engine: 'lmdb', lmdb: lmdbVersion, sync: options.durable },
    };
  },
};
