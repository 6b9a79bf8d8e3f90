import { IpcProtocolError } from '../errors.ts';
import {
  COALESCE_BELOW_BYTES,
  checkMaxFrameBytes,
  payloadParts,
  type DecodedFrame,
  type FrameDecoder,
  type Framing,
} from './framing.ts';

/** Length-prefixed framing: a 4-byte big-endian unsigned payload length, then the payload. */
export function lengthPrefixedFraming(maxFrameBytes: number): Framing {
  checkMaxFrameBytes(maxFrameBytes);
  return {
    kind: 'length',
    maxFrameBytes,
    frame(payload) {
      const { parts, length } = payloadParts(payload);
      if (length > maxFrameBytes) {
        throw new IpcProtocolError('frame-too-large', `frame of ${length} bytes exceeds the maximum of ${maxFrameBytes}`);
      }
      if (length < COALESCE_BELOW_BYTES) {
        const frame = Buffer.allocUnsafe(4 + length);
        frame.writeUInt32BE(length, 0);
        let offset = 4;
        for (const part of parts) {
          frame.set(part, offset);
          offset += part.length;
        }
        return [frame];
      }
      const header = Buffer.allocUnsafe(4);
      header.writeUInt32BE(length, 0);
      return [header, ...parts];
    },
    createDecoder: () => new LengthPrefixedDecoder(maxFrameBytes),
  };
}

export class LengthPrefixedDecoder implements FrameDecoder {
  private readonly header = Buffer.alloc(4);
  private headerFill = 0;
  /** Payload length of the frame being read, or -1 while reading a header. */
  private expected = -1;
  private parts: Uint8Array[] = [];
  private bodyFill = 0;
  private failure: IpcProtocolError | undefined;

  constructor(readonly maxFrameBytes: number) {
    checkMaxFrameBytes(maxFrameBytes);
  }

  get bufferedBytes(): number {
    return this.headerFill + this.bodyFill;
  }

  get failed(): IpcProtocolError | undefined {
    return this.failure;
  }

  push(chunk: Uint8Array): DecodedFrame[] {
    if (this.failure) return [];
    const frames: DecodedFrame[] = [];
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
          this.failure = new IpcProtocolError(
            'frame-too-large',
            `frame header declares ${size} bytes, over the maximum of ${this.maxFrameBytes}`,
          );
          this.parts = [];
          this.bodyFill = 0;
          frames.push(this.failure);
          return frames;
        }
        if (size === 0) {
          frames.push(new Uint8Array(0));
          continue;
        }
        this.expected = size;
        continue;
      }
      const take = Math.min(this.expected - this.bodyFill, length - offset);
      const piece = chunk.subarray(offset, offset + take);
      offset += take;
      if (this.bodyFill === 0 && take === this.expected) {
        // The whole payload is inside this chunk: hand out a view, no copy.
        frames.push(piece);
        this.expected = -1;
        continue;
      }
      this.parts.push(piece);
      this.bodyFill += take;
      if (this.bodyFill === this.expected) {
        frames.push(Buffer.concat(this.parts, this.expected));
        this.parts = [];
        this.bodyFill = 0;
        this.expected = -1;
      }
    }
    return frames;
  }

  end(): void {
    if (this.failure) return;
    if (this.headerFill > 0 || this.expected >= 0) {
      const detail =
        this.expected >= 0
          ? `${this.bodyFill} of ${this.expected} payload bytes`
          : `${this.headerFill} of 4 header bytes`;
      this.failure = new IpcProtocolError('truncated-frame', `stream ended after ${detail}`);
      this.parts = [];
      this.bodyFill = 0;
      this.headerFill = 0;
      this.expected = -1;
      throw this.failure;
    }
  }
}
