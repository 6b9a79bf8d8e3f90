import { join } from 'node:path';
import { hardwareKey, loadLlamaRuntime, modelCacheDir, readThreadChoice, type LlamaRuntime } from '@workflow-bench/ai';

/**
 * One node-llama-cpp runtime per process: `getLlama` tests and loads the native binary, which
 * takes seconds, so every marker and benchmark of a process shares it. A failed start is not kept.
 */
let runtime: Promise<LlamaRuntime> | undefined;

export function sharedLlamaRuntime(): Promise<LlamaRuntime> {
  if (!runtime) {
    runtime = loadLlamaRuntime();
    runtime.catch(() => {
      runtime = undefined;
    });
  }
  return runtime;
}

/** True once the runtime of this process has started (cold-start reports tell the two apart). */
export function llamaRuntimeStarted(): boolean {
  return runtime !== undefined;
}

/**
 * llama.cpp's thread count for feedback: AI_LLAMA_THREADS, else the count the ai benchmarks
 * measured best on this hardware in the last day (libs/ai/.models/best-threads.json), else 1.
 * One is the safe default: on a small shared machine extra threads spin-wait at every barrier and
 * were measured ~100x slower (see libs/ai/README.md).
 */
export function feedbackThreads(): number {
  return readThreadChoice(join(modelCacheDir(), 'best-threads.json'), hardwareKey('cpu'))?.threads ?? 1;
}
