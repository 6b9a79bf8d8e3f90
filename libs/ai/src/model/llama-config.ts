/** Hyper-parameters of a generated llama-architecture model. */
export interface LlamaConfig {
  vocabSize: number;
  contextLength: number;
  embeddingLength: number;
  blockCount: number;
  feedForwardLength: number;
  headCount: number;
  headCountKv: number;
  rmsNormEps: number;
  ropeFreqBase: number;
}

export type ModelSize = 'tiny' | 'small';
export const MODEL_SIZES: readonly ModelSize[] = ['tiny', 'small'];

/**
 * `tiny` loads and generates in milliseconds (tests, CI); `small` has Llama 2's 32k vocabulary and
 * ~50M parameters — big enough that matrix products, not overheads, dominate a token's time.
 * Every row length is a multiple of 32 so the Q8_0 / Q4_0 blocks tile it exactly.
 */
export const MODEL_CONFIGS: Record<ModelSize, LlamaConfig> = {
  tiny: {
    vocabSize: 1024,
    contextLength: 2048,
    embeddingLength: 64,
    blockCount: 2,
    feedForwardLength: 192,
    headCount: 4,
    headCountKv: 2,
    rmsNormEps: 1e-5,
    ropeFreqBase: 10000,
  },
  small: {
    vocabSize: 32000,
    contextLength: 2048,
    embeddingLength: 512,
    blockCount: 6,
    feedForwardLength: 1408,
    headCount: 8,
    headCountKv: 8,
    rmsNormEps: 1e-5,
    ropeFreqBase: 10000,
  },
};

export function headDim(config: LlamaConfig): number {
  return config.embeddingLength / config.headCount;
}
