import type { BenchContext } from '@workflow-bench/bench-kit';
import { CoreClient } from '../../src/client/core-client.ts';
import { median } from './percentile.ts';
import { RawEcho } from './raw-echo.ts';

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
  const [framed, raw] = await Promise.all([CoreClient.spawn({ framing: 'length', codec: 'msgpack', timeoutMs: 60_000 }), Promise.resolve(new RawEcho())]);
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
}

/**
 * Alternates batches of framed and raw echoes of the same payload (which goes first alternates
 * too), so both sides see the same machine noise and the ratio is paired sample by sample.
 * A batch sends `messagesPerBatch` payloads one after another (each waits for its echo) and its
 * rate is payload bytes echoed per second (each byte counted once, though it crosses two pipes).
 */
export async function measurePaired(pair: EchoPair, size: PayloadSize, ctx: BenchContext): Promise<PairedSamples> {
  const bytes = PAYLOAD_BYTES[size];
  const payload = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) payload[i] = (i * 31) & 0xff;
  // ~2 MiB per batch (at least 4 messages): long enough to time, short enough for many pairs.
  const messagesPerBatch = Math.max(4, Math.round((2 * MiB) / bytes));
  const pairs = ctx.quick ? 8 : 30;

  const echoed = await pair.framed.echo(payload);
  if (Buffer.from(echoed).compare(payload) !== 0) throw new Error(`echo of ${size} came back different`);

  const framedBatch = async () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < messagesPerBatch; i++) await pair.framed.echo(payload);
    return rate(start);
  };
  const rawBatch = async () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < messagesPerBatch; i++) await pair.raw.roundTrip(payload);
    return rate(start);
  };
  const rate = (start: bigint) => (messagesPerBatch * bytes) / MiB / (Number(process.hrtime.bigint() - start) / 1e9);

  // Warm-up: JIT both paths and grow the pipes' buffers.
  for (let i = 0; i < (ctx.quick ? 1 : 3); i++) {
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
  return { framed, raw, ratios: framed.map((f, i) => f / raw[i]!), messagesPerBatch };
}

/** Metrics every paired benchmark reports, whichever side its samples are. */
export function pairedMetrics(samples: PairedSamples) {
  return {
    'framed-MiB/s': { value: median(samples.framed), unit: 'MiB/s', note: 'median over batches, core server echo, length-prefixed + msgpack' },
    'raw-MiB/s': { value: median(samples.raw), unit: 'MiB/s', note: 'median over batches, bare passthrough child' },
    'ratio-to-raw': { value: median(samples.ratios), unit: 'ratio', note: 'median of per-pair framed/raw' },
  };
}
