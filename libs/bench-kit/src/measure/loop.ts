import { blackBox } from './black-box.ts';

/** Runs `fn(state)` `n` times and returns the elapsed nanoseconds. */
export type SyncLoop = (n: number) => number;
export type AsyncLoop = (n: number) => Promise<number>;

/**
 * Each benchmark gets its own freshly compiled loop (mitata's approach): a loop function shared by
 * all benchmarks would see many different callees, go megamorphic, and charge every benchmark for
 * the polymorphic call. `new Function` gives each loop its own feedback, so the only overhead is
 * the one the empty-function calibration also pays.
 */
export function compileSyncLoop(fn: (state: unknown) => unknown, state: unknown): SyncLoop {
  const factory = new Function(
    'fn',
    'state',
    'now',
    'sink',
    `return function syncLoop(n) {
      let last;
      const t0 = now();
      for (let i = 0; i < n; i++) last = fn(state);
      const t1 = now();
      sink(last);
      return Number(t1 - t0);
    };`,
  ) as (fn: unknown, state: unknown, now: () => bigint, sink: (v: unknown) => unknown) => SyncLoop;
  return factory(fn, state, process.hrtime.bigint, blackBox);
}

export function compileAsyncLoop(fn: (state: unknown) => unknown, state: unknown): AsyncLoop {
  const factory = new Function(
    'fn',
    'state',
    'now',
    'sink',
    `return async function asyncLoop(n) {
      let last;
      const t0 = now();
      for (let i = 0; i < n; i++) last = await fn(state);
      const t1 = now();
      sink(last);
      return Number(t1 - t0);
    };`,
  ) as (fn: unknown, state: unknown, now: () => bigint, sink: (v: unknown) => unknown) => AsyncLoop;
  return factory(fn, state, process.hrtime.bigint, blackBox);
}
