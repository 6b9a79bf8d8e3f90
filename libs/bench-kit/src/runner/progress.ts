import type { Side } from '../results/comparison-schema.ts';
import type { RawBenchmark } from './protocol.ts';
import { formatValue } from '../report/format.ts';
import { median } from '../stats/descriptive.ts';

/** The median per-iteration value of a raw result: a rough figure for the progress line. */
function typicalValue(raw: RawBenchmark): number {
  return raw.values.length ? median(raw.values.map((v, i) => v / raw.iterations[i])) : NaN;
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Progress while a run goes on: on a terminal one live status line (which benchmark, phase,
 * elapsed time); elsewhere (CI logs, Nx's captured output) one line per event, with a heartbeat
 * at most every 10 s for long phases, so a log never looks hung.
 */
export class Progress {
  private readonly tty: boolean;
  private readonly started = performance.now();
  private index = 0;
  private currentStart = 0;
  private lastHeartbeat = 0;
  private live = '';

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly total: number,
  ) {
    this.tty = Boolean((out as NodeJS.WriteStream).isTTY) && !process.env.CI;
  }

  private counter(): string {
    const w = String(this.total).length;
    return `[${String(this.index).padStart(w)}/${this.total}]`;
  }

  private elapsed(): string {
    return clock(performance.now() - this.started);
  }

  private clearLive(): void {
    if (this.tty && this.live) {
      this.out.write('\r\x1b[2K');
      this.live = '';
    }
  }

  private setLive(text: string): void {
    if (!this.tty) return;
    const cols = (this.out as NodeJS.WriteStream).columns ?? 120;
    this.live = text.slice(0, cols - 1);
    this.out.write(`\r\x1b[2K${this.live}`);
  }

  private line(text: string): void {
    this.clearLive();
    this.out.write(`${text}\n`);
  }

  header(text: string): void {
    this.line(text);
  }

  note(text: string): void {
    this.line(text);
  }

  /** Output the child wrote to stderr, kept readable around the live line. */
  passthrough(chunk: Buffer): void {
    this.clearLive();
    this.out.write(chunk);
  }

  start(id: string): void {
    this.index++;
    this.currentStart = performance.now();
    this.lastHeartbeat = this.currentStart;
    if (this.tty) this.setLive(`${this.counter()} ${id}  starting…  ${this.elapsed()}`);
    else this.line(`▶ ${this.counter()} ${id}`);
  }

  phase(id: string, phase: string, done: number, total: number): void {
    const detail = phase === 'sampling' ? `sampling ${done}/${total}` : `warm-up ${Math.round((100 * done) / Math.max(total, 1))}%`;
    if (this.tty) {
      this.setLive(`${this.counter()} ${id}  ${detail}  ${this.elapsed()}`);
      return;
    }
    const now = performance.now();
    if (now - this.lastHeartbeat > 10_000) {
      this.lastHeartbeat = now;
      this.line(`  … ${id} ${detail} (${clock(now - this.currentStart)} in this benchmark)`);
    }
  }

  message(id: string, message: string): void {
    this.lastHeartbeat = performance.now();
    if (this.tty) this.setLive(`${this.counter()} ${id}  ${message}  ${this.elapsed()}`);
    else this.line(`  · ${id}: ${message}`);
  }

  /** A finished benchmark; `side` names the revision in a comparison when only one side has it. */
  finish(raw: RawBenchmark, side?: Side): void {
    const label = side ? `${raw.id} (${side} only)` : raw.id;
    let summary: string;
    if (raw.status === 'ok' && raw.values.length === 0) {
      summary = `✓ ${label}  measured (instruction counts are read from callgrind when the process ends)`;
    } else if (raw.status === 'ok') {
      summary = `✓ ${label}  ~${formatValue(typicalValue(raw), raw.unit)}`;
    } else if (raw.status === 'skipped') {
      summary = `○ ${label}  skipped: ${raw.reason ?? ''}`;
    } else {
      summary = `✗ ${label}  FAILED: ${(raw.reason ?? '').split('\n')[0]}`;
    }
    this.done(summary);
  }

  /** Both revisions of a benchmark measured interleaved in one process (`--against`). */
  finishPaired(id: string, base: RawBenchmark, head: RawBenchmark): void {
    const b = typicalValue(base);
    const h = typicalValue(head);
    this.done(`✓ ${id}  base ~${formatValue(b, base.unit)}, head ~${formatValue(h, head.unit)} (head/base ${(h / b).toFixed(3)} in this process)`);
  }

  private done(summary: string): void {
    const secs = ((performance.now() - this.currentStart) / 1000).toFixed(1);
    this.line(`${this.tty ? `${this.counter()} ` : '  '}${summary}  (${secs} s, ${this.elapsed()} total)`);
  }

  end(): void {
    this.clearLive();
  }
}
