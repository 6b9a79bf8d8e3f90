import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLmdbEventStore } from '@workflow-bench/core';
import { checkRecoveredStore, type CrashCheckResult } from '../src/fault/crash-check.ts';
import { runKilledWriter } from '../src/fault/crash-trial.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../src/postgres/embedded-server.ts';
import { openPgEventStore } from '../src/postgres/pg-event-store.ts';

/**
 * SIGKILL a writer in the middle of bulk inserts, again and again, then reopen and check that every
 * acknowledged event is there and nothing unacknowledged is half visible. Every other PostgreSQL
 * trial also SIGKILLs the server at the same instant (a power cut) and restarts it on the same data
 * directory (WAL crash recovery); the others check that a dying client's COPY leaves nothing behind.
 *
 * Runs per engine: DB_FAULT_RUNS, or 20 with DB_FAULT_FULL=1, else 5 (CI size).
 * Figures go to the console and to test-results/crash-recovery.json.
 */
const RUNS = Number(process.env['DB_FAULT_RUNS'] ?? (process.env['DB_FAULT_FULL'] === '1' ? 20 : 5));
const BATCH = 200;
const PER_RUN_MS = 20_000;

interface Trial extends CrashCheckResult {
  acks: number;
  killedAfterMs: number;
  /** Reopen time: LMDB open; PostgreSQL store open, after a server restart (crash recovery) when it was killed. */
  reopenMs: number;
  /** PostgreSQL: whether the server was killed too. */
  serverKilled?: boolean;
}

const figures: Record<string, { runs: number; batchSize: number; trials: Trial[] }> = {};

function killDelay(): number {
  return Math.floor(Math.random() * 300);
}

function summarise(engine: string, trials: Trial[]): string {
  const sum = (f: (t: Trial) => number) => trials.reduce((a, t) => a + f(t), 0);
  const max = (f: (t: Trial) => number) => Math.max(...trials.map(f));
  return (
    `${engine}: ${trials.length} SIGKILL trials, ${sum((t) => t.acknowledged)} events acknowledged, ${sum((t) => t.found)} found, ` +
    `0 lost, 0 torn batches, ${trials.filter((t) => t.committedUnacknowledged > 0).length} trial(s) with a committed-but-unacknowledged batch, ` +
    (trials.some((t) => t.serverKilled !== undefined) ? `${trials.filter((t) => t.serverKilled).length} with the server killed too, ` : '') +
    `kill ${Math.min(...trials.map((t) => t.killedAfterMs)).toFixed(0)}-${max((t) => t.killedAfterMs).toFixed(0)} ms after the first ack, max reopen ${max((t) => t.reopenMs).toFixed(0)} ms`
  );
}

afterAll(async () => {
  if (Object.keys(figures).length === 0) return;
  await mkdir('test-results', { recursive: true });
  const file = join('test-results', 'crash-recovery.json');
  await writeFile(`${file}.tmp`, `${JSON.stringify(figures, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
});

describe('crash recovery after SIGKILL during bulk inserts', () => {
  it(`LMDB (sync): ${RUNS} killed writers lose no acknowledged event and show no half batch`, { timeout: RUNS * PER_RUN_MS }, async () => {
    const trials: Trial[] = [];
    for (let run = 0; run < RUNS; run++) {
      const path = await mkdtemp(join(tmpdir(), 'database-crash-lmdb-'));
      try {
        const killed = await runKilledWriter({ config: { engine: 'lmdb', path, batchSize: BATCH }, killDelayMs: killDelay() });
        const started = performance.now();
        // Opens as is: LMDB has no repair step, a torn write would show up as missing or bad data.
        const store = await openLmdbEventStore({ path, sync: true });
        const reopenMs = performance.now() - started;
        try {
          const result = await checkRecoveredStore(store, killed.acknowledged, BATCH);
          trials.push({ ...result, acks: killed.acks, killedAfterMs: killed.killedAfterMs, reopenMs });
        } finally {
          await store.close();
        }
      } finally {
        await rm(path, { recursive: true, force: true });
      }
    }
    figures['lmdb'] = { runs: RUNS, batchSize: BATCH, trials };
    console.log(summarise('LMDB sync', trials));
    expect(trials).toHaveLength(RUNS);
    expect(trials.every((t) => t.found >= t.acknowledged)).toBe(true);
  });

  describe('PostgreSQL (synchronous_commit=on), server killed with the writer in every other trial', () => {
    let server: EmbeddedPostgresServer;
    beforeAll(async () => {
      // Always our own server, even with DATABASE_URL: the test kills it.
      server = await startEmbeddedPostgres();
    });
    afterAll(async () => {
      await server?.stop();
    });

    it(`${RUNS} killed writers and servers lose no acknowledged event and show no half batch`, { timeout: RUNS * PER_RUN_MS }, async () => {
      const trials: Trial[] = [];
      for (let run = 0; run < RUNS; run++) {
        const schema = `crash_${run}`;
        const killServer = run % 2 === 1;
        await (await openPgEventStore({ url: server.url, schema })).close();
        let serverKilled: Promise<void> | undefined;
        const killed = await runKilledWriter({
          config: { engine: 'pg', url: server.url, schema, batchSize: BATCH },
          killDelayMs: killDelay(),
          onKill: killServer
            ? () => {
                serverKilled = server.kill();
              }
            : undefined,
        });
        await serverKilled;
        const started = performance.now();
        if (killServer) await server.restart(); // crash recovery from the WAL, no manual step
        const store = await openPgEventStore({ url: server.url, schema });
        const reopenMs = performance.now() - started;
        try {
          const result = await checkRecoveredStore(store, killed.acknowledged, BATCH);
          trials.push({ ...result, acks: killed.acks, killedAfterMs: killed.killedAfterMs, reopenMs, serverKilled: killServer });
        } finally {
          await store.destroy();
        }
      }
      figures['pg'] = { runs: RUNS, batchSize: BATCH, trials };
      console.log(summarise('PostgreSQL synchronous_commit=on', trials));
      expect(trials).toHaveLength(RUNS);
    });
  });
});
