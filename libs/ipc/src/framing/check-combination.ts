import type { CodecKind } from '../codec/codec.ts';
import type { FramingKind } from './framing.ts';

/** MessagePack bytes may contain 0x0a, so they cannot be delimited by newlines. */
export function checkFramingCodec(framing: FramingKind, codec: CodecKind): void {
  if (framing === 'ndjson' && codec !== 'json') {
    throw new TypeError(`framing 'ndjson' needs codec 'json' (got '${codec}'): binary codecs need length-prefixed framing`);
  }
}
