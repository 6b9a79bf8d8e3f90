import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, type BenchContext } from '@workflow-bench/bench-kit';
import type { LlamaContext, LlamaModel } from 'node-llama-cpp';
import { readModelOverrides } from '../../src/cli/model-overrides.ts';
import { TYPE_LAYOUTS, WEIGHT_TYPES, type WeightType } from '../../src/gguf/ggml-types.ts';
import type { GgufHeader } from '../../src/gguf/gguf-reader.ts';
import { generateExactly, noEndOfGenerationBias, promptTokens } from '../../src/llama/generation.ts';
import {
  llamaBenchConfig,
  llamaBenchRow,
  mergeLlamaBenchRow,
  mergeModelLoad,
  mergeParallelSequences,
  type LlamaBenchConfig,
  type LlamaBenchRunFacts,
} from '../../src/llama/llama-bench-export.ts';
import { loadedLlamaBuildInfo, type LlamaBuildInfo } from '../../src/llama/llama-build-info.ts';
import { checkGgufBeforeLoad } from '../../src/llama/memory-guard.ts';
import { describeRuntime, loadCheckedModel, loadLlamaRuntime, type LlamaRuntime, type RuntimeInfo } from '../../src/llama/llama-runtime.ts';
import { hardwareKey, readThreadChoice, saveThreadMeasurement, threadCandidates, type ThreadChoice } from '../../src/llama/thread-choice.ts';
import { MODEL_SIZES, type ModelSize } from '../../src/model/llama-config.ts';
import { ensureRandomLlama, modelCacheDir } from '../../src/model/model-cache.ts';

/**
 * What every llama benchmark of one bench process shares: the runtime, loaded models (each loaded
 * once), the thread count, and the llama-bench export. Model files are generated on first use.
 */

/** Weight type of the model the non-comparison benchmarks use (prefill, generate, threads, batch, memory). */
export const DEFAULT_WEIGHT_TYPE: WeightType = 'q4_0';
export const CONTEXT_SIZE = 1024;
export const BATCH_SIZE = 512;
/** llama-bench's JSON format (`llama-bench -o json`), for llama.cpp's scripts/compare-llama-bench.py. */
export const EXPORT_FILE = fileURLToPath(new URL('../../bench-results/llama-bench.json', import.meta.url));
/** Beside it: which ids each row stands for, model loads and parallel-sequence totals (not llama-bench tests). */
export const EXTRAS_FILE = fileURLToPath(new URL('../../bench-results/llama-bench.extras.json', import.meta.url));

export function benchModelSize(): ModelSize {
  const size = process.env['AI_BENCH_MODEL_SIZE'] ?? 'small';
  if (!MODEL_SIZES.includes(size as ModelSize)) throw new RangeError(`AI_BENCH_MODEL_SIZE=${size}: expected one of ${MODEL_SIZES.join(', ')}`);
  return size as ModelSize;
}

export interface BenchModel {
  model: LlamaModel;
  path: string;
  header: GgufHeader;
  /** e.g. `random llama small Q4_0` or the user file's name. */
  label: string;
  userSupplied: boolean;
}

let runtimePromise: Promise<LlamaRuntime> | undefined;
let infoPromise: Promise<RuntimeInfo> | undefined;
const models = new Map<string, Promise<BenchModel>>();
let threadChoice: ThreadChoice | undefined;

export function runtime(): Promise<LlamaRuntime> {
  runtimePromise ??= loadLlamaRuntime();
  return runtimePromise;
}

export async function runtimeInfo(): Promise<RuntimeInfo> {
  infoPromise ??= runtime().then((r) => describeRuntime(r.llama));
  return infoPromise;
}

export function userModelPath(): string | undefined {
  return readModelOverrides().llamaModel;
}

/** The weight type of a user file (from general.file_type), if it is one of the compared ones. */
export function weightTypeOfFile(header: GgufHeader): WeightType | undefined {
  const fileType = header.metadata.get('general.file_type');
  return WEIGHT_TYPES.find((t) => TYPE_LAYOUTS[t].fileType === fileType);
}

/** Generates (first time) and returns the path of the generated model of a weight type. */
export async function generatedModelPath(weightType: WeightType, ctx: BenchContext): Promise<{ path: string; header: GgufHeader }> {
  const r = await runtime();
  const ensured = await ensureRandomLlama(
    { size: benchModelSize(), weightType },
    {
      progress: (m) => ctx.progress(m),
      // Each new file is loaded once by llama.cpp before it enters the cache.
      verifyLoad: async (path) => {
        const m = await loadCheckedModel(r, path);
        await m.dispose();
      },
    },
  );
  return { path: ensured.path, header: ensured.header };
}

/**
 * The model for a benchmark: the user's (`--model` / AI_BENCH_MODEL) or the generated one of
 * `weightType`. Loaded once per process; a bad user file throws a ModelFileError naming it.
 */
export function benchModel(weightType: WeightType, ctx: BenchContext): Promise<BenchModel> {
  const user = userModelPath();
  const key = user ?? weightType;
  let entry = models.get(key);
  if (!entry) {
    entry = (async () => {
      const r = await runtime();
      if (user) {
        const model = await loadCheckedModel(r, user);
        return { model, path: user, header: checkGgufBeforeLoad(user), label: user.split('/').pop()!, userSupplied: true };
      }
      const { path, header } = await generatedModelPath(weightType, ctx);
      const model = await loadCheckedModel(r, path);
      return { model, path, header, label: `random llama ${benchModelSize()} ${weightType.toUpperCase()}`, userSupplied: false };
    })();
    // A failed load is not cached: the next benchmark reports its own error.
    entry.catch(() => models.delete(key));
    models.set(key, entry);
  }
  return entry;
}

