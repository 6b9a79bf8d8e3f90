import { randomBytes } from 'node:crypto';
import { openPgEventStore } from '../postgres/pg-event-store.ts';
import { sharedPostgres } from '../postgres/shared-postgres.ts';
import type { BenchEngine, EngineOpenOptions, EngineStore } from './bench-engine.ts';

/**
 * The PostgreSQL event store on this process's shared server (embedded, or DATABASE_URL), each
 * store in its own schema so benchmarks do not see each other's rows.
 */
export const pgEngine: BenchEngine = {
  name: 'pg',
  async open(options: EngineOpenOptions): Promise<EngineStore> {
    const target = await sharedPostgres();
    const store = await openPgEventStore({
      url: target.url,
      schema: `bench_${randomBytes(5).toString('hex')}`,
      synchronousCommit: options.durable,
    });
    return {
      store,
      async bulkInsert(batches) {
        await store.bulkAppend(batches);
      },
      emptyTransaction: () => store.emptyTransaction(),
      sizeOnDiskBytes: () => store.sizeOnDiskBytes(),
      dispose: () => store.destroy(),
      details: {
        engine: 'pg',
        server: target.version.split(' on ')[0] ?? target.version,
        serverSource: target.source,
        url: target.maskedUrl,
        synchronousCommit: options.durable ? 'on' : 'off',
      },
    };
  },
};
