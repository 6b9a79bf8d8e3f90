import { IpcProtocolError } from '../errors.ts';
import {
  COALESCE_BELOW_BYTES,
  checkMaxFrameBytes,
  type DecodedFrame,
  type FrameDecoder,
  type Framing,
} from './framing.ts';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const NEWLINE_BYTES = Buffer.from('\n');

/**
 * Newline-delimited framing: one payload per line. Payloads must not contain a raw newline (JSON
 * text never does; binary codecs cannot use this framing). Blank lines are ignored and a trailing
 * `\r` is dropped, so hand-typed input works.
 */
export function ndjsonFraming(maxFrameBytes: number): Framing {
  checkMaxFrameBytes(maxFrameBytes);
  return {
    kind: 'ndjson',
    maxFrameBytes,
    frame(parts) {
      const payload = parts instanceof Uint8Array ? parts : Buffer.concat(parts);
      if (payload.length > maxFrameBytes) {
        throw new IpcProtocolError('frame-too-large', `line of ${payload.length} bytes exceeds the maximum of ${maxFrameBytes}`);
      }
      if (payload.includes(NEWLINE)) {
        throw new IpcProtocolError('encode-error', 'an NDJSON payload must not contain a newline byte');
      }
      if (payload.length < COALESCE_BELOW_BYTES) {
        const frame = Buffer.allocUnsafe(payload.length + 1);
        frame.set(payload, 0);
        frame[payload.length] = NEWLINE;
        return [frame];
      }
      return [payload, NEWLINE_BYTES];
    },
    createDecoder: () => new NdjsonDecoder(maxFrameBytes),
  };
}

export class NdjsonDecoder implements FrameDecoder {
  private parts: Uint8Array[] = [];
  private fill = 0;
  /** True while dropping the rest of an over-long line up to its newline. */
  private discarding = false;

  constructor(readonly maxFrameBytes: number) {
    checkMaxFrameBytes(maxFrameBytes);
  }

  get bufferedBytes(): number {
    return this.fill;
  }

  /** NDJSON always resynchronises at the next newline, so it never fails for good. */
  get failed(): IpcProtocolError | undefined {
    return undefined;
  }

  push(chunk: Uint8Array): DecodedFrame[] {
    const frames: DecodedFrame[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, offset);
      const end = newline < 0 ? chunk.length : newline;
      if (this.discarding) {
        if (newline >= 0) this.discarding = false;
        offset = end + 1;
        continue;
      }
      const take = end - offset;
      if (this.fill + take > this.maxFrameBytes) {
        frames.push(
          new IpcProtocolError('frame-too-large', `line longer than the maximum of ${this.maxFrameBytes} bytes; skipped`),
        );
        this.parts = [];
        this.fill = 0;
        this.discarding = newline < 0;
        offset = end + 1;
        continue;
      }
      if (newline < 0) {
        if (take > 0) {
          this.parts.push(chunk.subarray(offset, end));
          this.fill += take;
        }
        break;
      }
      let line: Uint8Array;
      if (this.fill === 0) {
        line = chunk.subarray(offset, end);
      } else {
        this.parts.push(chunk.subarray(offset, end));
        line = Buffer.concat(this.parts, this.fill + take);
        this.parts = [];
        this.fill = 0;
      }
      offset = end + 1;
      if (line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN) line = line.subarray(0, line.length - 1);
      if (line.length > 0) frames.push(line);
    }
    return frames;
  }

  end(): void {
    if (this.fill > 0) {
      this.parts = [];
      this.fill = 0;
      throw new IpcProtocolError('truncated-frame', 'stream ended in the middle of a line (no final newline)');
    }
  }
}
