import { fdInput, isPipeOrSocket } from '../transport/input-source.ts';
import { parseServerArgs } from './server-args.ts';
import { serve, type MethodTable } from './serve.ts';

/**
 * The body of a stdio server executable: parses the flags, serves `methods` on stdin/stdout until
 * stdin ends (or the client closes stdout), runs `cleanup`, and exits: 0 when stdin ended or
 * stdout was closed, 2 after a corrupt or stalled frame, 64 on a usage error.
 */
export async function runStdioServer(methods: MethodTable, cleanup: () => Promise<void> = async () => {}): Promise<void> {
  // stdout is the protocol channel: a stray console.log from any dependency would corrupt frames.
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  let args;
  try {
    args = parseServerArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`usage error: ${(error as Error).message}\n`);
    process.exit(64);
  }
  const shutdown = async (code: number) => {
    try {
      await cleanup();
    } finally {
      process.exit(code);
    }
  };
  process.once('SIGTERM', () => void shutdown(143));
  process.once('SIGINT', () => void shutdown(130));
  // A pipe or socket is read with the server's own buffers; anything else (a file, a TTY) as a stream.
  const input = isPipeOrSocket(0) ? fdInput(0) : process.stdin;
  const summary = await serve({ input, output: process.stdout, methods, ...args });
  if (summary.corruption) process.stderr.write(`closing after a corrupt frame: ${summary.corruption.message}\n`);
  else if (summary.outputClosed) process.stderr.write('stdout was closed by the client: shutting down\n');
  await shutdown(summary.corruption ? 2 : 0);
}
