// PostgreSQL server for benchmarks and tests: embedded (temp dir, free port) or DATABASE_URL.
export { startEmbeddedPostgres } from './postgres/embedded-server.ts';
export type { EmbeddedPostgresOptions, EmbeddedPostgresServer } from './postgres/embedded-server.ts';
export { sharedPostgres, stopSharedPostgres, checkConnection } from './postgres/shared-postgres.ts';
export type { PostgresTarget } from './postgres/shared-postgres.ts';
export { findFreePort } from './postgres/free-port.ts';
export { maskPostgresUrl, databaseUrlFromEnv, assertPostgresUrl } from './postgres/connection-url.ts';
export { PostgresConnectionError } from './postgres/connection-error.ts';
export type { PostgresConnectionFailure } from './postgres/connection-error.ts';

// The PostgreSQL event store (core's EventStore contract).
export { openPgEventStore } from './postgres/pg-event-store.ts';
export type { PgEventStore, PgEventStoreOptions, BulkAppendBatch } from './postgres/pg-event-store.ts';

// Engines as the benchmarks see them, and the benchmark workload.
export type { BenchEngine, EngineStore, EngineOpenOptions } from './engine/bench-engine.ts';
export { lmdbEngine } from './engine/lmdb-engine.ts';
export { pgEngine } from './engine/pg-engine.ts';
export { RawLmdb } from './lmdb/raw-lmdb.ts';
export { EVENT_DATA_BYTES, workloadEvent, workloadEventData, workloadEvents } from './workload/event-workload.ts';
export type { WorkloadEventData } from './workload/event-workload.ts';

// Crash-consistency checking (used by the SIGKILL test).
export { checkRecoveredStore, CrashConsistencyError } from './fault/crash-check.ts';
export type { CrashCheckResult } from './fault/crash-check.ts';
export { runKilledWriter } from './fault/crash-trial.ts';
export type { KilledWriter, CrashTrialOptions } from './fault/crash-trial.ts';
export type { CrashWriterConfig } from './fault/crash-layout.ts';
