import { describe, expect, it } from 'vitest';
import { echoPayloadBytes } from '../bench/support/paired-throughput.ts';
import { percentile } from '../bench/support/percentile.ts';
import { createCodec } from '../src/codec/create-codec.ts';
import { createFraming } from '../src/framing/create-framing.ts';

describe('bench support', () => {
  it.each([4096, 65536, 1 << 20])('an echo request for a %d-byte frame is at most that size on the pipe, and within 64 bytes of it', (frameBytes) => {
    const payload = echoPayloadBytes(frameBytes);
    const onPipe = (id: number) =>
      createFraming('length')
        .frame(createCodec('msgpack').encode({ id, method: 'echo', params: Buffer.alloc(payload) }))
        .reduce((sum, chunk) => sum + chunk.length, 0);
    expect(onPipe(0x7fffffff)).toBe(frameBytes);
    expect(onPipe(1)).toBeLessThanOrEqual(frameBytes);
    expect(onPipe(1)).toBeGreaterThan(frameBytes - 64);
  });

  it('percentile uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });
});
