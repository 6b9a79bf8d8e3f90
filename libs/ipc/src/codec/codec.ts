/** How a message becomes bytes. */
export type CodecKind = 'json' | 'msgpack';

export interface Codec {
  readonly kind: CodecKind;
  /** Throws IpcProtocolError('encode-error') for values the codec cannot represent. */
  encode(value: unknown): Uint8Array;
  /**
   * The same bytes as `encode`, possibly as several parts, so a large byte string at the end of
   * a message (echo params, bytes results) is sent from where it lies instead of being copied.
   */
  encodeParts(value: unknown): Uint8Array[];
  /** Throws IpcProtocolError('parse-error') for bytes that are not exactly one valid value. */
  decode(bytes: Uint8Array): unknown;
}
