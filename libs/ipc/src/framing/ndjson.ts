import type { FramePart } from '../codec/codec.ts';
import { IpcProtocolError } from '../errors.ts';
import {
  COALESCE_BELOW_BYTES,
  checkMaxFrameBytes,
  type DecodedFrame,
  type FrameDecoder,
  type FrameSink,
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
    frame: ((parts: Uint8Array | readonly FramePart[]): Uint8Array[] => {
      if (!(parts instanceof Uint8Array) && !parts.every((part) => part instanceof Uint8Array)) {
        throw new IpcProtocolError('encode-error', 'NDJSON frames are sent whole (no streamed parts)');
      }
      const payload = parts instanceof Uint8Array ? parts : Buffer.concat(parts as readonly Uint8Array[]);
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
    }) as Framing['frame'],
    createDecoder: () => new NdjsonDecoder(maxFrameBytes),
  };
}

export class NdjsonDecoder implements FrameDecoder {
  private parts: Uint8Array[] = [];
  private fill = 0;
  /** True while dropping the rest of an over-long line up to its newline. */
  private discarding = false;
  private failure: IpcProtocolError | undefined;

  constructor(readonly maxFrameBytes: number) {
    checkMaxFrameBytes(maxFrameBytes);
  }

  get bufferedBytes(): number {
    return this.fill;
  }

  /** NDJSON resynchronises at the next newline, so only `fail` stops it for good. */
  get failed(): IpcProtocolError | undefined {
    return this.failure;
  }

  get midFrame(): boolean {
    return this.fill > 0;
  }

  /** Lines are found by scanning for newlines, so there is no place to read them into. */
  readTarget(): undefined {
    return undefined;
  }

  describeProgress(): string {
    return `${this.fill} bytes of a line without its newline`;
  }

  fail(error: IpcProtocolError): void {
    this.failure ??= error;
    this.parts = [];
    this.fill = 0;
  }

  /** Lines are short and delimited, so each is delivered whole (never through `begin`). */
  feed(chunk: Uint8Array, sink: FrameSink): void {
    for (const item of this.push(chunk)) {
      if (item instanceof IpcProtocolError) sink.error(item);
      else sink.frame(item);
      if (this.failure) return;
    }
  }

  push(chunk: Uint8Array): DecodedFrame[] {
    if (this.failure) return [];
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
    if (this.failure) return;
    if (this.fill > 0) {
      this.parts = [];
      this.fill = 0;
      throw new IpcProtocolError('truncated-frame', 'stream ended in the middle of a line (no final newline)');
    }
  }
}
