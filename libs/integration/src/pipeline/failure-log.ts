import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MarkingFailedData } from '@workflow-bench/core';

export interface FailureLogEntry extends MarkingFailedData {
  way: string;
  recordedAt: string;
  /** Why the MarkingFailed event could not go to the event store. */
  storeError: string;
}

/**
 * Where a failed marking is recorded when its event store cannot take even the MarkingFailed event
 * (the store is full, or the process owning it died): a JSON-lines file beside the store. Each
 * write rewrites the file under a temporary name and renames it, so a reader never sees half a line.
 */
export class FailureLog {
  constructor(readonly path: string) {}

  append(entry: FailureLogEntry): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const previous = existsSync(this.path) ? readFileSync(this.path, 'utf8') : '';
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${previous}${JSON.stringify(entry)}\n`);
    renameSync(tmp, this.path);
  }

  read(): FailureLogEntry[] {
    if (!existsSync(this.path)) return [];
    return readFileSync(this.path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, i) => {
        try {
          return JSON.parse(line) as FailureLogEntry;
        } catch (error) {
          throw new Error(`${this.path}: line ${i + 1} is not JSON: ${(error as Error).message}`);
        }
      });
  }
}
