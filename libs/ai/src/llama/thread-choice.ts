import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname } from 'node:path';

/**
 * Which thread count llama.cpp gets by default. On a small, shared machine more threads can be far
 * slower: llama.cpp's workers spin-wait at every barrier, so when a core is busy elsewhere the whole
 * token waits for a descheduled thread (2 threads were seen ~30× slower than 1 on 2 cores). The
 * count is therefore measured on this machine, not assumed, and remembered per hardware.
 */
export interface ThreadChoice {
  threads: number;
  source: 'env' | 'measured';
  /** Generated tokens/s measured per thread count (when measured). */
  tokensPerSecond: Record<string, number>;
  measuredAt?: string;
  hardware: string;
}

export const THREADS_ENV = 'AI_LLAMA_THREADS';
/** A remembered choice is re-measured after this long (machine load changes). */
const MAX_AGE_MS = 24 * 3600 * 1000;

export function hardwareKey(backend: string): string {
  return `${cpus()[0]?.model ?? 'cpu'}|${availableParallelism()} cores|${backend}`;
}

/** 1, 2, 4, … up to the core count, plus the core count itself. */
export function threadCandidates(cores = availableParallelism()): number[] {
  const out: number[] = [];
  for (let t = 1; t < cores; t *= 2) out.push(t);
  out.push(cores);
  return out;
}

export function bestOf(tokensPerSecond: Record<string, number>): number {
  let best = 1;
  let bestRate = -Infinity;
  for (const [threads, rate] of Object.entries(tokensPerSecond)) {
    if (rate > bestRate) {
      bestRate = rate;
      best = Number(threads);
    }
  }
  return best;
}

export function readThreadChoice(file: string, hardware: string, now = Date.now()): ThreadChoice | undefined {
  const env = process.env[THREADS_ENV];
  if (env !== undefined && env !== '') {
    const threads = Number(env);
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`${THREADS_ENV}=${env} is not a positive integer`);
    return { threads, source: 'env', tokensPerSecond: {}, hardware };
  }
  if (!existsSync(file)) return undefined;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as ThreadChoice;
    if (saved.hardware !== hardware || !saved.measuredAt || now - Date.parse(saved.measuredAt) > MAX_AGE_MS) return undefined;
    return saved;
  } catch {
    return undefined;
  }
}

/** Remembers measured rates (merged with earlier ones for the same hardware) and the best count. */
export function saveThreadMeasurement(file: string, hardware: string, tokensPerSecond: Record<string, number>): ThreadChoice {
  let rates = { ...tokensPerSecond };
  const previous = existsSync(file) ? readThreadChoice(file, hardware) : undefined;
  if (previous?.source === 'measured') rates = { ...previous.tokensPerSecond, ...tokensPerSecond };
  const choice: ThreadChoice = { threads: bestOf(rates), source: 'measured', tokensPerSecond: rates, measuredAt: new Date().toISOString(), hardware };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(choice, null, 2)}\n`);
  renameSync(tmp, file);
  return choice;
}
