/**
 * Property-based fuzzing of both frame decoders, both codecs and the serve/client loops.
 * Runs per property: IPC_FUZZ_RUNS (default 2000, CI-sized); a full run is IPC_FUZZ_RUNS=100000.
 */
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IpcClient } from '../src/client/ipc-client.ts';
import { createCodec } from '../src/codec/create-codec.ts';
import { IpcError, IpcProtocolError } from '../src/errors.ts';
import { createFraming } from '../src/framing/create-framing.ts';
import type { FramingKind } from '../src/framing/framing.ts';
import { serve } from '../src/server/serve.ts';

const RUNS = Number(process.env['IPC_FUZZ_RUNS'] ?? 2000);
/** The async properties spawn no processes but do real stream I/O: a tenth of the runs. */
const ASYNC_RUNS = Math.max(50, Math.floor(RUNS / 10));
const TIMEOUT = Math.max(60_000, RUNS * 20);

/** Splits `bytes` at the given cut points (fractions of its length). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });
/** Garbage biased towards bytes that matter to the decoders (newlines, CR, zero length bytes, high bytes). */
const garbage = fc.uint8Array({ maxLength: 400 }).chain((random) =>
  fc.array(fc.constantFrom(0x0a, 0x0d, 0x00, 0xff, 0x7b, 0x22), { maxLength: 20 }).map((special) => {
    const out = Uint8Array.from(random);
    special.forEach((byte, i) => {
      if (out.length > 0) out[(i * 7919) % out.length] = byte;
    });
    return out;
  }),
);
const framings: FramingKind[] = ['length', 'ndjson'];

describe.each(framings)('%s decoder fuzz', (kind) => {
  it(`never throws, returns only payloads or typed errors, and stays bounded (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(garbage, cuts, fc.integer({ min: 1, max: 64 }), (bytes, at, maxFrameBytes) => {
        const decoder = createFraming(kind, maxFrameBytes).createDecoder();
        for (const chunk of split(bytes, at)) {
          for (const item of decoder.push(chunk)) {
            if (item instanceof IpcProtocolError) continue;
            expect(item).toBeInstanceOf(Uint8Array);
            expect(item.length).toBeLessThanOrEqual(maxFrameBytes);
            if (kind === 'ndjson') expect(item.includes(0x0a)).toBe(false);
          }
          // Bounded: a partial frame never holds more than the maximum plus a 4-byte header.
          expect(decoder.bufferedBytes).toBeLessThanOrEqual(maxFrameBytes + 4);
        }
        try {
          decoder.end();
        } catch (error) {
          expect(error).toBeInstanceOf(IpcProtocolError);
        }
        expect(decoder.bufferedBytes).toBe(0);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it(`decodes exactly the frames written, however the stream is split (${RUNS} runs)`, () => {
    const payload = kind === 'length' ? fc.uint8Array({ maxLength: 80 }) : fc.uint8Array({ minLength: 1, maxLength: 80 }).filter((p) => !p.includes(0x0a) && p[p.length - 1] !== 0x0d);
    fc.assert(
      fc.property(fc.array(payload, { maxLength: 10 }), cuts, (payloads, at) => {
        const framing = createFraming(kind, 80);
        const stream = Buffer.concat(payloads.flatMap((p) => framing.frame(p)));
        const decoder = framing.createDecoder();
        const decoded = split(stream, at).flatMap((chunk) => decoder.push(chunk));
        decoder.end();
        expect(decoded.map((d) => Buffer.from(d as Uint8Array).toString('hex'))).toEqual(payloads.map((p) => Buffer.from(p).toString('hex')));
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});

describe.each(['json', 'msgpack'] as const)('%s codec fuzz', (kind) => {
  const codec = createCodec(kind);
  it(`decodes or throws IpcProtocolError('parse-error') for arbitrary and mutated bytes (${RUNS} runs)`, () => {
    const valid = fc.jsonValue().map((v) => codec.encode({ id: 1, method: 'echo', params: v }));
    const mutated = fc.tuple(valid, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat()).map(([bytes, flips, cut]) => {
      const out = Uint8Array.from(bytes);
      for (const [at, value] of flips) if (out.length > 0) out[at % out.length] = value;
      return out.subarray(0, out.length === 0 ? 0 : cut % (out.length + 1));
    });
    fc.assert(
      fc.property(fc.oneof(garbage, mutated), (bytes) => {
        try {
          codec.decode(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(IpcProtocolError);
          expect((error as IpcProtocolError).code).toBe('parse-error');
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});

/** Resolves with `promise`, or rejects if it takes longer than `ms`: a hang fails the test. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`hung for ${ms} ms`)), ms))]);
}

const combos = [
  ['length', 'msgpack'],
  ['length', 'json'],
  ['ndjson', 'json'],
] as const;

describe.each(combos)('serve/client loop fuzz over %s + %s', (framingKind, codecKind) => {
  it(`the server survives arbitrary input and finishes when it ends (${ASYNC_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(garbage, cuts, async (bytes, at) => {
        const input = new PassThrough();
        const output = new PassThrough();
        output.resume();
        const served = serve({ input, output, framing: framingKind, codec: codecKind, maxFrameBytes: 64, methods: { ping: () => 'pong', echo: (p) => p } });
        for (const chunk of split(bytes, at)) input.write(chunk);
        input.end();
        await within(served, 5000);
      }),
      { numRuns: ASYNC_RUNS },
    );
  }, TIMEOUT);

  it(`the client settles every request whatever the server sends (${ASYNC_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(garbage, cuts, async (bytes, at) => {
        const fromServer = new PassThrough();
        const toServer = new PassThrough();
        toServer.resume();
        const client = new IpcClient({ input: fromServer, output: toServer, framing: framingKind, codec: codecKind, maxFrameBytes: 64, timeoutMs: 0 });
        const calls = [client.call('a'), client.call('b')].map((c) => c.then(() => 'ok', (e: unknown) => e));
        for (const chunk of split(bytes, at)) fromServer.write(chunk);
        fromServer.end();
        for (const outcome of await within(Promise.all(calls), 5000)) {
          if (outcome !== 'ok') expect(outcome).toBeInstanceOf(IpcError);
        }
      }),
      { numRuns: ASYNC_RUNS },
    );
  }, TIMEOUT);
});
