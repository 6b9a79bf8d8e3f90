/** How a message becomes bytes. */
export type CodecKind = 'json' | 'msgpack';

export interface Codec {
  readonly kind: CodecKind;
  /** Throws IpcProtocolError('encode-error') for values the codec cannot represent. */
  encode(value: unknown): Uint8Array;
  /** Throws IpcProtocolError('parse-error') for bytes that are not exactly one valid value. */
  decode(bytes: Uint8Array): unknown;
}
