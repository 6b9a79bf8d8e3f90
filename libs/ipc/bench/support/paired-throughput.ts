import { median, type BenchContext } from '@workflow-bench/bench-kit';
import { CoreClient } from '../../src/client/core-client.ts';
import { createCodec } from '../../src/codec/create-codec.ts';
import { RawEcho } from './raw-echo.ts';

/** Frame sizes on the pipe. */
export const PAYLOAD_SIZES = ['4KiB', '64KiB', '1MiB'] as const;
export type PayloadSize = (typeof PAYLOAD_SIZES)[number];
export const PAYLOAD_BYTES: Record<PayloadSize, number> = { '4KiB': 4096, '64KiB': 65536, '1MiB': 1 << 20 };
const MiB = 1024 * 1024;

/** The framed echo (core server, length-prefixed + MessagePack) and the bare passthrough, both started once. */
export interface EchoPair {
  framed: CoreClient;
  raw: RawEcho;
}

export async function startEchoPair(): Promise<EchoPair> {
  const [framed, raw] = await Promise.all([CoreClient.spawn({ framing: 'length', codec: 'msgpack', timeoutMs: 60_000 }), RawEcho.start()]);
  return { framed, raw };
}

export async function stopEchoPair(pair: EchoPair | undefined): Promise<void> {
  if (pair) await Promise.all([pair.framed.close(), pair.raw.close()]);
}

export interface PairedSamples {
  /** MiB/s of payload echoed through the framed server, one per batch. */
  framed: number[];
  /** MiB/s through the bare passthrough, one per batch, taken alternately with `framed`. */
  raw: number[];
  /** framed[i] / raw[i]: each pair shares the machine's state of that moment. */
  ratios: number[];
  messagesPerBatch: number;
  /** Echo payload inside each framed request (frame size minus header and envelope). */
  framedPayloadBytes: number;
}

/**
 * Alternates batches of framed and raw echoes of the same payload (which goes first alternates
 * too), so both sides see the same machine noise and the ratio is paired sample by sample.
 * A batch sends `messagesPerBatch` payloads one after another (each waits for its echo) and its
 * rate is payload bytes echoed per second (each byte counted once, though it crosses two pipes).
 */
/**
 * The echo payload that makes a framed request exactly `frameBytes` on the pipe (4-byte header +
 * MessagePack envelope `{id, method: 'echo', params: <bin>}` + payload), counted with the largest
 * id the client uses so no request is bigger. The response envelope is smaller.
 */
export function echoPayloadBytes(frameBytes: number): number {
  const codec = createCodec('msgpack');
  const envelope = (length: number) => codec.encode({ id: 0x7fffffff, method: 'echo', params: Buffer.alloc(length) }).length - length;
  const payload = frameBytes - 4 - envelope(frameBytes - 64);
  if (4 + envelope(payload) + payload > frameBytes) throw new Error(`no echo payload fits a ${frameBytes}-byte frame`);
  return payload;
}

/**
 * Alternates batches of framed and raw echoes (which goes first alternates too), so both sides see
 * the same machine noise and the ratio is paired sample by sample. A batch sends
 * `messagesPerBatch` messages one after another, each waiting for its echo.
 *
 * Sizes are frame sizes: each framed request is exactly `size` bytes on the pipe and each raw write
 * is `size` bytes, so both make the same pipe round trips (a 64 KiB payload plus a header would not
 * fit the 64 KiB pipe buffer in one write, which costs an extra wake-up each way). Rates count
 * useful bytes echoed per second, once each though they cross two pipes: the framed payload
 * (frame minus header and envelope), and the raw write.
 */
export async function measurePaired(pair: EchoPair, size: PayloadSize, ctx: BenchContext): Promise<PairedSamples> {
  const frameBytes = PAYLOAD_BYTES[size];
  const framedPayload = Buffer.alloc(echoPayloadBytes(frameBytes));
  for (let i = 0; i < framedPayload.length; i++) framedPayload[i] = (i * 31) & 0xff;
  const rawPayload = Buffer.alloc(frameBytes, 0x5a);
  // ~512 KiB per batch (at least 4 messages): long enough to time, short enough that the two
  // halves of a pair see the same machine (on a shared machine the load changes within 100 ms).
  const messagesPerBatch = Math.max(4, Math.round(MiB / 2 / frameBytes));
  const pairs = ctx.quick ? 12 : 40;

  const echoed = await pair.framed.echo(framedPayload);
  if (Buffer.from(echoed).compare(framedPayload) !== 0) throw new Error(`echo of ${size} came back different`);

  const framedBatch = async () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < messagesPerBatch; i++) await pair.framed.echo(framedPayload);
    return rate(start, framedPayload.length);
  };
  const rawBatch = async () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < messagesPerBatch; i++) await pair.raw.roundTrip(rawPayload);
    return rate(start, rawPayload.length);
  };
  const rate = (start: bigint, bytes: number) => (messagesPerBatch * bytes) / MiB / (Number(process.hrtime.bigint() - start) / 1e9);

  // Warm-up: until both processes' paths are compiled (a count of messages, since V8 tiers code up
  // by calls) and the pipes' buffers have grown, within a time cap. A few batches are not enough:
  // the framed side runs far more JavaScript per message than the passthrough, so a short warm-up
  // measures the server's interpreter against the passthrough's kernel copies.
  const warmUpMessages = ctx.quick ? 400 : 1500;
  const warmUpCapMs = ctx.quick ? 4000 : 12_000;
  const warmUpStart = performance.now();
  for (let done = 0; done < warmUpMessages && performance.now() - warmUpStart < warmUpCapMs; done += messagesPerBatch) {
    await framedBatch();
    await rawBatch();
  }
  const framed: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      framed.push(await framedBatch());
      raw.push(await rawBatch());
    } else {
      raw.push(await rawBatch());
      framed.push(await framedBatch());
    }
    if (i % 10 === 9) ctx.progress(`${size}: ${i + 1}/${pairs} pairs, framed ${median(framed).toFixed(0)} MiB/s, raw ${median(raw).toFixed(0)} MiB/s`);
  }
  return { framed, raw, ratios: framed.map((f, i) => f / raw[i]!), messagesPerBatch, framedPayloadBytes: framedPayload.length };
}

/** Metrics every paired benchmark reports, whichever side its samples are. */
export function pairedMetrics(samples: PairedSamples) {
  return {
    'framed-MiB/s': { value: median(samples.framed), unit: 'MiB/s', note: 'median over batches, core server echo, length-prefixed + msgpack' },
    'raw-MiB/s': { value: median(samples.raw), unit: 'MiB/s', note: 'median over batches, bare passthrough child' },
    'ratio-to-raw': { value: median(samples.ratios), unit: 'ratio', note: 'median of per-pair framed/raw' },
  };
}
