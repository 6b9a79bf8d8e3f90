import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { getLlama, LlamaLogLevel, type Llama, type LlamaModel } from 'node-llama-cpp';
import { ModelFileError } from '../model-file-error.ts';
import { availableMemoryBytes, checkGgufBeforeLoad, type CheckModelOptions } from './memory-guard.ts';

/** True when an NVIDIA driver is present; only then may node-llama-cpp look for a CUDA/Vulkan binary. */
export function hasNvidiaGpu(): boolean {
  if (existsSync('/dev/nvidia0')) return true;
  return (process.env['PATH'] ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, 'nvidia-smi')));
}

export interface LlamaRuntime {
  llama: Llama;
  /** Warnings and errors llama.cpp logged (kept so a benchmark can report them). */
  log: string[];
}

/**
 * The node-llama-cpp instance: prebuilt binaries only (`build: 'never'` never downloads or
 * compiles), GPU `auto` only when a GPU exists — on a CPU-only machine `gpu: false` skips probing
 * the CUDA/Vulkan binaries altogether.
 */
export async function loadLlamaRuntime(): Promise<LlamaRuntime> {
  const log: string[] = [];
  const llama = await getLlama({
    gpu: hasNvidiaGpu() ? 'auto' : false,
    build: 'never',
    logLevel: LlamaLogLevel.warn,
    logger: (level, message) => {
      if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal || level === LlamaLogLevel.warn) log.push(message.trim());
    },
  });
  return { llama, log };
}

export interface RuntimeInfo {
  nodeLlamaCppVersion: string;
  llamaCppRelease: string;
  backend: string;
  deviceNames: string[];
  vramTotalBytes: number;
  vramUsedBytes: number;
  vramFreeBytes: number;
  cpuMathCores: number;
  systemInfo: string;
}

export function nodeLlamaCppVersion(): string {
  // The package's `exports` hide package.json: walk up from its entry point instead.
  let dir = dirname(createRequire(import.meta.url).resolve('node-llama-cpp'));
  for (;;) {
    const pkgPath = join(dir, 'package.json');
    if (existsSync(pkgPath)) {
      const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'node-llama-cpp') return pkg.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

export async function describeRuntime(llama: Llama): Promise<RuntimeInfo> {
  const vram = llama.gpu === false ? { total: 0, used: 0, free: 0 } : await llama.getVramState();
  return {
    nodeLlamaCppVersion: nodeLlamaCppVersion(),
    llamaCppRelease: llama.llamaCppRelease.release,
    backend: llama.gpu === false ? 'cpu' : llama.gpu,
    deviceNames: llama.gpu === false ? [] : await llama.getGpuDeviceNames(),
    vramTotalBytes: vram.total,
    vramUsedBytes: vram.used,
    vramFreeBytes: vram.free,
    cpuMathCores: llama.cpuMathCores,
    systemInfo: llama.systemInfo,
  };
}

/**
 * Loads a GGUF model after the checks llama.cpp would otherwise fail on less clearly: header
 * (magic, version, structure), fits in free memory, data not truncated. Any failure is a
 * ModelFileError naming the file.
 */
export async function loadCheckedModel(
  runtime: LlamaRuntime,
  file: string,
  options: CheckModelOptions = {},
): Promise<LlamaModel> {
  const { llama } = runtime;
  let freeBytes = options.freeBytes;
  if (freeBytes === undefined && llama.gpu !== false) {
    // With a GPU the weights may live in VRAM: RAM + free VRAM is the ceiling.
    freeBytes = availableMemoryBytes() + (await llama.getVramState()).free;
  }
  checkGgufBeforeLoad(file, { ...options, ...(freeBytes === undefined ? {} : { freeBytes }) });
  try {
    return await llama.loadModel({ modelPath: file, gpuLayers: llama.gpu === false ? 0 : 'auto' });
  } catch (error) {
    const reason = runtime.log.at(-1);
    throw new ModelFileError(file, 'load-failed', `llama.cpp could not load it: ${(error as Error).message}${reason ? ` (${reason})` : ''}`, {
      cause: error,
    });
  }
}
