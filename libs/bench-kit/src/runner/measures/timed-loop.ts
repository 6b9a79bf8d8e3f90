import type { TimedBenchmark } from '../../define/suite.ts';
import { compileAsyncLoop, compileSyncLoop } from '../../measure/loop.ts';
import type { Loop } from '../../measure/sampler.ts';
import type { PreparedSide } from '../lifecycle.ts';
import type { RawBenchmark } from '../protocol.ts';

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

export interface TimedLoop {
  def: TimedBenchmark<unknown, string>;
  loop: Loop;
  isAsync: boolean;
}

/**
 * The benchmark's own freshly compiled loop (see measure/loop.ts). One probing call tells sync
 * from async functions; it also counts as the first warm-up call.
 */
export async function compileTimedLoop(p: PreparedSide): Promise<TimedLoop> {
  const def = p.instance.definition as TimedBenchmark<unknown, string>;
  const fn = (s: unknown) => def.fn(s, p.ctx);
  const probe = fn(p.state);
  const isAsync = isThenable(probe);
  if (isAsync) await probe;
  const loop: Loop = isAsync ? { sync: false, run: compileAsyncLoop(fn, p.state) } : { sync: true, run: compileSyncLoop(fn, p.state) };
  return { def, loop, isAsync };
}

/** A timed benchmark's throughput spec resolved against its state. */
export function throughputOf(def: TimedBenchmark<unknown, string>, state: unknown): RawBenchmark['throughput'] {
  if (!def.throughput) return undefined;
  const per = def.throughput.perIteration;
  return { unit: def.throughput.unit, perIteration: typeof per === 'function' ? per(state) : per };
}
