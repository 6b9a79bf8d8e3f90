import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createCodec } from '../src/codec/create-codec.ts';
import { IncomingBytes } from '../src/codec/incoming-bytes.ts';
import { IpcProtocolError } from '../src/errors.ts';
import { createFraming } from '../src/framing/create-framing.ts';
import { LengthPrefixedDecoder } from '../src/framing/length-prefixed.ts';
import { serve, streamingMethod, type MethodTable } from '../src/server/serve.ts';

const codec = createCodec('msgpack');
const framing = createFraming('length', 1 << 22);
const frameOf = (value: unknown) => Buffer.concat(framing.frame(codec.encodeParts(value)) as Uint8Array[]);
const tick = () => new Promise((resolve) => setImmediate(resolve));
const pattern = (length: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 31) & 0xff));

describe('IncomingBytes', () => {
  it('hands over the pieces that came before a reader, then the rest as they come, then ends once', () => {
    const bytes = new IncomingBytes(6);
    bytes.push(Buffer.from([1, 2]));
    const seen: number[][] = [];
    const ends: (Error | undefined)[] = [];
    bytes.pipe((piece) => seen.push([...piece]), (error) => ends.push(error));
    bytes.push(Buffer.from([3]));
    bytes.push(Buffer.from([4, 5, 6]));
    expect(seen).toEqual([[1, 2], [3], [4, 5, 6]]);
    expect(ends).toEqual([undefined]);
    expect(() => bytes.pipe(() => {}, () => {})).toThrow(/already/);
  });

  it('collects whole bytes, or rejects when they are cut off', async () => {
    const whole = new IncomingBytes(4);
    const collected = whole.collect();
    whole.push(Buffer.from([1, 2]));
    whole.push(Buffer.from([3, 4]));
    expect([...(await collected)]).toEqual([1, 2, 3, 4]);
    const cut = new IncomingBytes(4);
    cut.push(Buffer.from([1]));
    cut.fail(new Error('gone'));
    await expect(cut.collect()).rejects.toThrow('gone');
  });
});

describe('length-prefixed decoder, large frames', () => {
  it('lets a large frame be read straight into its own buffer (no chunk buffer, no copy)', () => {
    const payload = pattern(200_000);
    const stream = frameOf({ id: 1, method: 'x', params: payload });
    const decoder = new LengthPrefixedDecoder(1 << 22);
    expect(decoder.push(stream.subarray(0, 1000))).toEqual([]);
    let frames: unknown[] = [];
    let at = 1000;
    while (at < stream.length) {
      const target = decoder.readTarget();
      expect(target).toBeDefined();
      const n = Math.min(target!.length, 30_000, stream.length - at);
      target!.set(stream.subarray(at, at + n));
      frames = decoder.push(target!.subarray(0, n));
      at += n;
    }
    expect(frames).toHaveLength(1);
    expect(decoder.readTarget()).toBeUndefined();
    expect(Buffer.from((codec.decode(frames[0] as Uint8Array) as { params: Uint8Array }).params).equals(payload)).toBe(true);
  });
});

/** A server on in-memory streams that records everything it writes. */
function serveInMemory(methods: MethodTable, options: { frameTimeoutMs?: number; outputHighWaterBytes?: number; outputBuffer?: number } = {}) {
  const input = new PassThrough();
  // By default large enough that the server's end() is not held up by a reader that reads only at
  // the end; small to play a client that does not read.
  const output = new PassThrough({ readableHighWaterMark: options.outputBuffer ?? 16 << 20 });
  const { frameTimeoutMs, outputHighWaterBytes } = options;
  const served = serve({ input, output, framing: 'length', codec: 'msgpack', maxFrameBytes: 1 << 22, methods, frameTimeoutMs, outputHighWaterBytes });
  const written: Buffer[] = [];
  /** Everything written so far. */
  const read = () => {
    readNew();
    return Buffer.concat(written);
  };
  /** What was written since the last read. */
  const readNew = () => {
    const fresh: Buffer[] = [];
    for (let chunk = output.read() as Buffer | null; chunk !== null; chunk = output.read() as Buffer | null) fresh.push(chunk);
    written.push(...fresh);
    return Buffer.concat(fresh);
  };
  return { input, output, served, read, readNew };
}

