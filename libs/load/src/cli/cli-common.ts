import { rename, writeFile } from 'node:fs/promises';
import { isLoopbackUrl } from '../driver/loopback.ts';
import { parseThresholdArgument, parseThresholds, ThresholdSyntaxError, type ParsedThreshold, type ThresholdSpec } from '../driver/thresholds.ts';
import { thresholdsPassed, type LoadResult } from '../results/load-result.ts';

/** The load CLIs' exit codes (k6's 99 for failed thresholds). */
export const EXIT = { ok: 0, runFailed: 1, usage: 2, thresholds: 99 } as const;

/** Bad arguments: the CLI prints the message and the usage on stderr and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A positive number (or integer) option; undefined when absent. */
export function positive(name: string, v: string | undefined, integer = false): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got '${v}'`);
  return n;
}

/** A non-negative number option (0 allowed: "none"); undefined when absent. */
export function nonNegative(name: string, v: string | undefined, integer = false): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} ≥ 0, got '${v}'`);
  return n;
}

/** The default thresholds (unless switched off) followed by the `--threshold 'metric:expr'` ones. */
export function cliThresholds(defaults: ThresholdSpec, args: readonly string[] | undefined, noDefaults: boolean): ParsedThreshold[] {
  try {
    return [...(noDefaults ? [] : parseThresholds(defaults)), ...(args ?? []).map(parseThresholdArgument)];
  } catch (err) {
    if (err instanceof ThresholdSyntaxError) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * Load may go to another host (the seed load-tests staging through BASE_URL), but only when the
 * user bounds it explicitly; the returned line says so and is printed first. Undefined for a
 * loopback target.
 */
export function remoteTargetNotice(url: string, bounds: Record<string, number | undefined>): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--url '${url}' is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`--url '${url}': only http:// and https:// targets`);
  if (isLoopbackUrl(url)) return undefined;
  const given = Object.entries(bounds).filter(([, v]) => v !== undefined);
  if (given.length === 0) throw new UsageError(`--url ${url} is not a loopback address: load to another host needs an explicit bound (${Object.keys(bounds).map((k) => `--${k}`).join(' or ')})`);
  return `load: target ${url} is NOT a loopback address: sending load to another host, bounded by ${given.map(([k, v]) => `--${k} ${v}`).join(', ')}`;
}

/** Writes the full result as JSON, atomically (temp name, then rename). */
export async function writeResultJson(file: string, result: LoadResult): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(result, null, 2));
  await rename(tmp, file);
}

/** 99 when a threshold failed; 1 when requests failed and no threshold judged them; else 0. */
export function resultExitCode(result: LoadResult, thresholdCount: number, log: (line: string) => void): number {
  const errors = Object.values(result.errors).reduce((a, b) => a + b, 0);
  if (!thresholdsPassed(result)) {
    log(`load: thresholds failed (exit ${EXIT.thresholds})`);
    return EXIT.thresholds;
  }
  if (errors > 0 && thresholdCount === 0) {
    log(`load: ${errors} errors (exit ${EXIT.runFailed})`);
    return EXIT.runFailed;
  }
  return EXIT.ok;
}
