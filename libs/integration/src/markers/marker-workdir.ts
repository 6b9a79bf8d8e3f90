import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where a marker keeps its files: `events/` (the LMDB event store) and `failures.jsonl` (the
 * failure log beside it). A directory the caller did not give is a fresh temp dir removed on close.
 */
export interface MarkerWorkdir {
  dir: string;
  storePath: string;
  failureLogPath: string;
  /** Removes the directory if this marker created it. */
  dispose(): void;
}

export function markerWorkdir(dir: string | undefined, prefix: string): MarkerWorkdir {
  const owned = dir === undefined;
  const root = dir ?? mkdtempSync(join(tmpdir(), `integration-${prefix}-`));
  return {
    dir: root,
    storePath: join(root, 'events'),
    failureLogPath: join(root, 'failures.jsonl'),
    dispose() {
      if (owned) rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The anonymisation key: ANONYMISATION_KEY (as the marking API reads it), else a fixed benchmark key. */
export function anonymisationKey(env: NodeJS.ProcessEnv = process.env): string {
  return env['ANONYMISATION_KEY'] || 'workflow-bench-integration-key';
}
