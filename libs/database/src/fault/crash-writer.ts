/**
 * The writer process of the crash test: appends fixed-size batches to an event store as fast as it
 * can and prints `ack <global position>` on stdout after each batch is committed (durably: LMDB
 * sync, PostgreSQL synchronous_commit=on), until it is killed. Run as
 * `node --import tsx crash-writer.ts '<json CrashWriterConfig>'`.
 */
import { writeSync } from 'node:fs';
import { openLmdbEventStore } from '@workflow-bench/core';
import { openPgEventStore } from '../postgres/pg-event-store.ts';
import { workloadEvent } from '../workload/event-workload.ts';
import { crashStreamId, type CrashWriterConfig } from './crash-layout.ts';

const config = JSON.parse(process.argv[2] ?? '{}') as CrashWriterConfig;

async function main(): Promise<void> {
  const batchOf = (batch: number) =>
    Array.from({ length: config.batchSize }, (_, i) => workloadEvent(batch * config.batchSize + i + 1, { batch, index: i }));
  if (config.engine === 'lmdb') {
    const store = await openLmdbEventStore({ path: config.path, sync: true });
    writeSync(1, 'ready\n');
    for (let batch = 0; ; batch++) {
      const result = await store.append(crashStreamId(batch), batchOf(batch));
      writeSync(1, `ack ${result.globalPosition}\n`);
    }
  } else {
    const store = await openPgEventStore({ url: config.url, schema: config.schema, synchronousCommit: true, poolSize: 1 });
    writeSync(1, 'ready\n');
    for (let batch = 0; ; batch++) {
      const result = await store.bulkAppend([{ streamId: crashStreamId(batch), events: batchOf(batch) }]);
      writeSync(1, `ack ${result.globalPosition}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-writer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
