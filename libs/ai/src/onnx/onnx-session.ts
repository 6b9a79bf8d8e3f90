import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { availableMemoryBytes } from '../llama/memory-guard.ts';
import { ModelFileError } from '../model-file-error.ts';
import { modelCacheDir } from '../model/model-cache.ts';
import type { SpmTokenizer } from '../tokenizer/spm-tokenizer.ts';
import { decodeOnnxModel } from './onnx-proto.ts';
import { ANSWER_SCORER_VERSION, DEFAULT_SCORER_CONFIG, encodeAnswerScorer, type AnswerScorerConfig } from './answer-scorer-model.ts';

export function answerScorerFileName(config: AnswerScorerConfig = DEFAULT_SCORER_CONFIG): string {
  return `answer-scorer-v${config.vocabSize}-d${config.embeddingDim}-h${config.hiddenDim}-seed${config.seed}-w${ANSWER_SCORER_VERSION}.onnx`;
}

/** Writes the generated scorer into the model cache (atomically) unless already there. */
export function ensureAnswerScorer(config: AnswerScorerConfig = DEFAULT_SCORER_CONFIG, dir = modelCacheDir()): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, answerScorerFileName(config));
  if (existsSync(path)) return path;
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, encodeAnswerScorer(config));
    checkOnnxFile(tmp);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
  return path;
}

/**
 * Checks before onnxruntime sees a file: it exists, fits in free memory, and parses as a ModelProto
 * with a graph (a truncated or corrupt file fails here with the file named, not deep inside ORT).
 */
export function checkOnnxFile(file: string, freeBytes = availableMemoryBytes()): Uint8Array {
  if (!existsSync(file)) throw new ModelFileError(file, 'missing', 'no such file');
  const size = statSync(file).size;
  // ORT holds the initializers once more while building the session: twice the file is the floor.
  if (size * 2 > freeBytes) {
    throw new ModelFileError(file, 'too-large', `${size} bytes needs about ${size * 2} bytes free, ${freeBytes} available; refused before loading`);
  }
  const bytes = readFileSync(file);
  let graphNodes = 0;
  try {
    graphNodes = decodeOnnxModel(bytes).graph?.node?.length ?? 0;
  } catch (error) {
    const message = (error as Error).message;
    const truncated = /index out of range|premature|truncated/i.test(message);
    throw new ModelFileError(file, truncated ? 'truncated' : 'corrupt', `not a valid ONNX ModelProto (${message})`, { cause: error });
  }
  if (graphNodes === 0) throw new ModelFileError(file, 'corrupt', 'ONNX model has no graph nodes');
  return bytes;
}

/**
 * Intra-op threads for onnxruntime: AI_ONNX_THREADS, else 1. For a graph this small, ORT's
 * spinning worker pool costs more than it saves on a shared 2-core machine (32 answers: ~0.2 ms
 * with 1 thread against ~1.3 ms with 2 here).
 */
export function onnxThreads(): number {
  const env = process.env['AI_ONNX_THREADS'];
  const n = env ? Number(env) : 1;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`AI_ONNX_THREADS=${env} is not a whole number`);
  return n;
}

export async function loadOnnxSession(file: string, options: { intraOpNumThreads?: number; freeBytes?: number } = {}): Promise<InferenceSession> {
  const bytes = checkOnnxFile(file, options.freeBytes);
  try {
    return await InferenceSession.create(bytes, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: options.intraOpNumThreads ?? onnxThreads(),
    });
  } catch (error) {
    throw new ModelFileError(file, 'load-failed', `onnxruntime could not load it: ${(error as Error).message}`, { cause: error });
  }
}

export interface ScorerBatch {
  batchSize: number;
  seqLen: number;
  feeds: Record<string, Tensor>;
}

/**
 * Tokenises answers, truncates/pads them to `seqLen` and builds the feeds the session asks for:
 * `input_ids`, `attention_mask` (float or int64, whatever the model declares) and, for BERT-style
 * models given with --onnx-model, `token_type_ids` (zeros).
 */
export function makeScorerBatch(session: InferenceSession, tokenizer: SpmTokenizer, answers: readonly string[], seqLen: number): ScorerBatch {
  const batchSize = answers.length;
  const ids = new BigInt64Array(batchSize * seqLen);
  const mask = new Float32Array(batchSize * seqLen);
  answers.forEach((answer, row) => {
    const tokens = tokenizer.tokenize(answer).slice(0, seqLen);
    tokens.forEach((t, i) => {
      ids[row * seqLen + i] = BigInt(t);
      mask[row * seqLen + i] = 1;
    });
  });
  const feeds: Record<string, Tensor> = {};
  const dims = [batchSize, seqLen];
  for (const meta of session.inputMetadata) {
    const type = meta.isTensor ? meta.type : undefined;
    if (meta.name === 'input_ids') feeds[meta.name] = new Tensor('int64', ids, dims);
    else if (meta.name === 'attention_mask') {
      feeds[meta.name] = type === 'int64' ? new Tensor('int64', BigInt64Array.from(mask, (m) => BigInt(m)), dims) : new Tensor('float32', mask, dims);
    } else if (meta.name === 'token_type_ids') feeds[meta.name] = new Tensor('int64', new BigInt64Array(batchSize * seqLen), dims);
    else throw new Error(`ONNX model input "${meta.name}" is not one this benchmark can feed (input_ids, attention_mask, token_type_ids)`);
  }
  return { batchSize, seqLen, feeds };
}

/** Runs one batch; returns the first output as floats. */
export async function runScorer(session: InferenceSession, batch: ScorerBatch): Promise<Float32Array> {
  const outputs = await session.run(batch.feeds);
  const first = outputs[session.outputNames[0]!];
  if (!first) throw new Error('ONNX model produced no output');
  return Float32Array.from(first.data as ArrayLike<number>);
}
