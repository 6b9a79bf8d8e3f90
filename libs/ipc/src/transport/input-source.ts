import { fstatSync } from 'node:fs';
import { Socket, type OnReadOpts, type SocketConstructorOpts } from 'node:net';
import { Readable } from 'node:stream';

export interface InputHandlers {
  data(chunk: Uint8Array): void;
  /** Where the next read should go, when the reader has a place for it (see FrameDecoder.readTarget). */
  readTarget?(): Uint8Array | undefined;
  /** The input ended (or failed: to a reader of frames, both mean nothing more will come). */
  end(): void;
}

export interface InputReader {
  /** Stop reading (back-pressure): the kernel buffer fills and the writer on the other side waits. */
  pause(): void;
  resume(): void;
  /** Stop for good. */
  stop(): void;
}

/** A byte source that is read by calling `start` once; see `fdInput` and `openOutputChannel`. */
export interface InputSource {
  start(handlers: InputHandlers): InputReader;
}

/** What servers and clients read from: any Readable ('data' events), or an InputSource. */
export type ByteInput = Readable | InputSource;

/** Feeds `handlers` from `input` until it ends or `stop` is called. */
export function readInput(input: ByteInput, handlers: InputHandlers): InputReader {
  return input instanceof Readable ? readReadable(input, handlers) : input.start(handlers);
}

/** Bytes each read may fill, as Node's own reads (libuv's 64 KiB). */
const READ_WINDOW_BYTES = 64 * 1024;
/** Reads fill consecutive windows of one slab; a new slab when less than a window is left. */
const SLAB_BYTES = 256 * 1024;

/**
 * `onread` options that read into consecutive windows of large slabs allocated uninitialised.
 * Node's own socket reads allocate a zero-filled buffer per read and, for a read shorter than
 * 64 KiB, copy it into another one (a memset and a memcpy of each chunk, and twice the external
 * memory that drives V8's full GCs); here every byte is written once, by the kernel. Chunks are
 * views into their slab, which stays alive while any of them does (frames, echoed bytes).
 * When the reader has a place for the next bytes (`readTarget`: the rest of a large frame), the
 * read goes there instead.
 */
export function slabOnRead(onChunk: (chunk: Uint8Array) => boolean, readTarget?: () => Uint8Array | undefined): OnReadOpts {
  let slab = Buffer.allocUnsafe(SLAB_BYTES);
  let offset = 0;
  let lastRead = 0;
  /** True when the last read went to the reader's own target, not the slab. */
  let targeted = false;
  return {
    buffer: () => {
      if (!targeted) offset += lastRead;
      lastRead = 0;
      const target = readTarget?.();
      targeted = target !== undefined && target.length > 0;
      if (targeted) return target as Buffer;
      if (slab.length - offset < READ_WINDOW_BYTES) {
        slab = Buffer.allocUnsafe(SLAB_BYTES);
        offset = 0;
      }
      return slab.subarray(offset, offset + READ_WINDOW_BYTES);
    },
    callback: (bytes: number, window: Uint8Array) => {
      lastRead = bytes;
      return onChunk(window.subarray(0, bytes));
    },
  };
}

/** Where a slab-reading socket delivers its chunks: set when the input is started. */
export interface SocketSink {
  target: InputHandlers | undefined;
  stopped: boolean;
}

/**
 * An InputSource over a socket created with `slabSocketOptions(sink)`: `start` points the sink at
 * the handlers (the socket must not receive bytes before that: its peer is handed out after).
 */
export function socketInput(socket: Socket, sink: SocketSink): InputSource {
  return {
    start(handlers) {
      sink.target = handlers;
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        if (!sink.stopped) handlers.end();
      };
      socket.once('end', end);
      socket.once('error', end);
      socket.resume();
      return {
        pause: () => socket.pause(),
        resume: () => {
          if (!sink.stopped) socket.resume();
        },
        stop: () => {
          sink.stopped = true;
          socket.pause();
        },
      };
    },
  };
}

/** A socket whose reads go to `sink.target` (set by `socketInput(...).start`). */
export function slabSocketOptions(sink: SocketSink): { onread: OnReadOpts } {
  return {
    onread: slabOnRead(
      (chunk) => {
        if (!sink.stopped) sink.target?.data(chunk);
        return !sink.stopped;
      },
      () => sink.target?.readTarget?.(),
    ),
  };
}

/** True when `fd` is a pipe or a socket (what `fdInput` can read). */
export function isPipeOrSocket(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

/** Reads a pipe or socket file descriptor (a server's stdin) into slabs (see slabOnRead). */
export function fdInput(fd: number): InputSource {
  const sink: SocketSink = { target: undefined, stopped: false };
  return {
    start(handlers) {
      // `onread` is read by the Socket constructor as by connect() (Node's net.js), though only
      // connect()'s options are typed with it.
      const options: SocketConstructorOpts & { onread: OnReadOpts } = { fd, readable: true, writable: false, ...slabSocketOptions(sink) };
      return socketInput(new Socket(options), sink).start(handlers);
    },
  };
}

function readReadable(input: Readable, handlers: InputHandlers): InputReader {
  let stopped = false;
  const onData = (chunk: Buffer) => {
    if (!stopped) handlers.data(chunk);
  };
  const onEnd = () => {
    if (!stopped) handlers.end();
  };
  input.on('data', onData);
  input.once('end', onEnd);
  input.once('error', onEnd);
  return {
    pause: () => input.pause(),
    resume: () => {
      if (!stopped) input.resume();
    },
    stop: () => {
      stopped = true;
      input.off('data', onData);
      input.pause();
    },
  };
}
