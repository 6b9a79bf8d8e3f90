import type { Side } from '../results/comparison-schema.ts';
import type { RawBenchmark } from './protocol.ts';
import { formatValue } from '../report/format.ts';
import { painterFor, type Painter } from '../report/colour.ts';
import { median } from '../stats/descriptive.ts';
import { describeExpectation, formatDuration, type ExpectedBenchmark, type RunExpectation } from './expected-duration.ts';
import type { RelativeSummary } from '../analysis/relative.ts';
import { formatRelative } from '../report/relative.ts';

/** The median per-iteration value of a raw result: a rough figure for the progress line. */
function typicalValue(raw: RawBenchmark): number {
  return raw.values.length ? median(raw.values.map((v, i) => v / raw.iterations[i])) : NaN;
}

export interface ProgressOptions {
  /** What the run expects (benchmarks, plans, last durations): enables the time left. */
  expectation?: RunExpectation;
  /** Colour (default: from the stream and the environment, see report/colour.ts). */
  paint?: Painter;
  /** A live, redrawn status line (default: the stream is a terminal and CI is not set). */
  live?: boolean;
  /** The clock, in ms (tests pass a fake one). */
  now?: () => number;
}

/**
 * The time left, from the run's expectation corrected by what it has seen so far: each benchmark
 * that finished ok tells how far off its kind of expectation is on this machine today (actual /
 * expected, clamped to [0.2, 5]), separately for figures from the last run and from the sampling
 * plan (the plan leaves out set-up, the last run does not); benchmarks without a figure count as
 * the mean finished one. Without an expectation (a comparison): the mean finished benchmark times
 * the number left.
 */
class TimeLeft {
  private readonly remaining = new Map<string, { count: number; expectedMs: number | null; source: ExpectedBenchmark['source'] }>();
  private remainingFiles = 0;
  private readonly seen = new Map<string, { expected: number; actual: number }>();
  private finished = 0;
  private finishedMs = 0;

  constructor(
    private readonly expectation: RunExpectation | undefined,
    private readonly total: number,
  ) {
    if (!expectation) return;
    for (const b of expectation.perRound) {
      const r = this.remaining.get(b.id) ?? { count: 0, expectedMs: b.expectedMs, source: b.source };
      r.count += expectation.rounds;
      this.remaining.set(b.id, r);
    }
    this.remainingFiles = expectation.files * expectation.rounds;
  }

  fileStarted(): void {
    if (this.remainingFiles > 0) this.remainingFiles--;
  }

  /**
   * A benchmark ended; `tookMs` is undefined when it never started (a crashed process's leftovers).
   * Only benchmarks that ran ok correct the expectations: a skip or failure ends early.
   */
  finish(id: string, tookMs: number | undefined, ok: boolean): void {
    this.finished++;
    if (tookMs !== undefined) this.finishedMs += tookMs;
    const r = this.remaining.get(id);
    if (!r || r.count === 0) return;
    r.count--;
    if (ok && tookMs !== undefined && r.expectedMs !== null && r.source) {
      const c = this.seen.get(r.source) ?? { expected: 0, actual: 0 };
      c.expected += r.expectedMs;
      c.actual += tookMs;
      this.seen.set(r.source, c);
    }
  }

  private correction(source: ExpectedBenchmark['source']): number {
    const c = source ? this.seen.get(source) : undefined;
    return c && c.expected > 0 ? Math.min(5, Math.max(0.2, c.actual / c.expected)) : 1;
  }

  /** Ms left, or null when nothing is known yet. `current` is the running benchmark and its elapsed time. */
  left(current: { id: string; elapsedMs: number } | null): number | null {
    const meanFinished = this.finished > 0 ? this.finishedMs / this.finished : null;
    if (!this.expectation) {
      if (meanFinished === null) return null;
      const left = Math.max(0, this.total - this.finished) * meanFinished;
      return Math.max(0, left - (current?.elapsedMs ?? 0));
    }
    let ms = this.remainingFiles * this.expectation.processStartMs;
    for (const [id, r] of this.remaining) {
      if (r.count === 0) continue;
      const each = r.expectedMs !== null ? r.expectedMs * this.correction(r.source) : meanFinished;
      if (each === null) continue;
      ms += r.count * each;
      if (current && current.id === id) ms -= Math.min(each, current.elapsedMs);
    }
    return Math.max(0, ms);
  }
}

/**
 * Progress while a run goes on: on a terminal one live status line (which benchmark, phase,
 * elapsed time, time left); elsewhere (CI logs, Nx's captured output) one line per event, with a
 * heartbeat at most every 10 s for long phases, so a log never looks hung. Finished benchmarks are
 * green (ok), yellow (skipped) or red (failed) where colour is on (see report/colour.ts).
 */