const THREADS_FILE = () => join(modelCacheDir(), 'best-threads.json');

/**
 * The thread count llama benchmarks use: AI_LLAMA_THREADS, else the best count measured on this
 * hardware in the last day (by the threads sweep), else a short calibration run now.
 */
export async function chosenThreads(ctx: BenchContext): Promise<ThreadChoice> {
  if (threadChoice) return threadChoice;
  const info = await runtimeInfo();
  const hardware = hardwareKey(info.backend);
  const saved = readThreadChoice(THREADS_FILE(), hardware);
  if (saved) return (threadChoice = saved);
  ctx.progress('calibrating the thread count (short generation at each count)');
  const { model } = await benchModel(DEFAULT_WEIGHT_TYPE, ctx);
  const rates: Record<string, number> = {};
  for (const threads of threadCandidates()) rates[threads] = await measureDecodeRate(model, threads, 12, 2);
  return (threadChoice = saveThreadMeasurement(THREADS_FILE(), hardware, rates));
}

/** Records a sweep result; the best count so far becomes the default for later benchmarks. */
export async function recordThreadRate(threads: number, tokensPerSecond: number): Promise<ThreadChoice> {
  const info = await runtimeInfo();
  threadChoice = saveThreadMeasurement(THREADS_FILE(), hardwareKey(info.backend), { [threads]: tokensPerSecond });
  if (process.env['AI_LLAMA_THREADS']) threadChoice = readThreadChoice(THREADS_FILE(), hardwareKey(info.backend));
  return threadChoice!;
}

/** Median decode tokens/s of `runs` generations of `n` tokens at a thread count. */
export async function measureDecodeRate(model: LlamaModel, threads: number, n: number, runs: number): Promise<number> {
  const context = await model.createContext({ contextSize: CONTEXT_SIZE, batchSize: BATCH_SIZE, threads });
  try {
    const sequence = context.getSequence();
    const prompt = promptTokens(model, 8);
    const bias = noEndOfGenerationBias(model);
    const rates: number[] = [];
    for (let i = 0; i < runs; i++) rates.push((await generateExactly(sequence, prompt, n, bias)).decodeTokensPerSecond);
    return median(rates);
  } finally {
    await context.dispose();
  }
}

export async function createBenchContext(model: LlamaModel, threads: number, sequences = 1): Promise<LlamaContext> {
  return model.createContext({ contextSize: CONTEXT_SIZE, batchSize: BATCH_SIZE, threads, sequences });
}

/** Details every llama result carries: what ran where. */
export async function runtimeDetails(bm: BenchModel, extra: Record<string, string | number | boolean> = {}): Promise<Record<string, string | number | boolean>> {
  const info = await runtimeInfo();
  return {
    model: bm.label,
    model_file: bm.path,
    model_size_bytes: bm.header.tensorBytes,
    model_n_params: bm.header.parameterCount,
    node_llama_cpp: info.nodeLlamaCppVersion,
    llama_cpp_release: info.llamaCppRelease,
    backend: info.backend,
    devices: info.deviceNames.join(', ') || 'cpu only',
    vram_total_bytes: info.vramTotalBytes,
    vram_free_bytes: info.vramFreeBytes,
    cpu_math_cores: info.cpuMathCores,
    context_size: CONTEXT_SIZE,
    batch_size: BATCH_SIZE,
    ...extra,
  };
}

const EXPORT_FILES = { rows: EXPORT_FILE, extras: EXTRAS_FILE };
let buildInfo: LlamaBuildInfo | undefined;

async function runFacts(bm: BenchModel, threads: number): Promise<LlamaBenchRunFacts> {
  const info = await runtimeInfo();
  // Read once the runtime is loaded: the build of the binary this process actually runs.
  buildInfo ??= loadedLlamaBuildInfo();
  return {
    build: buildInfo,
    cpuInfo: cpus()[0]?.model ?? 'unknown',
    gpuNames: info.deviceNames,
    backend: info.backend,
    modelPath: bm.path,
    model: bm.model,
    parameterCount: bm.header.parameterCount,
    batchSize: BATCH_SIZE,
    threads,
  };
}

/**
 * One llama-bench test (one sequence: pp, tg or pp+tg, at a context depth) into llama-bench.json;
 * the id it came from goes to the extras file beside it.
 */
export async function exportLlamaBenchTest(
  id: string,
  bm: BenchModel,
  test: Pick<LlamaBenchConfig, 'n_prompt' | 'n_gen' | 'n_depth'>,
  n_threads: number,
  samplesNs: readonly number[],
): Promise<void> {
  const row = llamaBenchRow(llamaBenchConfig(await runFacts(bm, n_threads), test), samplesNs);
  mergeLlamaBenchRow(EXPORT_FILES, id, row);
}

/** A model load: not a llama-bench test, so it goes to the extras file. */
export function exportModelLoad(id: string, bm: BenchModel, samplesNs: readonly number[]): void {
  mergeModelLoad(EXTRAS_FILE, { id, model_filename: bm.path, model_type: bm.model.typeDescription, test_time: new Date().toISOString(), samples_ns: [...samplesNs] });
}

/** k sequences at once: llama-bench has no such test, so the totals go to the extras file. */
export function exportParallelSequences(id: string, bm: BenchModel, run: { n_seq: number; n_prompt: number; n_gen: number; n_threads: number }, samplesNs: readonly number[]): void {
  mergeParallelSequences(EXTRAS_FILE, { id, model_filename: bm.path, ...run, test_time: new Date().toISOString(), samples_ns: [...samplesNs] });
}