describe('serve: large msgpack requests as they arrive', () => {
  const request = (id: number, method: string, payload: Uint8Array) => frameOf({ id, method, params: payload });

  it('a streaming echo answers while the request is still arriving (cut-through), byte for byte', async () => {
    const payload = pattern(300_000);
    const { input, served, read } = serveInMemory({ echo: streamingMethod((p) => p) });
    const frame = request(5, 'echo', payload);
    input.write(frame.subarray(0, 150_000));
    await tick();
    const early = read().length;
    expect(early).toBeGreaterThan(100_000); // the reply started before the request ended
    input.end(frame.subarray(150_000));
    await served;
    const [reply] = framing.createDecoder().push(read());
    const decoded = codec.decode(reply as Uint8Array) as { id: number; result: Uint8Array };
    expect(decoded.id).toBe(5);
    expect(Buffer.from(decoded.result).equals(payload)).toBe(true);
  });

  it('an ordinary handler gets the byte string whole (and nothing is answered before it is)', async () => {
    const payload = pattern(100_000);
    let got: Uint8Array | undefined;
    const { input, served, read } = serveInMemory({
      size: (p) => {
        got = p as Uint8Array;
        return (p as Uint8Array).length;
      },
    });
    const frame = request(6, 'size', payload);
    for (let at = 0; at < frame.length; at += 7000) {
      input.write(frame.subarray(at, at + 7000));
      await tick();
      if (at + 7000 < frame.length) expect(read().length).toBe(0);
    }
    input.end();
    await served;
    expect(got).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(got!).equals(payload)).toBe(true);
    expect(codec.decode(framing.createDecoder().push(read())[0] as Uint8Array)).toEqual({ id: 6, result: 100_000 });
  });

  it('a request cut off mid-stream ends the reply there: the client sees a truncated frame', async () => {
    const { input, served, read } = serveInMemory({ echo: streamingMethod((p) => p) });
    const frame = request(7, 'echo', pattern(200_000));
    input.write(frame.subarray(0, 120_000));
    await tick();
    input.end();
    await served;
    const decoder = framing.createDecoder();
    expect(decoder.push(read())).toEqual([]);
    expect(() => decoder.end()).toThrowError(expect.objectContaining({ code: 'truncated-frame' }));
  });

  it('stops reading while its output is backed up, and reads again once it drains', async () => {
    const { input, served, readNew } = serveInMemory({ echo: streamingMethod((p) => p) }, { outputHighWaterBytes: 256 * 1024, outputBuffer: 16 * 1024 });
    const payload = pattern(100_000);
    const frames = Array.from({ length: 40 }, (_, i) => request(i + 1, 'echo', payload));
    for (const frame of frames) input.write(frame);
    input.end();
    for (let i = 0; i < 20; i++) await tick();
    // Nobody reads the output: the server has stopped taking requests well before the 4 MB sent.
    expect(input.writableLength + input.readableLength).toBeGreaterThan(2_000_000);
    expect(input.isPaused()).toBe(true);
    const replies: unknown[] = [];
    const decoder = framing.createDecoder();
    while (replies.length < frames.length) {
      const before = replies.length;
      replies.push(...decoder.push(readNew()));
      if (replies.length === before) await tick();
    }
    await served;
    expect(replies).toHaveLength(40);
    const last = codec.decode(replies[39] as Uint8Array) as { id: number; result: Uint8Array };
    expect(last.id).toBe(40);
    expect(Buffer.from(last.result).equals(payload)).toBe(true);
  });
});

describe('serve: a frame that stops arriving', () => {
  it('answers frame-timeout and closes after the configured time without bytes', async () => {
    const { input, served, read } = serveInMemory({ ping: () => 'pong' }, { frameTimeoutMs: 50 });
    input.write(Buffer.concat([frameOf({ id: 1, method: 'ping' }), Buffer.from([0, 0, 0, 10, 1, 2])]));
    const summary = await served;
    expect(summary.corruption).toBeInstanceOf(IpcProtocolError);
    expect(summary.corruption?.code).toBe('frame-timeout');
    const replies = framing.createDecoder().push(read()).map((f) => codec.decode(f as Uint8Array));
    expect(replies).toEqual([{ id: 1, result: 'pong' }, { id: null, error: { code: 'frame-timeout', message: expect.stringMatching(/2 of 10 payload bytes/) } }]);
  });

  it('does not time out between frames, nor with the timeout off', async () => {
    for (const frameTimeoutMs of [30, 0]) {
      const { input, served, read } = serveInMemory({ ping: () => 'pong' }, { frameTimeoutMs });
      input.write(frameOf({ id: 1, method: 'ping' }));
      if (frameTimeoutMs === 0) input.write(Buffer.from([0, 0]));
      await new Promise((resolve) => setTimeout(resolve, 120));
      input.end(frameTimeoutMs === 0 ? Buffer.from([0, 4, 0x82]) : frameOf({ id: 2, method: 'ping' }));
      const summary = await served;
      expect(summary.corruption?.code).not.toBe('frame-timeout');
      expect(framing.createDecoder().push(read()).length).toBeGreaterThanOrEqual(1);
    }
  });
});
