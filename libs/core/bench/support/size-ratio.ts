import { blackBox } from '@workflow-bench/bench-kit';

/**
 * How the cost per byte of `fn` changes with input size: for each sample, the time per byte on
 * `large` divided by the time per byte on `small`, both measured back to back in this process so
 * both see the same machine load. 1 means linear; a quadratic step shows as the size ratio.
 *
 * The small input runs as many times as fit in the large one's bytes, so both halves of a sample
 * do the same work; the halves alternate (small first, then large first) so drift cancels.
 */
export function timePerByteRatios(fn: (input: string) => unknown, small: string, large: string, samples: number): number[] {
  const repeats = Math.max(1, Math.round(large.length / small.length));
  const gc = (globalThis as { gc?: () => void }).gc;
  const nsPerByte = (input: string, times: number): number => {
    gc?.(); // each half starts from the same heap state (bench-kit runs node with --expose-gc)
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < times; k++) blackBox(fn(input));
    return Number(process.hrtime.bigint() - t0) / (times * input.length);
  };
  // One untimed round of each, so the first sample does not pay for compilation.
  nsPerByte(small, repeats);
  nsPerByte(large, 1);
  const ratios: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i % 2 === 0) {
      const s = nsPerByte(small, repeats);
      ratios.push(nsPerByte(large, 1) / s);
    } else {
      const l = nsPerByte(large, 1);
      ratios.push(l / nsPerByte(small, repeats));
    }
  }
  return ratios;
}
