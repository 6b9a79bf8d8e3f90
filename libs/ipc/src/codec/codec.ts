import type { IncomingBytes } from './incoming-bytes.ts';

/** How a message becomes bytes. */
export type CodecKind = 'json' | 'msgpack';

/**
 * One piece of an encoded frame: bytes in hand, or (last, on the server's streamed replies) a byte
 * string still arriving, whose length is known.
 */
export type FramePart = Uint8Array | IncomingBytes;

/** The start of a large message whose trailing byte string has not arrived yet. */
export interface DecodedHead {
  /** The message with an empty byte string where the trailing one will go. */
  value: unknown;
  /** Keys from the message down to the byte string (each the last key of its object). */
  path: readonly string[];
  /** Offset in the frame where the byte string's bytes begin. */
  bytesStart: number;
  /** Its length: it runs to the end of the frame. */
  bytesLength: number;
}

export interface Codec {
  readonly kind: CodecKind;
  /** Throws IpcProtocolError('encode-error') for values the codec cannot represent. */
  encode(value: unknown): Uint8Array;
  /**
   * The same bytes as `encode`, possibly as several parts, so a large byte string at the end of
   * a message (echo params, bytes results) is sent from where it lies instead of being copied.
   * An IncomingBytes in that place becomes the last part (msgpack only).
   */
  encodeParts(value: unknown): FramePart[];
  /** Throws IpcProtocolError('parse-error') for bytes that are not exactly one valid value. */
  decode(bytes: Uint8Array): unknown;
  /**
   * For codecs that can act on a frame before all of it has arrived (msgpack): given the first
   * bytes of a frame of `frameLength` bytes, the message up to a trailing byte string that runs to
   * the end of the frame; 'incomplete' when more bytes are needed to tell; undefined when the
   * frame has another shape (decode it whole). Throws IpcProtocolError('parse-error').
   */
  decodeHead?(firstBytes: Uint8Array, frameLength: number): DecodedHead | 'incomplete' | undefined;
}
