import { generateTma, type TmaSize } from '@workflow-bench/core';
import type { TmaInput } from '../pipeline/marker.ts';

/**
 * `count` distinct, deterministic TMAs (core's generator, seeds 1..count) with ids `<tag>-<n>`.
 * Ids name the marking streams, so every run uses a new tag (a TMA is marked once per store).
 */
export function workloadTmas(count: number, size: TmaSize, tag: string): TmaInput[] {
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`workloadTmas: count must be a positive integer, got ${count}`);
  return Array.from({ length: count }, (_, i) => ({ id: `${tag}-${i + 1}`, text: generateTma(size, i + 1).text }));
}
