import type { RawBenchmark } from './protocol.ts';
import { formatValue } from '../report/format.ts';

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

  finish(raw: RawBenchmark): void {
    const secs = ((performance.now() - this.currentStart) / 1000).toFixed(1);
    let summary: string;
    if (raw.status === 'ok' && raw.values.length === 0) {
      summary = `✓ ${raw.id}  measured (instruction counts are read from callgrind when the process ends)`;
    } else if (raw.status === 'ok') {
      const per = raw.values.map((v, i) => v / raw.iterations[i]).sort((a, b) => a - b);
      summary = `✓ ${raw.id}  ~${formatValue(per[Math.floor(per.length / 2)] ?? NaN, raw.unit)}`;
    } else if (raw.status === 'skipped') {
      summary = `○ ${raw.id}  skipped: ${raw.reason ?? ''}`;
    } else {
      summary = `✗ ${raw.id}  FAILED: ${(raw.reason ?? '').split('\n')[0]}`;
    }
    this.line(`${this.tty ? `${this.counter()} ` : '  '}${summary}  (${secs} s, ${this.elapsed()} total)`);
  }

  end(): void {
    this.clearLive();
  }
}
