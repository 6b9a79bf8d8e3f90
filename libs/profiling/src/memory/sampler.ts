/** One reading of `process.memoryUsage()`, `tMs` after the sampler started. All sizes in bytes. */
export interface MemorySample {
  tMs: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export const MEMORY_CSV_HEADER = 't_ms,rss,heapUsed,heapTotal,external,arrayBuffers';

/** Peaks and shape of a memory time series. */
export interface MemorySummary {
  samples: number;
  durationMs: number;
  /** Mean gap between samples: larger than asked when the workload blocks the thread longer. */
  meanIntervalMs: number;
  peakRss: number;
  peakHeapUsed: number;
  peakHeapTotal: number;
  peakExternal: number;
  peakArrayBuffers: number;
  startRss: number;
  endRss: number;
}

/**
 * Samples process memory at a fixed interval inside the workload process.
 *
 * A timer alone is not enough: a synchronous benchmark loop never yields to the event loop, so
 * the timer would not fire until it ends. The workload calls `poll()` between batches of
 * repetitions, which samples when an interval has passed; the timer covers async workloads.
 */
export class MemorySampler {
  readonly samples: MemorySample[] = [];
  private started = 0;
  private last = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly intervalMs: number = 50,
    private readonly read: () => NodeJS.MemoryUsage = () => process.memoryUsage(),
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(intervalMs > 0)) throw new RangeError(`memory sampling interval must be > 0 ms, got ${intervalMs}`);
  }

  start(): void {
    this.started = this.now();
    this.take();
    this.timer = setInterval(() => this.poll(), this.intervalMs);
    this.timer.unref();
  }

  /** Takes a sample if at least one interval has passed since the last one. */
  poll(): void {
    if (this.now() - this.last >= this.intervalMs) this.take();
  }

  stop(): MemorySample[] {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.take();
    return this.samples;
  }

  private take(): void {
    const t = this.now();
    const m = this.read();
    this.last = t;
    this.samples.push({
      tMs: Math.max(0, t - this.started),
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
    });
  }
}

export function memoryCsv(samples: readonly MemorySample[]): string {
  const lines = [MEMORY_CSV_HEADER];
  for (const s of samples) {
    lines.push(`${s.tMs.toFixed(1)},${s.rss},${s.heapUsed},${s.heapTotal},${s.external},${s.arrayBuffers}`);
  }
  return lines.join('\n') + '\n';
}

/** Reads a memory CSV back (used by tests and by the by-size summary). */
export function parseMemoryCsv(text: string, source = 'memory CSV'): MemorySample[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0] !== MEMORY_CSV_HEADER) {
    throw new Error(`${source}: first line must be ${JSON.stringify(MEMORY_CSV_HEADER)}, got ${JSON.stringify(lines[0] ?? '')}`);
  }
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',').map(Number);
    if (cells.length !== 6 || cells.some((c) => !Number.isFinite(c))) {
      throw new Error(`${source}: line ${i + 2} is not 6 numbers: ${JSON.stringify(line)}`);
    }
    const [tMs, rss, heapUsed, heapTotal, external, arrayBuffers] = cells as [number, number, number, number, number, number];
    return { tMs, rss, heapUsed, heapTotal, external, arrayBuffers };
  });
}

export function summariseMemory(samples: readonly MemorySample[]): MemorySummary {
  if (samples.length === 0) throw new Error('no memory samples to summarise');
  const peak = (k: keyof MemorySample): number => samples.reduce((m, s) => Math.max(m, s[k]), 0);
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const durationMs = last.tMs - first.tMs;
  return {
    samples: samples.length,
    durationMs,
    meanIntervalMs: samples.length > 1 ? durationMs / (samples.length - 1) : 0,
    peakRss: peak('rss'),
    peakHeapUsed: peak('heapUsed'),
    peakHeapTotal: peak('heapTotal'),
    peakExternal: peak('external'),
    peakArrayBuffers: peak('arrayBuffers'),
    startRss: first.rss,
    endRss: last.rss,
  };
}
