/**
 * The one lifecycle every benchmark goes through, whatever measures it (tinybench ends every path
 * of a task in one `#processRunResult`; this is the same idea):
 *
 *   context → set-up (each side, in order) → measure (a strategy) → teardown (reverse order, always)
 *   → one result builder, or one not-ok result when anything threw.
 *
 * A side is one revision of a benchmark: ordinary runs have one, `--against` runs two (base and
 * head, set up in the order the process was told). The strategies live in ./measures/.
 */
import { BenchSkip, type BenchContext } from '../define/suite.ts';
import type { Side } from '../results/comparison-schema.ts';
import { MemoryTracker } from '../measure/sampler.ts';
import type { BenchmarkInstance, BenchmarkOutput } from './expand.ts';
import type { RawBenchmark } from './protocol.ts';

/** A side of a benchmark after its set-up ran. */
export interface PreparedSide {
  side: Side | undefined;
  instance: BenchmarkInstance;
  ctx: BenchContext;
  state: unknown;
  /** Tracks this side's memory from before its set-up. */
  memory: MemoryTracker;
}

/** What a strategy measured for one output: a RawBenchmark without the identity and outcome. */
export type Measurement = Omit<RawBenchmark, 'id' | 'group' | 'name' | 'param' | 'status' | 'reason' | 'error' | 'durationMs'>;

/** Per output key (undefined for single-output benchmarks): a measurement, or why there is none. */
export type Measurements<T = Measurement> = Map<string | undefined, T | Error>;

/** An error that knows which revision it happened on (paired runs). */
export class SideError extends Error {
  constructor(
    readonly side: Side,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'SideError';
  }
}

export type LifecycleOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; status: 'skipped' | 'failed'; reason: string; error?: string; side?: Side };

export function makeContext(instance: BenchmarkInstance, quick: boolean, progress: (message: string) => void): BenchContext {
  return {
    param: instance.param,
    id: instance.id,
    quick,
    progress,
    skip: (reason) => {
      throw new BenchSkip(reason);
    },
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** BenchSkip → skipped, anything else → failed; a SideError keeps its side. */
export function notOk(err: unknown): Extract<LifecycleOutcome<never>, { ok: false }> {
  const side = err instanceof SideError ? err.side : undefined;
  const cause = err instanceof SideError ? err.cause : err;
  if (cause instanceof BenchSkip) return { ok: false, status: 'skipped', reason: cause.reason, ...(side ? { side } : {}) };
  return {
    ok: false,
    status: 'failed',
    reason: cause instanceof Error ? cause.message : String(cause),
    error: errorText(cause),
    ...(side ? { side } : {}),
  };
}

export interface SideSpec {
  side: Side | undefined;
  instance: BenchmarkInstance;
}

/**
 * Sets up each side in order, runs `body`, and tears the sides down in reverse order whatever
 * happened. Any throw (set-up, measurement, teardown, `ctx.skip`) becomes a not-ok outcome.
 */
export async function withStates<T>(
  sides: readonly SideSpec[],
  quick: boolean,
  progress: (id: string, message: string) => void,
  body: (prepared: PreparedSide[]) => Promise<T>,
): Promise<LifecycleOutcome<T>> {
  const prepared: PreparedSide[] = [];
  const tag = (side: Side | undefined, err: unknown) => (side && !(err instanceof SideError) ? new SideError(side, err) : err);
  try {
    try {
      for (const { side, instance } of sides) {
        const ctx = makeContext(instance, quick, (m) => progress(instance.id, side ? `${side}: ${m}` : m));
        const memory = new MemoryTracker();
        const def = instance.definition;
        let state: unknown;
        try {
          state = def.setup ? await def.setup(ctx) : undefined;
        } catch (err) {
          throw tag(side, err);
        }
        prepared.push({ side, instance, ctx, state, memory });
      }
      return { ok: true, value: await body(prepared) };
    } finally {
      for (const p of [...prepared].reverse()) {
        const teardown = p.instance.definition.teardown;
        if (!teardown) continue;
        try {
          await teardown(p.state, p.ctx);
        } catch (err) {
          throw tag(p.side, err);
        }
      }
    }
  } catch (err) {
    return notOk(err);
  }
}

/** The one result builder: identity and outcome stamped onto what was measured. */
export function buildRaw(output: BenchmarkOutput, m: Measurement, durationMs: number): RawBenchmark {
  return {
    id: output.id,
    group: output.group,
    ...(output.name !== undefined ? { name: output.name } : {}),
    ...(output.param !== undefined ? { param: output.param } : {}),
    status: 'ok',
    ...m,
    durationMs,
  };
}

/** The result of an output that was not measured: skipped or failed, with the reason. */
export function notOkRaw(
  output: BenchmarkOutput,
  kind: 'timed' | 'custom',
  outcome: { status: 'skipped' | 'failed'; reason: string; error?: string },
  durationMs: number,
): RawBenchmark {
  return {
    id: output.id,
    group: output.group,
    ...(output.name !== undefined ? { name: output.name } : {}),
    ...(output.param !== undefined ? { param: output.param } : {}),
    status: outcome.status,
    reason: outcome.reason,
    ...(outcome.error ? { error: outcome.error } : {}),
    kind,
    unit: 'ns',
    lowerIsBetter: true,
    samplingMode: kind === 'custom' ? 'custom' : 'linear',
    values: [],
    iterations: [],
    statistic: 'median',
    warnings: [],
    durationMs,
  };
}

/** A failed result for an id known only by name (a file that did not load, a child that died). */
export function failedRaw(id: string, reason: string, error?: string): RawBenchmark {
  const parts = id.split('/');
  return notOkRaw({ key: undefined, id, group: parts[1] ?? '' }, 'timed', { status: 'failed', reason, ...(error ? { error } : {}) }, 0);
}

export function kindOf(instance: BenchmarkInstance): 'timed' | 'custom' {
  return instance.definition.kind === 'custom' ? 'custom' : 'timed';
}

/** One result per output of an instance from a strategy's measurements (or the not-ok outcome). */
export function resultsOf(instance: BenchmarkInstance, outcome: LifecycleOutcome<Measurements>, durationMs: number): RawBenchmark[] {
  const kind = kindOf(instance);
  return instance.outputs.map((o) => {
    if (!outcome.ok) return notOkRaw(o, kind, outcome, durationMs);
    const m = outcome.value.get(o.key);
    if (m === undefined) return notOkRaw(o, kind, { status: 'failed', reason: `no measurement for output ${o.key ?? o.id}` }, durationMs);
    if (m instanceof Error) return notOkRaw(o, kind, notOk(m), durationMs);
    return buildRaw(o, m, durationMs);
  });
}
