import type { FramePart } from '../codec/codec.ts';
import { IpcProtocolError } from '../errors.ts';

/** How messages are delimited on the byte stream. */
export type FramingKind = 'length' | 'ndjson';

/** Default maximum payload size of one frame (16 MiB): large enough for a large TMA's event stream. */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * What a decoder hands back for each frame: the payload, or an error in its place.
 * An error is recoverable (NDJSON: an over-long line was dropped up to its newline and decoding
 * goes on) unless the decoder's `failed` is set afterwards.
 */
export type DecodedFrame = Uint8Array | IpcProtocolError;

/**
 * Turns a byte stream, fed in arbitrary chunks, into frame payloads. Never throws from `push`.
 *
 * Unrecoverable corruption (length-prefixed: a header over the maximum) ends the list `push`
 * returns (after the frames decoded before it) and sets `failed`; later input is ignored, since a
 * length-prefixed stream that lost sync cannot be trusted any more.
 */
export interface FrameDecoder {
  push(chunk: Uint8Array): DecodedFrame[];
  /**
   * The streaming form of `push`: reports each frame to `sink` as its bytes arrive. Frames that
   * arrive whole go to `sink.frame` as views into the chunk; a frame cut across chunks is offered
   * to `sink.begin` (length-prefixed only) and, if taken, its bytes follow through `sink.data`
   * with no copy; otherwise it is assembled and delivered whole.
   */
  feed(chunk: Uint8Array, sink: FrameSink): void;
  /** Call at end of stream; throws IpcProtocolError('truncated-frame') if a partial frame is buffered. */
  end(): void;
  /** Bytes currently held for an incomplete frame (bounded by maxFrameBytes plus a header). */
  readonly bufferedBytes: number;
  /** The unrecoverable error that stopped this decoder, if any. */
  readonly failed: IpcProtocolError | undefined;
  /** True while a frame has begun and not ended (the reader's stall timer runs only then). */
  readonly midFrame: boolean;
  /** What has arrived of the current frame, for messages (e.g. "3 of 4 header bytes"). */
  describeProgress(): string;
  /** Stops the decoder for good with `error` (later input is ignored). */
  fail(error: IpcProtocolError): void;
  /**
   * Where the next read should put its bytes, when the decoder has a place for them (the rest of a
   * large frame it is assembling); feeding a chunk read there costs no copy. Undefined otherwise.
   */
  readTarget(): Uint8Array | undefined;
}

/** Receives what a decoder finds, as it finds it (see FrameDecoder.feed). */
export interface FrameSink {
  /** A whole frame's payload. */
  frame(payload: Uint8Array): void;
  /** A recoverable error (NDJSON), or the final one when the decoder's `failed` is set. */
  error(error: IpcProtocolError): void;
  /**
   * A frame of `length` bytes starts and has not arrived whole. Return true to take its bytes as
   * they come (through `data`), false to have the decoder assemble it and call `frame`.
   */
  begin(length: number): boolean;
  /** The next bytes of the frame taken by `begin`; `done` on the piece that completes it. */
  data(piece: Uint8Array, done: boolean): void;
}

export interface Framing {
  readonly kind: FramingKind;
  readonly maxFrameBytes: number;
  /**
   * The byte chunks that make one frame, in order. Large payloads are not copied: the header (or
   * newline) travels as its own chunk and the writer sends both with one corked write.
   */
  frame(payload: Uint8Array | readonly Uint8Array[]): Uint8Array[];
  /** With a streamed last part (server replies), the header counts its announced length. */
  frame(payload: Uint8Array | readonly FramePart[]): FramePart[];
  createDecoder(): FrameDecoder;
}

/** Payloads below this are copied into one buffer with their header: one small write beats two. */
export const COALESCE_BELOW_BYTES = 16 * 1024;

/** A payload given as parts: its parts, total length, and whether every part is in hand. */
export function payloadParts(payload: Uint8Array | readonly FramePart[]): { parts: readonly FramePart[]; length: number; inHand: boolean } {
  if (payload instanceof Uint8Array) return { parts: [payload], length: payload.length, inHand: true };
  let length = 0;
  let inHand = true;
  for (const part of payload) {
    length += part.length;
    if (!(part instanceof Uint8Array)) inHand = false;
  }
  return { parts: payload, length, inHand };
}

export function checkMaxFrameBytes(maxFrameBytes: number): number {
  if (!Number.isInteger(maxFrameBytes) || maxFrameBytes < 1 || maxFrameBytes > 0xffffffff) {
    throw new RangeError(`maxFrameBytes must be an integer in 1..${0xffffffff}, got ${maxFrameBytes}`);
  }
  return maxFrameBytes;
}
