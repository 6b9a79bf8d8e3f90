import type { FailureRecord, Marker, MarkingReceipt, MarkingWay, TmaInput } from './marker.ts';
import { describeError, StageError, StageTimer, type StageName, type StageObserver } from './stage-timer.ts';

interface OutcomeBase {
  tmaId: string;
  way: MarkingWay;
  /** Wall time of the whole marking, ms. */
  totalMs: number;
  /** Milliseconds per stage. */
  timings: Record<string, number>;
}

export interface MarkingSuccess extends OutcomeBase {
  ok: true;
  receipt: MarkingReceipt;
}

export interface MarkingFailure extends OutcomeBase {
  ok: false;
  /** The stage that failed. */
  stage: StageName;
  error: string;
  /** Where the MarkingFailed was recorded. */
  failure: FailureRecord;
}

export type MarkingOutcome = MarkingSuccess | MarkingFailure;

export interface BatchOutcome {
  way: MarkingWay;
  count: number;
  ok: number;
  failed: MarkingFailure[];
  totalMs: number;
  tmasPerSecond: number;
  /** Sum of each stage's milliseconds over the batch. */
  stageTotalsMs: Record<string, number>;
  outcomes: MarkingOutcome[];
}

export interface MarkingPipelineOptions {
  /** Told when each stage starts (fault injection in tests). */
  observer?: StageObserver;
}

/**
 * Runs markings through one Marker: TMA text → parse → validate → PII detection → anonymisation →
 * (model load) → AI feedback per answer → mark → event store, timing every stage. A stage that
 * throws ends the marking: the pipeline records a MarkingFailed {stage, tmaId, error} (event store,
 * else failure log) and reports which stage failed for which TMA. It never throws for a failed
 * marking; a batch goes on with the next TMA.
 */
export class MarkingPipeline {
  constructor(
    readonly marker: Marker,
    private readonly options: MarkingPipelineOptions = {},
  ) {}

  /** Marks one TMA. Pass a timer to add stages timed before (store open, model load in a cold start). */
  async mark(tma: TmaInput, timer = new StageTimer(this.options.observer)): Promise<MarkingOutcome> {
    const start = performance.now();
    try {
      const receipt = await this.marker.mark(tma, timer);
      return { ok: true, tmaId: tma.id, way: this.marker.way, totalMs: performance.now() - start, timings: timer.toRecord(), receipt };
    } catch (error) {
      const stage = error instanceof StageError ? error.stage : 'store';
      const cause = await underlyingError(error instanceof StageError ? error.cause : error);
      const message = describeError(cause);
      const failure = await this.marker.recordFailure({ tmaId: tma.id, stage, error: message });
      return { ok: false, tmaId: tma.id, way: this.marker.way, totalMs: performance.now() - start, timings: timer.toRecord(), stage, error: message, failure };
    }
  }

  /** Marks TMAs one after another (the model generates one answer at a time anyway). */
  async markBatch(tmas: readonly TmaInput[], onProgress?: (done: number, outcome: MarkingOutcome) => void): Promise<BatchOutcome> {
    const start = performance.now();
    const outcomes: MarkingOutcome[] = [];
    for (const tma of tmas) {
      const outcome = await this.mark(tma);
      outcomes.push(outcome);
      onProgress?.(outcomes.length, outcome);
    }
    const totalMs = performance.now() - start;
    const failed = outcomes.filter((o): o is MarkingFailure => !o.ok);
    return {
      way: this.marker.way,
      count: tmas.length,
      ok: outcomes.length - failed.length,
      failed,
      totalMs,
      tmasPerSecond: tmas.length / (totalMs / 1000),
      stageTotalsMs: sumTimings(outcomes.map((o) => o.timings)),
      outcomes,
    };
  }
}

/** Adds up stage timings (per-stage totals over several markings). */
export function sumTimings(all: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of all) for (const [k, v] of Object.entries(t)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Per-stage means over several markings (a stage missing from a marking counts as 0 there). */
export function meanTimings(all: readonly Record<string, number>[]): Record<string, number> {
  const sum = sumTimings(all);
  return Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, v / Math.max(1, all.length)]));
}

/**
 * lmdb-js reports a failed commit as "Commit failed (see commitError for details)" with the real
 * error (e.g. EFBIG: file too large) in a rejected `commitError` promise: report that one.
 */
async function underlyingError(error: unknown): Promise<unknown> {
  const commitError = (error as { commitError?: unknown } | null)?.commitError;
  if (commitError instanceof Promise) {
    const reason: unknown = await commitError.then(() => undefined, (e: unknown) => e);
    if (reason instanceof Error) return new Error(`${(error as Error).message}: ${reason.message}`, { cause: reason });
  }
  return error;
}
