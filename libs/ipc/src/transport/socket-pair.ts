import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slabSocketOptions, socketInput, type InputSource, type SocketSink } from './input-source.ts';

export interface OutputChannel {
  /** Give this to the child as its stdout (it is duplicated into the child; close it here after spawning). */
  childEnd: Socket;
  /** The child's output, read here into slabs (see slabOnRead). */
  input: InputSource;
  /** Closes this process's end (reading stops). */
  close(): void;
}

/**
 * A connected pair of AF_UNIX stream sockets to carry a child's stdout: the same kind of channel
 * libuv makes for `stdio: 'pipe'` (a socketpair), but with this end created here so it can be read
 * with `onread` into slabs, without Node's per-read buffer and copy. Node has no socketpair call,
 * so the pair is made by connecting to a listening socket in a fresh private temp directory
 * (mode 0700: no other user can connect), which is removed as soon as the pair exists.
 * Rejects where Unix sockets are unavailable; callers then fall back to a plain pipe.
 */
export async function openOutputChannel(): Promise<OutputChannel> {
  const dir = await mkdtemp(join(tmpdir(), 'ipc-channel-'));
  try {
    const path = join(dir, 'socket');
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, resolve);
    });
    const sink: SocketSink = { target: undefined, stopped: false };
    const accepted = new Promise<Socket>((resolve, reject) => {
      server.once('connection', resolve);
      server.once('error', reject);
    });
    // `onread` in connect()'s options: reads go straight into slabs.
    const reader = connect({ path, ...slabSocketOptions(sink) });
    const connected = new Promise<void>((resolve, reject) => {
      reader.once('connect', resolve);
      reader.once('error', reject);
    });
    const [childEnd] = await Promise.all([accepted, connected]);
    server.close();
    // The child only writes to its stdout: this end never reads, and the reader never writes.
    childEnd.pause();
    return {
      childEnd,
      input: socketInput(reader, sink),
      close: () => reader.destroy(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
