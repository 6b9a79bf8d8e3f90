import { Prng } from '../random/prng.ts';
import { OnnxAttributeType, OnnxDataType, encodeOnnxModel, type OnnxModel, type OnnxNode, type OnnxTensor } from './onnx-proto.ts';

/**
 * A small answer-scoring network, built as ONNX in TypeScript:
 *   token embedding (Gather) → masked mean pooling → Linear → ReLU → Linear → Sigmoid
 * Inputs: `input_ids` int64 [batch, seq] and `attention_mask` float [batch, seq] (1 = token, 0 = pad).
 * Output: `score` float [batch, 1] in (0, 1). Weights are seeded random: the point is the runtime's
 * cost for this graph shape, not a meaningful score.
 */
export interface AnswerScorerConfig {
  vocabSize: number;
  embeddingDim: number;
  hiddenDim: number;
  seed: number;
}

export const ANSWER_SCORER_VERSION = 1;
export const ONNX_OPSET = 17;
export const DEFAULT_SCORER_CONFIG: AnswerScorerConfig = { vocabSize: 32000, embeddingDim: 64, hiddenDim: 128, seed: 42 };

function floatTensor(name: string, dims: number[], values: Float32Array): OnnxTensor {
  return { name, dims, dataType: OnnxDataType.FLOAT, rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) };
}

function int64Tensor(name: string, values: number[]): OnnxTensor {
  const data = new BigInt64Array(values.map((v) => BigInt(v)));
  return { name, dims: [values.length], dataType: OnnxDataType.INT64, rawData: new Uint8Array(data.buffer) };
}

function random(rng: Prng, count: number, scale: number): Float32Array {
  const out = new Float32Array(count);
  rng.fillUniform(out, scale);
  return out;
}

export function buildAnswerScorer(config: AnswerScorerConfig = DEFAULT_SCORER_CONFIG): OnnxModel {
  const { vocabSize: v, embeddingDim: d, hiddenDim: h } = config;
  const rng = new Prng(config.seed);
  const node = (name: string, opType: string, input: string[], output: string[], attribute?: OnnxNode['attribute']): OnnxNode => ({
    name,
    opType,
    input,
    output,
    ...(attribute ? { attribute } : {}),
  });
  const nodes: OnnxNode[] = [
    node('embed', 'Gather', ['embedding', 'input_ids'], ['embedded'], [{ name: 'axis', type: OnnxAttributeType.INT, i: 0 }]),
    // Since opset 13, Unsqueeze and ReduceSum take their axes as inputs, not attributes.
    node('mask_3d', 'Unsqueeze', ['attention_mask', 'axis_2'], ['mask_3d']),
    node('masked', 'Mul', ['embedded', 'mask_3d'], ['masked']),
    node('sum_tokens', 'ReduceSum', ['masked', 'axis_1'], ['summed'], [{ name: 'keepdims', type: OnnxAttributeType.INT, i: 0 }]),
    node('count_tokens', 'ReduceSum', ['attention_mask', 'axis_1'], ['count'], [{ name: 'keepdims', type: OnnxAttributeType.INT, i: 1 }]),
    // An all-padding row would divide by zero: count is at least 1.
    node('count_floor', 'Max', ['count', 'one'], ['count_safe']),
    node('mean_pool', 'Div', ['summed', 'count_safe'], ['pooled']),
    node('fc1', 'MatMul', ['pooled', 'w1'], ['fc1_out']),
    node('fc1_bias', 'Add', ['fc1_out', 'b1'], ['fc1_biased']),
    node('relu', 'Relu', ['fc1_biased'], ['hidden']),
    node('fc2', 'MatMul', ['hidden', 'w2'], ['fc2_out']),
    node('fc2_bias', 'Add', ['fc2_out', 'b2'], ['logit']),
    node('sigmoid', 'Sigmoid', ['logit'], ['score']),
  ];
  const initializer: OnnxTensor[] = [
    floatTensor('embedding', [v, d], random(rng, v * d, 1)),
    floatTensor('w1', [d, h], random(rng, d * h, Math.sqrt(6 / (d + h)))),
    floatTensor('b1', [h], random(rng, h, 0.1)),
    floatTensor('w2', [h, 1], random(rng, h, Math.sqrt(6 / (h + 1)))),
    floatTensor('b2', [1], new Float32Array([0])),
    floatTensor('one', [1], new Float32Array([1])),
    int64Tensor('axis_1', [1]),
    int64Tensor('axis_2', [2]),
  ];
  const dims = (...names: (string | number)[]) => ({
    dim: names.map((n) => (typeof n === 'number' ? { dimValue: n } : { dimParam: n })),
  });
  return {
    irVersion: 8,
    producerName: 'workflow-bench',
    producerVersion: String(ANSWER_SCORER_VERSION),
    docString: 'Seeded random answer scorer: embedding, masked mean pooling, 2-layer MLP, sigmoid.',
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    metadataProps: [
      { key: 'vocab_size', value: String(v) },
      { key: 'seed', value: String(config.seed) },
    ],
    graph: {
      name: 'answer_scorer',
      node: nodes,
      initializer,
      input: [
        { name: 'input_ids', type: { tensorType: { elemType: OnnxDataType.INT64, shape: dims('batch', 'seq') } } },
        { name: 'attention_mask', type: { tensorType: { elemType: OnnxDataType.FLOAT, shape: dims('batch', 'seq') } } },
      ],
      output: [{ name: 'score', type: { tensorType: { elemType: OnnxDataType.FLOAT, shape: dims('batch', 1) } } }],
    },
  };
}

export function encodeAnswerScorer(config: AnswerScorerConfig = DEFAULT_SCORER_CONFIG): Uint8Array {
  return encodeOnnxModel(buildAnswerScorer(config));
}
