import { DEFAULT_MAX_FRAME_BYTES, type Framing, type FramingKind } from './framing.ts';
import { lengthPrefixedFraming } from './length-prefixed.ts';
import { ndjsonFraming } from './ndjson.ts';

export function createFraming(kind: FramingKind, maxFrameBytes: number = DEFAULT_MAX_FRAME_BYTES): Framing {
  switch (kind) {
    case 'length':
      return lengthPrefixedFraming(maxFrameBytes);
    case 'ndjson':
      return ndjsonFraming(maxFrameBytes);
    default:
      throw new TypeError(`unknown framing ${JSON.stringify(kind)} (expected 'length' or 'ndjson')`);
  }
}
