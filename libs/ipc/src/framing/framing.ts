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
  /** Call at end of stream; throws IpcProtocolError('truncated-frame') if a partial frame is buffered. */
  end(): void;
  /** Bytes currently held for an incomplete frame (bounded by maxFrameBytes plus a header). */
  readonly bufferedBytes: number;
  /** The unrecoverable error that stopped this decoder, if any. */
  readonly failed: IpcProtocolError | undefined;
}

export interface Framing {
  readonly kind: FramingKind;
  readonly maxFrameBytes: number;
  /**
   * The byte chunks that make one frame, in order. Large payloads are not copied: the header (or
   * newline) travels as its own chunk and the writer sends both with one corked write.
   */
  frame(payload: Uint8Array | readonly Uint8Array[]): Uint8Array[];
  createDecoder(): FrameDecoder;
}

/** Payloads below this are copied into one buffer with their header: one small write beats two. */
export const COALESCE_BELOW_BYTES = 16 * 1024;

/** A payload given as parts: its parts and total length. */
export function payloadParts(payload: Uint8Array | readonly Uint8Array[]): { parts: readonly Uint8Array[]; length: number } {
  if (payload instanceof Uint8Array) return { parts: [payload], length: payload.length };
  let length = 0;
  for (const part of payload) length += part.length;
  return { parts: payload, length };
}

export function checkMaxFrameBytes(maxFrameBytes: number): number {
  if (!Number.isInteger(maxFrameBytes) || maxFrameBytes < 1 || maxFrameBytes > 0xffffffff) {
    throw new RangeError(`maxFrameBytes must be an integer in 1..${0xffffffff}, got ${maxFrameBytes}`);
  }
  return maxFrameBytes;
}
