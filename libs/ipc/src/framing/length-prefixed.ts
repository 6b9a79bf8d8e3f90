import type { FramePart } from '../codec/codec.ts';
import { IpcProtocolError } from '../errors.ts';
import {
  COALESCE_BELOW_BYTES,
  checkMaxFrameBytes,
  payloadParts,
  type DecodedFrame,
  type FrameDecoder,
  type FrameSink,
  type Framing,
} from './framing.ts';

/** Length-prefixed framing: a 4-byte big-endian unsigned payload length, then the payload. */
export function lengthPrefixedFraming(maxFrameBytes: number): Framing {
  checkMaxFrameBytes(maxFrameBytes);
  return {
    kind: 'length',
    maxFrameBytes,
    frame: ((payload: Uint8Array | readonly FramePart[]): FramePart[] => {
      const { parts, length, inHand } = payloadParts(payload);
      if (length > maxFrameBytes) {
        throw new IpcProtocolError('frame-too-large', `frame of ${length} bytes exceeds the maximum of ${maxFrameBytes}`);
      }
      if (length < COALESCE_BELOW_BYTES && inHand) {
        const frame = Buffer.allocUnsafe(4 + length);
        frame.writeUInt32BE(length, 0);
        let offset = 4;
        for (const part of parts as readonly Uint8Array[]) {
          frame.set(part, offset);
          offset += part.length;
        }
        return [frame];
      }
      // Small leading parts (a message's envelope before its byte string) travel in one buffer
      // with the header: fewer writes and writev entries; large parts are never copied.
      let small = 0;
      let smallBytes = 0;
      while (small < parts.length && parts[small] instanceof Uint8Array && smallBytes + parts[small]!.length < COALESCE_BELOW_BYTES) {
        smallBytes += parts[small]!.length;
        small++;
      }
      const head = Buffer.allocUnsafe(4 + smallBytes);
      head.writeUInt32BE(length, 0);
      let offset = 4;
      for (let i = 0; i < small; i++) {
        head.set(parts[i] as Uint8Array, offset);
        offset += parts[i]!.length;
      }
      return small === parts.length ? [head] : [head, ...parts.slice(small)];
    }) as Framing['frame'],
    createDecoder: () => new LengthPrefixedDecoder(maxFrameBytes),
  };
}

/**
 * Reads frames incrementally: the header as soon as its 4 bytes are in, the payload as it
 * arrives. A frame inside one chunk is handed out as a view (no copy); a frame cut across chunks
 * is either streamed piece by piece to a sink that takes it (`feed`) or assembled.
 */
/** Frames at least this big are assembled in one buffer allocated when their header is read. */
const ASSEMBLE_IN_PLACE_MIN_BYTES = 64 * 1024;

export class LengthPrefixedDecoder implements FrameDecoder {
  private readonly header = Buffer.alloc(4);
  private headerFill = 0;
  /** Payload length of the frame being read, or -1 while reading a header. */
  private expected = -1;
  /** Payload bytes of the current frame seen so far. */
  private bodyFill = 0;
  /** True when the sink took the current frame's bytes; otherwise they are assembled in `parts`. */
  private streaming = false;
  private parts: Uint8Array[] = [];
  /**
   * A large frame's own buffer, allocated at its header. The input can read straight into its
   * unfilled rest (readTarget): the bytes land in place, with no chunk buffer and no copy.
   */
  private assembly: Buffer | undefined;
  private failure: IpcProtocolError | undefined;

  constructor(readonly maxFrameBytes: number) {
    checkMaxFrameBytes(maxFrameBytes);
  }

  /** Bytes held for an incomplete frame (a streamed frame's bytes are not held here). */
  get bufferedBytes(): number {
    return this.headerFill + (this.streaming ? 0 : this.bodyFill);
  }

  /** True while a frame has started (header or payload bytes seen) and not finished. */
  get midFrame(): boolean {
    return this.headerFill > 0 || this.expected >= 0;
  }

  get failed(): IpcProtocolError | undefined {
    return this.failure;
  }

