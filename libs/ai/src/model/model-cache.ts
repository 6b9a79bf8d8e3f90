import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkGgufDataComplete, readGgufHeader, type GgufHeader } from '../gguf/gguf-reader.ts';
import type { WeightType } from '../gguf/ggml-types.ts';
import { ModelFileError } from '../model-file-error.ts';
import { MODEL_CONFIGS, type ModelSize } from './llama-config.ts';
import { WRITER_VERSION, planTensors, writeRandomLlama } from './random-llama.ts';

/** The git-ignored cache of generated models; `AI_MODEL_DIR` moves it (e.g. to a CI cache). */
export function modelCacheDir(): string {
  return process.env['AI_MODEL_DIR'] ?? fileURLToPath(new URL('../../.models/', import.meta.url));
}

export const DEFAULT_SEED = 42;

export interface RandomLlamaKey {
  size: ModelSize;
  weightType: WeightType;
  seed?: number;
}

/** Every parameter that changes the bytes is in the name, so a cached file can only be the right one. */
export function randomLlamaFileName(key: RandomLlamaKey): string {
  return `random-llama-${key.size}-${key.weightType}-seed${key.seed ?? DEFAULT_SEED}-w${WRITER_VERSION}.gguf`;
}

export interface EnsureModelOptions {
  dir?: string;
  /** Loads the new file with the real runtime before it enters the cache (throws if it cannot). */
  verifyLoad?: (path: string) => Promise<void>;
  progress?: (message: string) => void;
}

export interface EnsuredModel {
  path: string;
  header: GgufHeader;
  /** True when this call generated the file (false: it came from the cache). */
  generated: boolean;
}

/** Checks a generated file's header says what the writer was asked to write. */
export function verifyRandomLlamaHeader(header: GgufHeader, key: RandomLlamaKey): void {
  const fail = (what: string): never => {
    throw new ModelFileError(header.file, 'corrupt', `read-back check failed: ${what}`);
  };
  const config = MODEL_CONFIGS[key.size];
  if (header.version !== 3) fail(`version ${header.version}, expected 3`);
  if (header.tensorCount !== planTensors(config).length) fail(`tensor count ${header.tensorCount}`);
  if (header.metadata.get('general.architecture') !== 'llama') fail('general.architecture is not llama');
  if (header.metadata.get('workflow_bench.writer_version') !== WRITER_VERSION) fail('writer version differs');
  if (header.metadata.get('workflow_bench.seed') !== (key.seed ?? DEFAULT_SEED)) fail('seed differs');
  const tokens = header.metadata.get('tokenizer.ggml.tokens');
  if (!Array.isArray(tokens) || tokens.length !== config.vocabSize) fail('vocabulary size differs');
  checkGgufDataComplete(header);
}

/**
 * Returns the cached model for `key`, generating it first when absent or unreadable. A new file is
 * written under a temporary name, read back, loaded (when `verifyLoad` is given) and only then
 * renamed into place, so the cache never holds a file that was not checked.
 */
export async function ensureRandomLlama(key: RandomLlamaKey, options: EnsureModelOptions = {}): Promise<EnsuredModel> {
  const dir = options.dir ?? modelCacheDir();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, randomLlamaFileName(key));
  if (existsSync(path)) {
    try {
      const header = readGgufHeader(path);
      verifyRandomLlamaHeader(header, key);
      return { path, header, generated: false };
    } catch (error) {
      if (!(error instanceof ModelFileError)) throw error;
      options.progress?.(`cached ${path} is unusable (${error.message}); regenerating`);
      rmSync(path, { force: true });
    }
  }
  const staging = `${path}.${process.pid}.staging`;
  try {
    options.progress?.(`generating ${randomLlamaFileName(key)}`);
    writeRandomLlama(staging, {
      name: `workflow-bench random llama ${key.size} ${key.weightType}`,
      config: MODEL_CONFIGS[key.size],
      weightType: key.weightType,
      seed: key.seed ?? DEFAULT_SEED,
    });
    verifyRandomLlamaHeader(readGgufHeader(staging), key);
    await options.verifyLoad?.(staging);
    renameSync(staging, path);
  } finally {
    rmSync(staging, { force: true });
  }
  return { path, header: readGgufHeader(path), generated: true };
}
