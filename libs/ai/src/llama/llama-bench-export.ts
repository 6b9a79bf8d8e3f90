import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';

/**
 * One test in llama-bench's JSON output format (`llama-bench -o json`), so figures from this suite
 * can be put next to llama-bench's own for the same model and machine.
 */
export interface LlamaBenchEntry {
  /** This suite's benchmark id (not a llama-bench field; the key entries are merged by). */
  id: string;
  /** `pp` (prompt processing), `tg` (text generation), `pp+tg`, or `load`. */
  type: 'pp' | 'tg' | 'pp+tg' | 'load';
  build_commit: string;
  cpu_info: string;
  gpu_info: string;
  backends: string;
  model_filename: string;
  model_type: string;
  model_size: number;
  model_n_params: number;
  n_batch: number;
  n_ubatch: number;
  n_threads: number;
  n_gpu_layers: number;
  n_prompt: number;
  n_gen: number;
  n_seq: number;
  test_time: string;
  avg_ns: number;
  stddev_ns: number;
  avg_ts: number;
  stddev_ts: number;
  samples_ns: number[];
  samples_ts: number[];
}

export function meanAndStddev(xs: readonly number[]): { mean: number; stddev: number } {
  if (xs.length === 0) return { mean: 0, stddev: 0 };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.length > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) : 0;
  return { mean, stddev: Math.sqrt(variance) };
}

/**
 * Builds an entry from per-run times: like llama-bench, `samples_ts` is tokens/s of each run and
 * avg/stddev are over runs.
 */
export function llamaBenchEntry(
  base: Omit<LlamaBenchEntry, 'avg_ns' | 'stddev_ns' | 'avg_ts' | 'stddev_ts' | 'samples_ns' | 'samples_ts' | 'test_time' | 'cpu_info'>,
  samplesNs: readonly number[],
  tokensPerRun: number,
): LlamaBenchEntry {
  const samples_ns = samplesNs.map((x) => Math.round(x));
  const samples_ts = samplesNs.map((x) => (tokensPerRun > 0 ? tokensPerRun / (x / 1e9) : 0));
  const ns = meanAndStddev(samples_ns);
  const ts = meanAndStddev(samples_ts);
  return {
    ...base,
    cpu_info: cpus()[0]?.model ?? 'unknown',
    test_time: new Date().toISOString(),
    avg_ns: Math.round(ns.mean),
    stddev_ns: Math.round(ns.stddev),
    avg_ts: ts.mean,
    stddev_ts: ts.stddev,
    samples_ns,
    samples_ts,
  };
}

/**
 * Merges entries into the export file (one entry per id, newest wins). Each bench file runs in its
 * own process, so the file is read, updated and replaced atomically (temp name + rename).
 */
export function mergeLlamaBenchExport(file: string, entries: readonly LlamaBenchEntry[]): void {
  let existing: LlamaBenchEntry[] = [];
  if (existsSync(file)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (Array.isArray(parsed)) existing = parsed as LlamaBenchEntry[];
    } catch {
      // A damaged export is replaced rather than blocking the run.
    }
  }
  const ids = new Set(entries.map((e) => e.id));
  const merged = [...existing.filter((e) => !ids.has(e.id)), ...entries].sort((a, b) => a.id.localeCompare(b.id));
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(merged, null, 2)}\n`);
  renameSync(tmp, file);
}
