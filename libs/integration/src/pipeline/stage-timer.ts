/**
 * Stage timing: every marking records how long each of its stages took, so a report can say where
 * the time of a marking goes (parse, PII, anonymisation, model load, AI feedback, store, ...).
 */

/** Stages of a marking. Not every way has every stage (HTTP has `submit` instead of parse..store). */
export type StageName =
  | 'process-start'
  | 'store-open'
  | 'ipc-spawn'
  | 'api-start'
  | 'model-load'
  | 'parse'
  | 'validate'
  | 'pii-detect'
  | 'anonymise'
  | 'hash'
  | 'feedback'
  | 'mark'
  | 'store'
  | 'submit'
  | 'feedback-request'
  | 'fetch-feedback';

/** Milliseconds per stage, in the order the stages first ran. */
export type StageTimings = Map<StageName, number>;

/** Told when a stage starts (fault tests use it to kill a process at a chosen point). */
export type StageObserver = (stage: StageName) => void | Promise<void>;

/** A stage failed; `cause` is the original error. */
export class StageError extends Error {
  constructor(
    readonly stage: StageName,
    override readonly cause: unknown,
  ) {
    super(`stage '${stage}' failed: ${describeError(cause)}`, { cause });
    this.name = 'StageError';
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}

export class StageTimer {
  readonly timings: StageTimings = new Map();

  constructor(private readonly observer?: StageObserver) {}

  /** Runs `fn` as stage `name`, adding its duration (also when it throws) and wrapping any error in a StageError. */
  async stage<T>(name: StageName, fn: () => T | Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      await this.observer?.(name);
      return await fn();
    } catch (error) {
      throw error instanceof StageError ? error : new StageError(name, error);
    } finally {
      this.add(name, performance.now() - start);
    }
  }

  /** Adds milliseconds measured elsewhere (e.g. in a child process, or inside the HTTP server). */
  add(name: StageName, ms: number): void {
    this.timings.set(name, (this.timings.get(name) ?? 0) + ms);
  }

  /** Moves `ms` of `from` into `to`: a stage measured inside another one (AI feedback inside the feedback request). */
  split(from: StageName, to: StageName, ms: number): void {
    if (ms <= 0) return;
    this.timings.set(from, Math.max(0, (this.timings.get(from) ?? 0) - ms));
    this.add(to, ms);
  }

  /** The timings as a plain object (JSON, bench details). */
  toRecord(): Record<string, number> {
    return Object.fromEntries(this.timings);
  }

  totalMs(): number {
    let sum = 0;
    for (const ms of this.timings.values()) sum += ms;
    return sum;
  }
}
