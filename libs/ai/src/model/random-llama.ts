import { writeGgufFile, type GgufTensorSpec } from '../gguf/gguf-writer.ts';
import type { GgufMetadataEntry } from '../gguf/gguf-format.ts';
import { TYPE_LAYOUTS, tensorBytes, type WeightType } from '../gguf/ggml-types.ts';
import { encodeTensor } from '../gguf/quantize.ts';
import { Prng } from '../random/prng.ts';
import { BOS_ID, EOS_ID, UNK_ID, buildVocabulary, type Vocabulary } from '../tokenizer/vocabulary.ts';
import { headDim, type LlamaConfig } from './llama-config.ts';

/** Bumped whenever the bytes written for the same parameters change, so caches never go stale. */
export const WRITER_VERSION = 1;

export interface RandomLlamaSpec {
  name: string;
  config: LlamaConfig;
  weightType: WeightType;
  seed: number;
}

interface TensorPlan {
  name: string;
  dims: number[];
  /** Norm weights stay F32 whatever the weight type (llama.cpp's quantisers do the same). */
  kind: 'matrix' | 'norm';
  /** Fan-in, for the init scale 1/sqrt(fan_in) that keeps activations O(1) through the layers. */
  fanIn: number;
}

export function planTensors(config: LlamaConfig): TensorPlan[] {
  const e = config.embeddingLength;
  const kv = headDim(config) * config.headCountKv;
  const ff = config.feedForwardLength;
  const plans: TensorPlan[] = [{ name: 'token_embd.weight', dims: [e, config.vocabSize], kind: 'matrix', fanIn: 1 }];
  for (let l = 0; l < config.blockCount; l++) {
    const p = `blk.${l}.`;
    plans.push(
      { name: `${p}attn_norm.weight`, dims: [e], kind: 'norm', fanIn: 1 },
      { name: `${p}attn_q.weight`, dims: [e, e], kind: 'matrix', fanIn: e },
      { name: `${p}attn_k.weight`, dims: [e, kv], kind: 'matrix', fanIn: e },
      { name: `${p}attn_v.weight`, dims: [e, kv], kind: 'matrix', fanIn: e },
      { name: `${p}attn_output.weight`, dims: [e, e], kind: 'matrix', fanIn: e },
      { name: `${p}ffn_norm.weight`, dims: [e], kind: 'norm', fanIn: 1 },
      { name: `${p}ffn_gate.weight`, dims: [e, ff], kind: 'matrix', fanIn: e },
      { name: `${p}ffn_up.weight`, dims: [e, ff], kind: 'matrix', fanIn: e },
      { name: `${p}ffn_down.weight`, dims: [ff, e], kind: 'matrix', fanIn: ff },
    );
  }
  plans.push(
    { name: 'output_norm.weight', dims: [e], kind: 'norm', fanIn: 1 },
    { name: 'output.weight', dims: [e, config.vocabSize], kind: 'matrix', fanIn: e },
  );
  return plans;
}

export function parameterCount(config: LlamaConfig): number {
  return planTensors(config).reduce((sum, t) => sum + t.dims.reduce((a, b) => a * b, 1), 0);
}

export function llamaMetadata(spec: RandomLlamaSpec, vocab: Vocabulary): Map<string, GgufMetadataEntry> {
  const c = spec.config;
  const m = new Map<string, GgufMetadataEntry>();
  const u32 = (value: number): GgufMetadataEntry => ({ type: 'u32', value });
  m.set('general.architecture', { type: 'string', value: 'llama' });
  m.set('general.name', { type: 'string', value: spec.name });
  m.set('general.file_type', u32(TYPE_LAYOUTS[spec.weightType].fileType));
  m.set('general.quantization_version', u32(2));
  m.set('general.alignment', u32(32));
  m.set('llama.context_length', u32(c.contextLength));
  m.set('llama.embedding_length', u32(c.embeddingLength));
  m.set('llama.block_count', u32(c.blockCount));
  m.set('llama.feed_forward_length', u32(c.feedForwardLength));
  m.set('llama.rope.dimension_count', u32(headDim(c)));
  m.set('llama.attention.head_count', u32(c.headCount));
  m.set('llama.attention.head_count_kv', u32(c.headCountKv));
  m.set('llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: c.rmsNormEps });
  m.set('llama.rope.freq_base', { type: 'f32', value: c.ropeFreqBase });
  m.set('llama.vocab_size', u32(c.vocabSize));
  m.set('tokenizer.ggml.model', { type: 'string', value: 'llama' });
  m.set('tokenizer.ggml.tokens', { type: 'array', of: 'string', value: vocab.tokens });
  m.set('tokenizer.ggml.scores', { type: 'array', of: 'f32', value: vocab.scores });
  m.set('tokenizer.ggml.token_type', { type: 'array', of: 'i32', value: vocab.types });
  m.set('tokenizer.ggml.bos_token_id', u32(BOS_ID));
  m.set('tokenizer.ggml.eos_token_id', u32(EOS_ID));
  m.set('tokenizer.ggml.unknown_token_id', u32(UNK_ID));
  m.set('tokenizer.ggml.add_bos_token', { type: 'bool', value: true });
  m.set('tokenizer.ggml.add_eos_token', { type: 'bool', value: false });
  // Without a space prefix, detokenize(tokenize(text)) gives back leading spaces exactly.
  m.set('tokenizer.ggml.add_space_prefix', { type: 'bool', value: false });
  m.set('workflow_bench.seed', u32(spec.seed));
  m.set('workflow_bench.writer_version', u32(WRITER_VERSION));
  return m;
}

/**
 * Writes a llama model with seeded random weights. Each tensor has its own PRNG stream derived from
 * (seed, tensor index), so the F16/Q8_0/Q4_0 files of one seed are encodings of the same weights and
 * the quantisation comparison compares formats, not different models.
 */
export function writeRandomLlama(path: string, spec: RandomLlamaSpec): void {
  const vocab = buildVocabulary(spec.config.vocabSize, spec.seed);
  const tensors: GgufTensorSpec[] = planTensors(spec.config).map((plan, index) => {
    const count = plan.dims.reduce((a, b) => a * b, 1);
    const type: WeightType = plan.kind === 'norm' ? 'f32' : spec.weightType;
    return {
      name: plan.name,
      dims: plan.dims,
      ggmlType: TYPE_LAYOUTS[type].ggmlType,
      byteLength: tensorBytes(type, count),
      encode: () => {
        const values = new Float32Array(count);
        if (plan.kind === 'norm') values.fill(1);
        else new Prng(Math.imul(spec.seed + 1, 0x9e3779b1) ^ (index * 0x85ebca6b)).fillUniform(values, Math.sqrt(3 / plan.fanIn));
        return encodeTensor(values, type);
      },
    };
  });
  writeGgufFile(path, llamaMetadata(spec, vocab), tensors);
}
