import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';

/** Keys only grow (`next`), so puts use LMDB's append mode, as the event store's do: no search, full pages. */
const APPEND = { append: true } as const;

/**
 * A bare LMDB environment opened the way core's event store opens its own (lmdb-js defaults,
 * noSync only when not durable), storing raw bytes under integer keys. It is the anchor for the
 * event store's own overhead: the same commit path and bytes, without records, indexes or checks.
 */
export class RawLmdb {
  private next = 1;

  private constructor(
    private readonly root: RootDatabase,
    private readonly db: Database<Uint8Array, number>,
    private readonly durable: boolean,
    readonly path: string,
  ) {}

  static async open(options: { durable: boolean }): Promise<RawLmdb> {
    const path = await mkdtemp(join(tmpdir(), 'database-raw-lmdb-'));
    const root = open({ path, noSync: !options.durable, maxDbs: 4 });
    const db = root.openDB<Uint8Array, number>({ name: 'raw', encoding: 'binary' });
    return new RawLmdb(root, db, options.durable, path);
  }

  /** Puts every value in one write transaction; resolves when committed (and flushed when durable). */
  async putAll(values: readonly Uint8Array[]): Promise<void> {
    const first = this.next;
    this.next += values.length;
    await this.root.transaction(() => {
      for (let i = 0; i < values.length; i++) this.db.putSync(first + i, values[i]!, APPEND);
    });
    if (this.durable) await this.root.flushed;
  }

  /** A write transaction with nothing in it, committed (and flushed when durable). */
  async emptyTransaction(): Promise<void> {
    await this.root.transaction(() => undefined);
    if (this.durable) await this.root.flushed;
  }

  async dispose(): Promise<void> {
    await this.root.close();
    await rm(this.path, { recursive: true, force: true });
  }
}
