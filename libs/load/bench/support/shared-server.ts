import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMarkingApiProcess, type MarkingApiProcess } from '../../src/tools/marking-api-process.ts';

export interface SharedServer {
  server: MarkingApiProcess;
  /** The server's LMDB directory (kept after it stops, for counting events). */
  lmdbPath: string;
  /** Scenario data seeded once against this server, by key. */
  seeded: Map<string, unknown>;
  /** 2xx answers to POST /api/tmas made against this server so far (seed, warm-up and runs). */
  accepted: number;
}

/**
 * One marking API process shared by the parameters of a bench file (light, medium, heavy run one
 * after another against it), so the server starts and is seeded once per file instead of per id.
 */
export class SharedMarkingServer {
  private current: SharedServer | undefined;

  async get(): Promise<SharedServer> {
    if (this.current && !this.current.server.exited) return this.current;
    const lmdbPath = mkdtempSync(join(tmpdir(), 'wb-load-lmdb-'));
    // LMDB with durable appends, never the PostgreSQL of a DATABASE_URL the caller happens to have.
    const server = await startMarkingApiProcess({ env: { MARKING_API_LMDB_PATH: lmdbPath, DATABASE_URL: '' } });
    this.current = { server, lmdbPath, seeded: new Map(), accepted: 0 };
    return this.current;
  }

  /** Stops the server (graceful drain); its store stays on disk until `dispose`. */
  async stop(): Promise<SharedServer | undefined> {
    const c = this.current;
    if (c) await c.server.stop();
    return c;
  }

  async dispose(): Promise<void> {
    const c = this.current;
    this.current = undefined;
    if (!c) return;
    await c.server.stop();
    await rm(c.lmdbPath, { recursive: true, force: true });
  }
}