  /** Where the next read should put its bytes: the rest of a large frame being assembled, if any. */
  readTarget(): Uint8Array | undefined {
    return this.assembly?.subarray(this.bodyFill);
  }

  push(chunk: Uint8Array): DecodedFrame[] {
    const frames: DecodedFrame[] = [];
    this.feed(chunk, {
      frame: (payload) => frames.push(payload),
      error: (error) => frames.push(error),
      begin: () => false,
      data: () => {},
    });
    return frames;
  }

  feed(chunk: Uint8Array, sink: FrameSink): void {
    if (this.failure) return;
    let offset = 0;
    const length = chunk.length;
    while (offset < length) {
      if (this.expected < 0) {
        let size: number;
        if (this.headerFill === 0 && length - offset >= 4) {
          // Fast path: the whole header is in this chunk.
          size = ((chunk[offset]! << 24) >>> 0) + (chunk[offset + 1]! << 16) + (chunk[offset + 2]! << 8) + chunk[offset + 3]!;
          offset += 4;
        } else {
          const take = Math.min(4 - this.headerFill, length - offset);
          this.header.set(chunk.subarray(offset, offset + take), this.headerFill);
          this.headerFill += take;
          offset += take;
          if (this.headerFill < 4) break;
          size = this.header.readUInt32BE(0);
          this.headerFill = 0;
        }
        if (size > this.maxFrameBytes) {
          this.failure = new IpcProtocolError('frame-too-large', `frame header declares ${size} bytes, over the maximum of ${this.maxFrameBytes}`);
          sink.error(this.failure);
          return;
        }
        if (length - offset >= size) {
          // The whole payload is inside this chunk: hand out a view, no copy.
          sink.frame(chunk.subarray(offset, offset + size));
          offset += size;
          if (this.failure) return; // the sink gave up on the stream
          continue;
        }
        this.expected = size;
        this.bodyFill = 0;
        this.streaming = sink.begin(size);
        if (!this.streaming && size >= ASSEMBLE_IN_PLACE_MIN_BYTES) this.assembly = Buffer.allocUnsafe(size);
        continue;
      }
      const take = Math.min(this.expected - this.bodyFill, length - offset);
      const piece = chunk.subarray(offset, offset + take);
      offset += take;
      this.bodyFill += take;
      const done = this.bodyFill === this.expected;
      if (this.streaming) {
        if (done) this.resetFrame();
        sink.data(piece, done);
        if (this.failure) return;
        continue;
      }
      if (this.assembly) {
        // A read into readTarget() is already in place; anything else is copied there.
        const at = this.bodyFill - take;
        if (piece.buffer !== this.assembly.buffer || piece.byteOffset !== this.assembly.byteOffset + at) this.assembly.set(piece, at);
        if (done) {
          const payload = this.assembly;
          this.resetFrame();
          sink.frame(payload);
          if (this.failure) return;
        }
        continue;
      }
      this.parts.push(piece);
      if (done) {
        const payload = Buffer.concat(this.parts, this.expected);
        this.resetFrame();
        sink.frame(payload);
        if (this.failure) return;
      }
    }
  }

  end(): void {
    if (this.failure) return;
    if (this.midFrame) {
      this.fail(new IpcProtocolError('truncated-frame', `stream ended after ${this.describeProgress()}`));
      throw this.failure;
    }
  }

  /** Stops decoding for good with `error` (e.g. the reader gave up on a stalled frame). */
  fail(error: IpcProtocolError): void {
    if (this.failure) return;
    this.failure = error;
    this.resetFrame();
    this.headerFill = 0;
  }

  /** What is missing of the current frame, for messages. */
  describeProgress(): string {
    return this.expected >= 0 ? `${this.bodyFill} of ${this.expected} payload bytes` : `${this.headerFill} of 4 header bytes`;
  }

  private resetFrame(): void {
    this.parts = [];
    this.assembly = undefined;
    this.bodyFill = 0;
    this.expected = -1;
    this.streaming = false;
  }
}
