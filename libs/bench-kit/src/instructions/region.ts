import vm from 'node:vm';
import type { SyncLoop } from '../measure/loop.ts';

/**
 * Runs `n` iterations of a benchmark inside the marked region callgrind counts (see
 * callgrind.ts). The region calls the benchmark's own compiled loop — the one the warm-up already
 * drove through V8's tiers — so no tier-up of a fresh loop lands inside a measured region (a fresh
 * loop per region showed late pairs 1-5% high). Entering the region costs the same every time and
 * cancels in the difference of two iteration counts.
 */
const REGION_GLOBAL = '__workflowBenchRegion';
const script = new vm.Script(`${REGION_GLOBAL}()`, { filename: 'bench-kit-instruction-region.js' });
const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

export function makeRegion(loop: SyncLoop): (n: number) => void {
  let iterations = 0;
  const enter = () => loop(iterations);
  return (n: number) => {
    iterations = n;
    (globalThis as Record<string, unknown>)[REGION_GLOBAL] = enter;
    gc?.();
    script.runInThisContext();
  };
}