export class Progress {
  private readonly live: boolean;
  private readonly paint: Painter;
  private readonly now: () => number;
  private readonly started: number;
  private readonly timeLeft: TimeLeft;
  private index = 0;
  private current: string | null = null;
  private currentStart = 0;
  private lastHeartbeat = 0;
  private liveText = '';

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly total: number,
    private readonly options: ProgressOptions = {},
  ) {
    this.live = options.live ?? (Boolean((out as NodeJS.WriteStream).isTTY) && !process.env.CI);
    this.paint = options.paint ?? painterFor(out as NodeJS.WriteStream);
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    this.timeLeft = new TimeLeft(options.expectation, total);
  }

  private counter(): string {
    const w = String(this.total).length;
    return `[${String(this.index).padStart(w)}/${this.total}]`;
  }

  private elapsed(): string {
    return formatDuration(this.now() - this.started);
  }

  private left(): string {
    const ms = this.timeLeft.left(this.current ? { id: this.current, elapsedMs: this.now() - this.currentStart } : null);
    return ms === null ? '' : `~${formatDuration(ms)} left`;
  }

  private clock(): string {
    const left = this.left();
    return this.paint('dim', `${this.elapsed()}${left ? ` · ${left}` : ''}`);
  }

  private clearLive(): void {
    if (this.live && this.liveText) {
      this.out.write('\r\x1b[2K');
      this.liveText = '';
    }
  }

  private setLive(text: string): void {
    if (!this.live) return;
    // A pseudo-terminal may report 0 columns: treat that as unknown.
    const cols = (this.out as NodeJS.WriteStream).columns || 120;
    // Cut by visible length: colour codes take no columns.
    const visible = text.replace(/\x1b\[[0-9;]*m/g, '');
    this.liveText = visible.length > cols - 1 ? visible.slice(0, cols - 1) : text;
    this.out.write(`\r\x1b[2K${this.liveText}`);
  }

  private line(text: string): void {
    this.clearLive();
    this.out.write(`${text}\n`);
  }

  /** The run's first line, then (when the plan is known) the expected duration. */
  header(text: string): void {
    this.line(this.paint('strong', text));
    if (this.options.expectation) this.line(this.paint('dim', describeExpectation(this.options.expectation)));
  }

  note(text: string): void {
    this.line(text);
  }

  /** Relative summaries completed by the group that just ended, one line each. */
  relative(summaries: readonly RelativeSummary[]): void {
    for (const s of summaries) this.line(`  ${formatRelative(s, this.paint)}`);
  }

  /** A benchmark process starts (its start-up counts in the time left). */
  fileStarted(): void {
    this.timeLeft.fileStarted();
  }

  /** Output the child wrote to stderr, kept readable around the live line. */
  passthrough(chunk: Buffer): void {
    this.clearLive();
    this.out.write(chunk);
  }

  start(id: string): void {
    this.index++;
    this.current = id;
    this.currentStart = this.now();
    this.lastHeartbeat = this.currentStart;
    if (this.live) this.setLive(`${this.counter()} ${id}  starting…  ${this.clock()}`);
    else this.line(`▶ ${this.counter()} ${id}`);
  }

  phase(id: string, phase: string, done: number, total: number): void {
    const detail = phase === 'sampling' ? `sampling ${done}/${total}` : `warm-up ${Math.round((100 * done) / Math.max(total, 1))}%`;
    if (this.live) {
      this.setLive(`${this.counter()} ${id}  ${detail}  ${this.clock()}`);
      return;
    }
    const now = this.now();
    if (now - this.lastHeartbeat > 10_000) {
      this.lastHeartbeat = now;
      this.line(`  … ${id} ${detail} (${formatDuration(now - this.currentStart)} in this benchmark)`);
    }
  }

  message(id: string, message: string): void {
    this.lastHeartbeat = this.now();
    if (this.live) this.setLive(`${this.counter()} ${id}  ${message}  ${this.clock()}`);
    else this.line(`  · ${id}: ${message}`);
  }

  /** A finished benchmark; `side` names the revision in a comparison when only one side has it. */
  finish(raw: RawBenchmark, side?: Side): void {
    const label = side ? `${raw.id} (${side} only)` : raw.id;
    let summary: string;
    if (raw.status === 'ok' && raw.values.length === 0) {
      summary = `${this.paint('ok', '✓')} ${label}  measured (instruction counts are read from callgrind when the process ends)`;
    } else if (raw.status === 'ok') {
      summary = `${this.paint('ok', '✓')} ${label}  ~${formatValue(typicalValue(raw), raw.unit)}`;
    } else if (raw.status === 'skipped') {
      summary = this.paint('skipped', `○ ${label}  skipped: ${raw.reason ?? ''}`);
    } else {
      summary = this.paint('failed', `✗ ${label}  FAILED: ${(raw.reason ?? '').split('\n')[0]}`);
    }
    this.done(raw.id, summary, raw.status === 'ok');
  }

  /** Both revisions of a benchmark measured interleaved in one process (`--against`). */
  finishPaired(id: string, base: RawBenchmark, head: RawBenchmark): void {
    const b = typicalValue(base);
    const h = typicalValue(head);
    this.done(id, `${this.paint('ok', '✓')} ${id}  base ~${formatValue(b, base.unit)}, head ~${formatValue(h, head.unit)} (head/base ${(h / b).toFixed(3)} in this process)`, true);
  }

  private done(id: string, summary: string, ok: boolean): void {
    // Outputs after an instance's first arrive without a start of their own: they took no extra time.
    const started = this.current === id;
    const tookMs = started ? this.now() - this.currentStart : undefined;
    this.timeLeft.finish(id, tookMs, ok);
    if (started) this.current = null;
    const secs = (((started ? tookMs : undefined) ?? this.now() - this.currentStart) / 1000).toFixed(1);
    const left = this.left();
    const tail = this.paint('dim', `(${secs} s, ${this.elapsed()} total${left ? `, ${left}` : ''})`);
    this.line(`${this.live ? `${this.counter()} ` : '  '}${summary}  ${tail}`);
  }

  end(): void {
    this.clearLive();
  }
}
