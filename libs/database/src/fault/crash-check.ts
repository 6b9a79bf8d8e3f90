import { isDeepStrictEqual } from 'node:util';
import type { EventStore } from '@workflow-bench/core';
import { workloadEventData } from '../workload/event-workload.ts';
import { crashStreamId } from './crash-layout.ts';

/** What the recovered store held compared with what the killed writer acknowledged. */
export interface CrashCheckResult {
  /** Events the writer acknowledged before it died. */
  acknowledged: number;
  /** Events found after reopening. */
  found: number;
  /** Events committed but not acknowledged (the kill fell between commit and the ack line). */
  committedUnacknowledged: number;
}

/** The recovered store broke a guarantee: lost acked events, a torn batch, gaps or corrupt data. */
export class CrashConsistencyError extends Error {
  constructor(readonly problems: string[]) {
    super(`crash consistency violated:\n  ${problems.slice(0, 10).join('\n  ')}${problems.length > 10 ? `\n  ... and ${problems.length - 10} more` : ''}`);
    this.name = 'CrashConsistencyError';
  }
}

/**
 * Checks a store written by crash-writer (single writer, empty store at start): every acknowledged
 * event is there with its exact data; only whole batches are visible (nothing half-written);
 * global positions and stream versions are gap-free.
 */
export async function checkRecoveredStore(store: EventStore, acknowledged: number, batchSize: number): Promise<CrashCheckResult> {
  const events = await store.readAll();
  const problems: string[] = [];
  const found = events.length;
  if (found < acknowledged) problems.push(`lost acknowledged events: ${acknowledged} acknowledged, ${found} found`);
  if (found % batchSize !== 0) problems.push(`a batch is half visible: ${found} events is not a multiple of the batch size ${batchSize}`);
  if (found - acknowledged > batchSize) {
    problems.push(`${found - acknowledged} unacknowledged events visible; at most one batch (${batchSize}) can commit between the last ack and the kill`);
  }
  const versions = new Map<string, number>();
  events.forEach((event, i) => {
    const position = i + 1;
    if (event.globalPosition !== position) {
      problems.push(`position gap: event #${position} has global position ${event.globalPosition}`);
      return;
    }
    const batch = Math.floor((position - 1) / batchSize);
    if (event.streamId !== crashStreamId(batch)) problems.push(`event ${position}: stream ${event.streamId}, expected ${crashStreamId(batch)}`);
    const expectedVersion = (versions.get(event.streamId) ?? 0) + 1;
    versions.set(event.streamId, expectedVersion);
    if (event.version !== expectedVersion) problems.push(`event ${position}: version ${event.version} in ${event.streamId}, expected ${expectedVersion}`);
    if (!isDeepStrictEqual(event.data, workloadEventData(position))) problems.push(`event ${position}: data differs from what was written`);
    const meta = event.metadata as { batch?: unknown; index?: unknown } | undefined;
    if (meta?.batch !== batch || meta.index !== (position - 1) % batchSize) problems.push(`event ${position}: metadata ${JSON.stringify(meta)} does not match its batch`);
  });
  if (problems.length > 0) throw new CrashConsistencyError(problems);
  return { acknowledged, found, committedUnacknowledged: found - acknowledged };
}
