import type { Writable } from 'node:stream';
import type { FramePart } from '../codec/codec.ts';

/**
 * Writes frames to a stream, whole and in order. Parts in hand go out together: one buffer with
 * `write`, several corked so Node sends them with one `writev` (no copy). A frame whose last part
 * is still arriving (IncomingBytes: a streamed echo) sends each piece as it comes and holds the
 * stream until its last byte is written; frames sent meanwhile wait their turn.
 *
 * If such a part is cut off (its request stopped arriving), the frame can never be completed: the
 * writer ends the stream there (the peer sees a truncated frame) and calls `onCut`.
 */
export class FrameWriter {
  private readonly waiting: FramePart[][] = [];
  private streaming = false;
  private cut = false;

  constructor(
    private readonly output: Writable,
    private readonly hooks: { onIdle?: () => void; onCut?: (error: Error) => void } = {},
  ) {}

  /** True while a streamed frame is being written or frames wait behind it. */
  get busy(): boolean {
    return this.streaming || this.waiting.length > 0;
  }

  write(parts: FramePart[]): void {
    if (this.cut || !this.writable()) return;
    if (this.streaming) {
      this.waiting.push(parts);
      return;
    }
    this.send(parts);
  }

  private writable(): boolean {
    return !this.output.writableEnded && !this.output.destroyed;
  }

  private send(parts: FramePart[]): void {
    const last = parts[parts.length - 1];
    const inHand = last instanceof Uint8Array ? parts.length : parts.length - 1;
    if (inHand === 1) this.output.write(parts[0] as Uint8Array);
    else if (inHand > 1) {
      this.output.cork();
      for (let i = 0; i < inHand; i++) this.output.write(parts[i] as Uint8Array);
      this.output.uncork();
    }
    if (last === undefined || last instanceof Uint8Array) return;
    this.streaming = true;
    last.pipe(
      (piece) => {
        if (this.writable()) this.output.write(piece);
      },
      (error) => {
        this.streaming = false;
        if (error) {
          this.cut = true;
          this.waiting.length = 0;
          if (this.writable()) this.output.end();
          this.hooks.onCut?.(error);
          return;
        }
        while (!this.streaming && this.waiting.length > 0 && this.writable()) this.send(this.waiting.shift()!);
        if (!this.busy) this.hooks.onIdle?.();
      },
    );
  }
}

/** Writes one frame whose parts are all in hand (a client's request). */
export function writeFrame(output: Writable, chunks: readonly FramePart[]): void {
  if (chunks.length === 1) {
    output.write(chunks[0] as Uint8Array);
    return;
  }
  output.cork();
  for (const chunk of chunks) {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('writeFrame: every part must be in hand');
    output.write(chunk);
  }
  output.uncork();
}
