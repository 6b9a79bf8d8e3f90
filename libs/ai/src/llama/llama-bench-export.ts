import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LlamaModel } from 'node-llama-cpp';

/**
 * One test as llama-bench writes it with `-o json`: every field, in llama-bench's order, with its
 * types — the llama-bench of the llama.cpp that node-llama-cpp 3.21.1 bundles (release v0.4.0,
 * `tools/llama-bench/llama-bench.cpp`: `test::get_fields()`, `get_field_type()`, `json_printer`).
 * Figures from this suite can then sit next to llama-bench's own and go through llama.cpp's
 * `scripts/compare-llama-bench.py`.
 */
export interface LlamaBenchRow {
  build_commit: string;
  build_number: number;
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
  cpu_mask: string;
  cpu_strict: boolean;
  poll: number;
  type_k: string;
  type_v: string;
  n_gpu_layers: number;
  n_cpu_moe: number;
  split_mode: string;
  main_gpu: number;
  no_kv_offload: boolean;
  /** `(int) llama_flash_attn_type`: -1 auto, 0 disabled, 1 enabled. */
  flash_attn: number;
  devices: string;
  tensor_split: string;
  tensor_buft_overrides: string;
  load_mode: string;
  lazy_mode: string;
  embeddings: boolean;
  no_op_offload: number;
  no_host: boolean;
  fit_target: number;
  fit_min_ctx: number;
  n_prompt: number;
  n_gen: number;
  n_depth: number;
  /** RFC 3339 to the second (`%FT%TZ`). */
  test_time: string;
  avg_ns: number;
  stddev_ns: number;
  avg_ts: number;
  stddev_ts: number;
  samples_ns: number[];
  samples_ts: number[];
}

/** The fields in llama-bench's order (its `get_fields()`, then the two sample arrays). */
export const LLAMA_BENCH_FIELDS = [
  'build_commit', 'build_number', 'cpu_info', 'gpu_info', 'backends', 'model_filename', 'model_type', 'model_size',
  'model_n_params', 'n_batch', 'n_ubatch', 'n_threads', 'cpu_mask', 'cpu_strict', 'poll', 'type_k', 'type_v',
  'n_gpu_layers', 'n_cpu_moe', 'split_mode', 'main_gpu', 'no_kv_offload', 'flash_attn', 'devices', 'tensor_split',
  'tensor_buft_overrides', 'load_mode', 'lazy_mode', 'embeddings', 'no_op_offload', 'no_host', 'fit_target',
  'fit_min_ctx', 'n_prompt', 'n_gen', 'n_depth', 'test_time', 'avg_ns', 'stddev_ns', 'avg_ts', 'stddev_ts',
  'samples_ns', 'samples_ts',
] as const satisfies readonly (keyof LlamaBenchRow)[];

/**
 * llama-bench's defaults (`cmd_params_defaults`, printed as llama-bench prints them) for what a
 * node-llama-cpp run does not set: CPU placement, split/offload options, tensor overrides, MoE, fit.
 */
const LLAMA_BENCH_DEFAULTS = {
  cpu_mask: '0x0',
  cpu_strict: false,
  poll: 50,
  n_cpu_moe: 0,
  split_mode: 'layer',
  main_gpu: 0,
  no_kv_offload: false,
  devices: 'auto',
  tensor_split: '0.00',
  tensor_buft_overrides: 'none',
  embeddings: false,
  no_op_offload: 0,
  no_host: false,
  fit_target: 0,
  fit_min_ctx: 0,
} as const satisfies Partial<LlamaBenchRow>;

/** What a test ran on and with: everything of a row but the defaults, the times and the derived figures. */
export type LlamaBenchConfig = Omit<LlamaBenchRow, keyof typeof LLAMA_BENCH_DEFAULTS | 'test_time' | 'avg_ns' | 'stddev_ns' | 'avg_ts' | 'stddev_ts' | 'samples_ns' | 'samples_ts'>;

/**
 * compare-llama-bench.py's key (its `LLAMA_BENCH_KEY_PROPERTIES`, the version bundled with the same
 * llama.cpp): rows of one build that agree on all of these are averaged into one table row.
 */
export const LLAMA_BENCH_KEY_PROPERTIES = [
  'cpu_info', 'gpu_info', 'backends', 'n_gpu_layers', 'n_cpu_moe', 'tensor_buft_overrides', 'model_filename', 'model_type',
  'n_batch', 'n_ubatch', 'embeddings', 'cpu_mask', 'cpu_strict', 'poll', 'n_threads', 'type_k', 'type_v',
  'load_mode', 'no_kv_offload', 'split_mode', 'main_gpu', 'tensor_split', 'flash_attn', 'n_prompt', 'n_gen', 'n_depth',
  'fit_target', 'fit_min_ctx',
] as const satisfies readonly (keyof LlamaBenchRow)[];

/** The identity of a row for compare-llama-bench.py (plus the build it belongs to). */
export function llamaBenchKey(row: LlamaBenchRow): string {
  return JSON.stringify([row.build_commit, ...LLAMA_BENCH_KEY_PROPERTIES.map((k) => row[k])]);
}

