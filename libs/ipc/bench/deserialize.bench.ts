import { defineSuite } from '@workflow-bench/bench-kit';
import type { TmaSize } from '@workflow-bench/core';
import type { Codec } from '../src/codec/codec.ts';
import { createCodec } from '../src/codec/create-codec.ts';
import { MESSAGE_SIZES, parseResponse } from './support/messages.ts';

/** Decoding a `parse` response (a whole TMA submission) from bytes; throughput in encoded bytes. */
export default defineSuite('deserialize', (s) => {
  for (const kind of ['json', 'msgpack'] as const) {
    s.bench<{ codec: Codec; bytes: Uint8Array }, TmaSize>(kind, {
      params: MESSAGE_SIZES,
      setup: ({ param }) => {
        const codec = createCodec(kind);
        // Copy out of the encoder's shared buffer so the frame is stable, as a received frame is.
        return { codec, bytes: Uint8Array.from(codec.encode(parseResponse(param!))) };
      },
      fn: ({ codec, bytes }) => codec.decode(bytes),
      throughput: { unit: 'bytes', perIteration: (state) => state.bytes.length },
    });
  }
});
