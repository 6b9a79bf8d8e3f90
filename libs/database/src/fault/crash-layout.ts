/** How the crash test's writer lays out its events, shared by the writer and the checker. */

export type CrashWriterConfig =
  | { engine: 'lmdb'; path: string; batchSize: number }
  | { engine: 'pg'; url: string; schema: string; batchSize: number };

/** Batches rotate over this many streams, so streams get versions from many batches. */
export const CRASH_STREAMS = 16;

export function crashStreamId(batch: number): string {
  return `tma-${batch % CRASH_STREAMS}`;
}
