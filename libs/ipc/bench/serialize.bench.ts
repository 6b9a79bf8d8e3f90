import { defineSuite } from '@workflow-bench/bench-kit';
import type { TmaSize } from '@workflow-bench/core';
import type { Codec } from '../src/codec/codec.ts';
import { createCodec } from '../src/codec/create-codec.ts';
import { MESSAGE_SIZES, parseResponse } from './support/messages.ts';

/** Encoding a `parse` response (a whole TMA submission) to bytes; throughput in encoded bytes. */
export default defineSuite('serialize', (s) => {
  for (const kind of ['json', 'msgpack'] as const) {
    s.bench<{ codec: Codec; message: unknown; encodedBytes: number }, TmaSize>(kind, {
      params: MESSAGE_SIZES,
      setup: ({ param }) => {
        const codec = createCodec(kind);
        const message = parseResponse(param!);
        return { codec, message, encodedBytes: codec.encode(message).length };
      },
      fn: ({ codec, message }) => codec.encode(message),
      throughput: { unit: 'bytes', perIteration: (state) => state.encodedBytes },
    });
  }
});
