import type { BenchContext } from '@workflow-bench/bench-kit';
import type { ModelSize } from '@workflow-bench/ai';
import type { TmaSize } from '@workflow-bench/core';
import { modelSizeFromEnv } from '../../src/feedback/feedback-model.ts';
import type { FeedbackSizing } from '../../src/feedback/llama-feedback.ts';

/**
 * What the integration benchmarks run, from the environment (bin/integration-bench.ts turns its
 * flags into these variables):
 *
 * - NUM_ITERATIONS: measured markings (or processes, or loads) per benchmark; default 3 quick, 10 full
 *   (db-ops: 30 / 100, batches: 1 / 2 runs);
 * - WARMUP_ITERATIONS: unmeasured ones before them; default 1 quick, 2 full (cold-start: 0);
 * - INTEGRATION_MODEL_SIZE: tiny | small (default small: the goals are for `small`);
 * - INTEGRATION_MODEL: a GGUF file to use instead of the generated model.
 */
export class SettingError extends Error {
  constructor(variable: string, value: string, expected: string) {
    super(`${variable}=${JSON.stringify(value)}: expected ${expected}`);
    this.name = 'SettingError';
  }
}

function intFromEnv(name: string, min: number): number | undefined {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new SettingError(name, raw, `a whole number >= ${min}`);
  return n;
}

export function iterations(ctx: BenchContext, quick: number, full: number): number {
  return intFromEnv('NUM_ITERATIONS', 1) ?? (ctx.quick ? quick : full);
}

export function warmups(ctx: BenchContext, quick = 1, full = 2): number {
  return intFromEnv('WARMUP_ITERATIONS', 0) ?? (ctx.quick ? quick : full);
}

export function modelSize(): ModelSize {
  return modelSizeFromEnv();
}

/** The marking workload: quick marks the small TMA (3 answers) with 32 tokens an answer; full a medium one (8 answers) with 64. */
export interface Workload extends FeedbackSizing {
  tmaSize: TmaSize;
}

export function workload(ctx: BenchContext): Workload {
  return ctx.quick ? { tmaSize: 'small', tokensPerAnswer: 32, maxPromptTokens: 128 } : { tmaSize: 'medium', tokensPerAnswer: 64, maxPromptTokens: 128 };
}
