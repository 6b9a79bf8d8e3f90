import { generateTma, type TmaSize } from '@workflow-bench/core';

export const MESSAGE_SIZES = ['small', 'medium', 'large'] as const satisfies readonly TmaSize[];

/**
 * A realistic message of each size: the server's response to `parse` of a generated TMA
 * (header, answers with their prose, word counts), as it travels on the wire.
 */
export function parseResponse(size: TmaSize): { id: number; result: unknown } {
  return { id: 4242, result: generateTma(size, 1).submission };
}
