import type { EventStore } from '@workflow-bench/core';

/**
 * Closes an event store, waiting at most `ms`. After failed commits (a full disk) lmdb-js's close
 * can wait forever on a write that will never finish; with nothing else pending, the process would
 * then end silently in the middle of its shutdown. What was committed is on disk either way.
 */
export async function closeStoreWithin(store: EventStore, ms = 5000): Promise<'closed' | 'timed-out'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), ms);
  });
  try {
    return await Promise.race([store.close().then(() => 'closed' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
