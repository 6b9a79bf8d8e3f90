export { ModelFileError, type ModelFileProblem } from './model-file-error.ts';
export { f16BitsToF32, f32ToF16Bits, roundToF16 } from './gguf/fp16.ts';
export { GgmlType, TYPE_LAYOUTS, WEIGHT_TYPES, tensorBytes, type WeightType } from './gguf/ggml-types.ts';
export { GGUF_MAGIC, GGUF_VERSION, type GgufMetadataEntry, type GgufValue } from './gguf/gguf-format.ts';
export { dequantizeQ4_0, dequantizeQ8_0, encodeTensor, quantizeQ4_0, quantizeQ8_0 } from './gguf/quantize.ts';
export { encodeGgufHeader, writeGgufFile, type GgufTensorSpec } from './gguf/gguf-writer.ts';
export { checkGgufDataComplete, readGgufHeader, type GgufHeader, type GgufTensorInfo } from './gguf/gguf-reader.ts';
export { buildVocabulary, TokenType, type Vocabulary } from './tokenizer/vocabulary.ts';
export { SpmTokenizer } from './tokenizer/spm-tokenizer.ts';
export { MODEL_CONFIGS, MODEL_SIZES, type LlamaConfig, type ModelSize } from './model/llama-config.ts';
export { WRITER_VERSION, parameterCount, writeRandomLlama, type RandomLlamaSpec } from './model/random-llama.ts';
export {
  DEFAULT_SEED,
  ensureRandomLlama,
  modelCacheDir,
  randomLlamaFileName,
  verifyRandomLlamaHeader,
  type EnsuredModel,
  type RandomLlamaKey,
} from './model/model-cache.ts';
export { assertFitsInMemory, availableMemoryBytes, checkGgufBeforeLoad } from './llama/memory-guard.ts';
export {
  describeRuntime,
  hasNvidiaGpu,
  loadCheckedModel,
  loadLlamaRuntime,
  nodeLlamaCppVersion,
  type LlamaRuntime,
  type RuntimeInfo,
} from './llama/llama-runtime.ts';
export { generateExactly, noEndOfGenerationBias, prefill, promptTokens, type GenerationTiming } from './llama/generation.ts';
export { bestOf, hardwareKey, readThreadChoice, saveThreadMeasurement, threadCandidates, type ThreadChoice } from './llama/thread-choice.ts';
export { readModelOverrides, LLAMA_MODEL_ENV, ONNX_MODEL_ENV, type ModelOverrides } from './cli/model-overrides.ts';
export { buildAnswerScorer, encodeAnswerScorer, DEFAULT_SCORER_CONFIG, type AnswerScorerConfig } from './onnx/answer-scorer-model.ts';
export { decodeOnnxModel, encodeOnnxModel, type OnnxModel } from './onnx/onnx-proto.ts';
export { checkOnnxFile, ensureAnswerScorer, loadOnnxSession, makeScorerBatch, runScorer, type ScorerBatch } from './onnx/onnx-session.ts';