/** llama-bench's name for a test: pp512, tg128, pp16+tg100, …@d16. */
export function llamaBenchTestName(row: Pick<LlamaBenchRow, 'n_prompt' | 'n_gen' | 'n_depth'>): string {
  const base = row.n_gen === 0 ? `pp${row.n_prompt}` : row.n_prompt === 0 ? `tg${row.n_gen}` : `pp${row.n_prompt}+tg${row.n_gen}`;
  return row.n_depth > 0 ? `${base}@d${row.n_depth}` : base;
}

/** llama-bench's `backends` for a node-llama-cpp backend: ggml's registry names, "CPU" when there is no other. */
export function llamaBenchBackends(backend: string): string {
  return ({ cpu: 'CPU', cuda: 'CUDA', vulkan: 'Vulkan', metal: 'Metal' } as Record<string, string>)[backend] ?? backend;
}

/** `(int) llama_flash_attn_type` for node-llama-cpp's flashAttention option ('auto' → -1). */
export function llamaBenchFlashAttn(flashAttention: boolean | 'auto'): number {
  return flashAttention === 'auto' ? -1 : flashAttention ? 1 : 0;
}

/** llama-bench's `lazy_mode` name for node-llama-cpp's lazyMode option. */
export function llamaBenchLazyMode(lazyMode: boolean | 'auto'): string {
  return lazyMode === 'auto' ? 'auto' : lazyMode ? 'on' : 'off';
}

/** The parts of a loaded node-llama-cpp model a row reports. */
export type LlamaBenchModel = Pick<LlamaModel, 'typeDescription' | 'size' | 'gpuLayers' | 'defaultContextFlashAttention' | 'useMmap' | 'lazyMode'>;

export interface LlamaBenchRunFacts {
  build: { commit: string; number: number };
  cpuInfo: string;
  gpuNames: readonly string[];
  /** node-llama-cpp's backend: cpu, cuda, vulkan, metal. */
  backend: string;
  modelPath: string;
  model: LlamaBenchModel;
  parameterCount: number;
  /** The context's batch size (node-llama-cpp sets n_ubatch to the same). */
  batchSize: number;
  threads: number;
}

/**
 * A row's settings as node-llama-cpp ran them: what it sets comes from the loaded model and the
 * context options; the KV cache type is node-llama-cpp's default (f16), which the suite keeps.
 */
export function llamaBenchConfig(run: LlamaBenchRunFacts, test: Pick<LlamaBenchRow, 'n_prompt' | 'n_gen' | 'n_depth'>): LlamaBenchConfig {
  return {
    build_commit: run.build.commit,
    build_number: run.build.number,
    cpu_info: run.cpuInfo,
    gpu_info: run.gpuNames.join(', '),
    backends: llamaBenchBackends(run.backend),
    model_filename: run.modelPath,
    model_type: run.model.typeDescription,
    model_size: run.model.size,
    model_n_params: run.parameterCount,
    n_batch: run.batchSize,
    n_ubatch: run.batchSize,
    n_threads: run.threads,
    type_k: 'f16',
    type_v: 'f16',
    n_gpu_layers: run.model.gpuLayers,
    flash_attn: llamaBenchFlashAttn(run.model.defaultContextFlashAttention),
    load_mode: run.model.useMmap ? 'mmap' : 'none',
    lazy_mode: llamaBenchLazyMode(run.model.lazyMode),
    ...test,
  };
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function sampleStddev(xs: readonly number[]): number {
  if (xs.length <= 1) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}

/**
 * A row from the per-run times of one test. As in llama-bench, `samples_ts[i]` is
 * (n_prompt + n_gen) / t_i for one sequence, avg/stddev are over runs, and the ns figures are
 * whole nanoseconds (uint64 there).
 */
export function llamaBenchRow(config: LlamaBenchConfig, samplesNs: readonly number[], testTime = new Date()): LlamaBenchRow {
  if (samplesNs.length === 0) throw new RangeError('a llama-bench row needs at least one run');
  if (config.n_prompt + config.n_gen <= 0) throw new RangeError('a llama-bench test processes at least one token (n_prompt + n_gen > 0)');
  const samples_ns = samplesNs.map((t) => Math.round(t));
  const tokens = config.n_prompt + config.n_gen;
  const samples_ts = samples_ns.map((t) => (1e9 * tokens) / t);
  const row: LlamaBenchRow = {
    ...config,
    ...LLAMA_BENCH_DEFAULTS,
    test_time: testTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    avg_ns: Math.floor(mean(samples_ns)),
    stddev_ns: Math.floor(sampleStddev(samples_ns)),
    avg_ts: mean(samples_ts),
    stddev_ts: sampleStddev(samples_ts),
    samples_ns,
    samples_ts,
  };
  // llama-bench's field order.
  return Object.fromEntries(LLAMA_BENCH_FIELDS.map((k) => [k, row[k]])) as unknown as LlamaBenchRow;
}

/** What llama-bench cannot represent, kept beside its file: model loads and parallel-sequence totals. */
export interface LlamaBenchExtras {
  /** Which benchmark ids each llama-bench row stands for, by the row's compare-llama-bench.py key. */
  rows: { key: string; test: string; model_filename: string; n_threads: number; ids: string[] }[];
  modelLoads: { id: string; model_filename: string; model_type: string; test_time: string; samples_ns: number[]; avg_ns: number; stddev_ns: number }[];
  /** k sequences generated at once in one context (llama-bench has no parallel sequences; llama-batched-bench does). */
  parallelSequences: {
    id: string;
    model_filename: string;
    n_seq: number;
    n_prompt: number;
    n_gen: number;
    n_threads: number;
    test_time: string;
    samples_ns: number[];
    /** n_seq × (n_prompt + n_gen) / wall time of each run. */
    total_ts: number[];
    /** (n_prompt + n_gen) / wall time: one sequence's rate, llama-bench's definition. */
    per_sequence_ts: number[];
  }[];
}

function readJson<T>(file: string, fallback: T, valid: (v: unknown) => boolean): T {
  if (!existsSync(file)) return fallback;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return valid(parsed) ? (parsed as T) : fallback;
  } catch {
    // A damaged export is replaced rather than blocking the run.
    return fallback;
  }
}

