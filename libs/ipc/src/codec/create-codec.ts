import type { Codec, CodecKind } from './codec.ts';
import { jsonCodec } from './json.ts';
import { msgpackCodec } from './msgpack.ts';

export function createCodec(kind: CodecKind): Codec {
  switch (kind) {
    case 'json':
      return jsonCodec();
    case 'msgpack':
      return msgpackCodec();
    default:
      throw new TypeError(`unknown codec ${JSON.stringify(kind)} (expected 'json' or 'msgpack')`);
  }
}
