import vm from 'node:vm';

/**
 * Runs `n` iterations of a benchmark function inside the marked region callgrind counts
 * (see callgrind.ts). The script only calls back into the loop, so the constant cost of entering
 * the region is the same for every call and cancels in the difference of two iteration counts.
 */
const REGION_GLOBAL = '__workflowBenchRegion';
const script = new vm.Script(`${REGION_GLOBAL}()`, { filename: 'bench-kit-instruction-region.js' });
const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

let sinkSlot: unknown;

export function makeRegion(fn: (state: unknown) => unknown, state: unknown): (n: number) => void {
  let iterations = 0;
  const loop = () => {
    let last: unknown;
    for (let i = 0; i < iterations; i++) last = fn(state);
    sinkSlot = last;
  };
  return (n: number) => {
    iterations = n;
    (globalThis as Record<string, unknown>)[REGION_GLOBAL] = loop;
    gc?.();
    script.runInThisContext();
  };
}

export function lastRegionValue(): unknown {
  return sinkSlot;
}