function writeAtomically(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, file);
}

export interface LlamaBenchExportFiles {
  /** llama-bench's JSON: an array of rows. */
  rows: string;
  /** Beside it: `LlamaBenchExtras`. */
  extras: string;
}

/**
 * Merges a row into the llama-bench file: a row with the same key (same build, same test on the
 * same model and settings) is replaced, so every key appears once, as when llama-bench runs each
 * test once. The ids it stands for go to the extras file. Each bench file runs in its own
 * process, so both files are read, updated and replaced atomically (temp name + rename).
 */
export function mergeLlamaBenchRow(files: LlamaBenchExportFiles, id: string, row: LlamaBenchRow): void {
  const key = llamaBenchKey(row);
  const rows = readJson<LlamaBenchRow[]>(files.rows, [], Array.isArray);
  const extras = readExtras(files.extras);
  const ids = [...new Set([...(extras.rows.find((r) => r.key === key)?.ids ?? []), id])].sort();
  // The id leaves any other row; a row no id stands for any more leaves the file (an id's test
  // can change between runs, e.g. the threads sweep sizes n_gen from a warm-up).
  const others = extras.rows
    .filter((r) => r.key !== key)
    .map((r) => ({ ...r, ids: r.ids.filter((i) => i !== id) }))
    .filter((r) => r.ids.length > 0);
  const orphaned = new Set(extras.rows.filter((r) => r.key !== key && r.ids.length > 0 && r.ids.every((i) => i === id)).map((r) => r.key));
  extras.rows = [...others, { key, test: llamaBenchTestName(row), model_filename: row.model_filename, n_threads: row.n_threads, ids }];
  writeAtomically(files.rows, [...rows.filter((r) => llamaBenchKey(r) !== key && !orphaned.has(llamaBenchKey(r))), row]);
  writeAtomically(files.extras, extras);
}

function isExtras(v: unknown): boolean {
  const x = v as Partial<LlamaBenchExtras> | null;
  return !!x && Array.isArray(x.rows) && Array.isArray(x.modelLoads) && Array.isArray(x.parallelSequences);
}

function readExtras(file: string): LlamaBenchExtras {
  return readJson<LlamaBenchExtras>(file, { rows: [], modelLoads: [], parallelSequences: [] }, isExtras);
}

/** Reads, changes and atomically replaces the extras file. */
function updateExtras(file: string, change: (extras: LlamaBenchExtras) => void): void {
  const extras = readExtras(file);
  change(extras);
  writeAtomically(file, extras);
}

/** A model load (not a llama-bench test) into the extras file, one entry per id, newest wins. */
export function mergeModelLoad(file: string, entry: Omit<LlamaBenchExtras['modelLoads'][number], 'avg_ns' | 'stddev_ns'>): void {
  const samples = entry.samples_ns.map((t) => Math.round(t));
  updateExtras(file, (x) => {
    x.modelLoads = [...x.modelLoads.filter((e) => e.id !== entry.id), { ...entry, samples_ns: samples, avg_ns: Math.floor(mean(samples)), stddev_ns: Math.floor(sampleStddev(samples)) }];
  });
}

/** A parallel-sequence run into the extras file, one entry per id, newest wins. */
export function mergeParallelSequences(file: string, entry: Omit<LlamaBenchExtras['parallelSequences'][number], 'total_ts' | 'per_sequence_ts'>): void {
  const tokens = entry.n_prompt + entry.n_gen;
  const samples_ns = entry.samples_ns.map((t) => Math.round(t));
  updateExtras(file, (x) => {
    x.parallelSequences = [
      ...x.parallelSequences.filter((e) => e.id !== entry.id),
      { ...entry, samples_ns, total_ts: samples_ns.map((t) => (1e9 * entry.n_seq * tokens) / t), per_sequence_ts: samples_ns.map((t) => (1e9 * tokens) / t) },
    ];
  });
}
