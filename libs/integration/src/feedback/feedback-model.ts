import { ensureRandomLlama, loadCheckedModel, MODEL_SIZES, type ModelSize } from '@workflow-bench/ai';
import { sharedLlamaRuntime } from './llama-runtime-cache.ts';

/** Which GGUF file writes the feedback. */
export interface FeedbackModelFile {
  path: string;
  /** e.g. `random llama small Q4_0`, or the file name of a user model. */
  label: string;
}

/** INTEGRATION_MODEL=<file.gguf> uses a real model; INTEGRATION_MODEL_SIZE=tiny|small picks the generated one. */
export const MODEL_ENV = 'INTEGRATION_MODEL';
export const MODEL_SIZE_ENV = 'INTEGRATION_MODEL_SIZE';

export function modelSizeFromEnv(env: NodeJS.ProcessEnv = process.env, fallback: ModelSize = 'small'): ModelSize {
  const raw = env[MODEL_SIZE_ENV]?.trim();
  if (!raw) return fallback;
  if (!MODEL_SIZES.includes(raw as ModelSize)) throw new RangeError(`${MODEL_SIZE_ENV}=${raw}: expected one of ${MODEL_SIZES.join(', ')}`);
  return raw as ModelSize;
}

/**
 * The generated random-weight llama model of `size` (Q4_0), made and cached by libs/ai the first
 * time (a new file is loaded once by llama.cpp before it enters the cache), or INTEGRATION_MODEL.
 */
export async function feedbackModelFile(size: ModelSize, env: NodeJS.ProcessEnv = process.env, progress?: (m: string) => void): Promise<FeedbackModelFile> {
  const user = env[MODEL_ENV]?.trim();
  if (user) return { path: user, label: user.split('/').pop()! };
  const ensured = await ensureRandomLlama(
    { size, weightType: 'q4_0' },
    {
      progress,
      verifyLoad: async (path) => {
        const model = await loadCheckedModel(await sharedLlamaRuntime(), path);
        await model.dispose();
      },
    },
  );
  return { path: ensured.path, label: `random llama ${size} Q4_0` };
}
