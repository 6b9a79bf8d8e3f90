/**
 * lmdb-js rejects, besides the append the caller awaits, internal promises nobody holds when a
 * commit fails (e.g. EFBIG/ENOSPC: the store is full): "Commit failed (see commitError for
 * details)" and the write error itself (EFBIG, ENOSPC, EIO...), thrown from lmdb's write.js. Unhandled, they end the process, so a full store would
 * look like a crash instead of a failed 'store' stage. The error still reaches the awaiting
 * append; this guard swallows only those two lmdb rejections and lets every other one crash as
 * usual. Installed by processes that mark into a store that can fill up (bin/mark-one.ts).
 */
export function guardLmdbCommitFailures(): void {
  process.on('unhandledRejection', (reason) => {
    if (isLmdbCommitFailure(reason)) return;
    throw reason;
  });
}

export function isLmdbCommitFailure(reason: unknown): boolean {
  if (!(reason instanceof Error)) return false;
  if (reason.message.startsWith('Commit failed (see commitError for details)')) return true;
  const stack = reason.stack ?? '';
  // The write errors are rejected from lmdb's commit callback in write.js, with a numeric errno code.
  return /node_modules[\\/]lmdb[\\/]write\.js/.test(stack) && typeof (reason as Error & { code?: unknown }).code === 'number';
}
