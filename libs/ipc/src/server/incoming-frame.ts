import type { Codec } from '../codec/codec.ts';
import { IncomingBytes } from '../codec/incoming-bytes.ts';

/** Frames at least this big, when cut across input chunks, are offered to the codec as they arrive. */
export const STREAM_MIN_FRAME_BYTES = 16 * 1024;
/** A head not found in this many bytes is not looked for any further: the frame is read whole. */
const HEAD_LIMIT_BYTES = 64 * 1024;

export interface IncomingFrameHandlers {
  /** The message is known; its trailing byte string (`incoming`, at `path`) is still arriving. */
  head(message: unknown, path: readonly string[], incoming: IncomingBytes): void;
  /** The frame has another shape: here it is, whole. */
  whole(payload: Uint8Array): void;
  /** The head is not valid (a parse-error from the codec). */
  error(error: unknown): void;
}

/**
 * One large frame read as it arrives. While the head (everything before a trailing byte string)
 * is incomplete, the pieces are kept as views; once the codec finds the head, the message goes
 * out at once and the rest of the bytes flow into an IncomingBytes without being copied. A frame
 * of another shape is assembled and handed over whole.
 */
export class IncomingFrame {
  private pieces: Uint8Array[] = [];
  private fill = 0;
  private state: 'head' | 'bytes' | 'whole' | 'dropped' = 'head';
  private incoming: IncomingBytes | undefined;

  constructor(
    private readonly length: number,
    private readonly codec: Codec,
    private readonly handlers: IncomingFrameHandlers,
  ) {}

  /** The next bytes of the frame; `done` on the last piece. */
  data(piece: Uint8Array, done: boolean): void {
    if (this.state === 'dropped') return;
    if (this.state === 'bytes') {
      this.incoming!.push(piece);
      return;
    }
    this.pieces.push(piece);
    this.fill += piece.length;
    if (this.state === 'head') this.lookForHead(done);
    if (this.state === 'whole' && done) {
      const payload = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces, this.fill);
      this.pieces = [];
      this.handlers.whole(payload);
    }
  }

  /** The rest of the frame will never come (the input ended or stalled). */
  fail(error: Error): void {
    this.state = 'dropped';
    this.pieces = [];
    this.incoming?.fail(error);
  }

  private lookForHead(done: boolean): void {
    const first = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces, Math.min(this.fill, HEAD_LIMIT_BYTES));
    let head;
    try {
      head = this.codec.decodeHead!(first, this.length);
    } catch (error) {
      this.state = 'dropped';
      this.pieces = [];
      this.handlers.error(error);
      return;
    }
    if (head === 'incomplete') {
      if (done || this.fill >= HEAD_LIMIT_BYTES) this.state = 'whole';
      return;
    }
    if (head === undefined) {
      this.state = 'whole';
      return;
    }
    const incoming = new IncomingBytes(head.bytesLength);
    this.incoming = incoming;
    this.state = 'bytes';
    // Bytes of the trailing string that came with the head.
    let offset = 0;
    for (const piece of this.pieces) {
      const end = offset + piece.length;
      if (end > head.bytesStart) incoming.push(offset >= head.bytesStart ? piece : piece.subarray(head.bytesStart - offset));
      offset = end;
    }
    this.pieces = [];
    this.handlers.head(placeAt(head.value, head.path, incoming), head.path, incoming);
  }
}

/**
 * Puts `value` at `path` in a decoded message (an own data property at each step, so a
 * `__proto__` key never reaches a prototype). With an empty path the value is the message.
 */
export function placeAt(message: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  let target = message as Record<string, unknown>;
  for (let i = 0; i < path.length - 1; i++) target = Object.getOwnPropertyDescriptor(target, path[i]!)!.value as Record<string, unknown>;
  Object.defineProperty(target, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
  return message;
}
