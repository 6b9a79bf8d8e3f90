import { defineSuite, type BenchContext } from '@workflow-bench/bench-kit';
import type { InferenceSession } from 'onnxruntime-node';
import { readModelOverrides } from '../src/cli/model-overrides.ts';
import { DEFAULT_SCORER_CONFIG } from '../src/onnx/answer-scorer-model.ts';
import { ensureAnswerScorer, loadOnnxSession, makeScorerBatch, onnxThreads, runScorer, type ScorerBatch } from '../src/onnx/onnx-session.ts';
import { SpmTokenizer } from '../src/tokenizer/spm-tokenizer.ts';
import { buildVocabulary } from '../src/tokenizer/vocabulary.ts';

/**
 * onnxruntime-node (CPU) on the answer scorer built in TypeScript (token embedding → masked mean
 * pooling → 2-layer MLP → sigmoid), or on a real model given with AI_BENCH_ONNX_MODEL.
 */
const SEQ_LEN = 64;
const ANSWERS = [
  'The essay explains the evidence well and the conclusion follows from the analysis.',
  'A short answer.',
  'The student discusses the theory but the references are missing from several paragraphs.',
  'Overall a clear structure; question two could use a further example of the concept.',
];

function modelFile(): { file: string; userSupplied: boolean } {
  const user = readModelOverrides().onnxModel;
  return user ? { file: user, userSupplied: true } : { file: ensureAnswerScorer(), userSupplied: false };
}

/** Our vocabulary for our model; for a user model, ids below 1024 so any real vocabulary holds them. */
function tokenizerFor(userSupplied: boolean): SpmTokenizer {
  return new SpmTokenizer(buildVocabulary(userSupplied ? 1024 : DEFAULT_SCORER_CONFIG.vocabSize, DEFAULT_SCORER_CONFIG.seed));
}

interface InferState {
  session: InferenceSession;
  batch: ScorerBatch;
  file: string;
}

export default defineSuite('onnx', (s) => {
  s.option('onnx-model', { type: 'string', valueName: 'file.onnx', description: 'benchmark this ONNX model instead of the generated one (or AI_BENCH_ONNX_MODEL)' });
  s.bench<{ file: string }>('load', {
    setup: () => ({ file: modelFile().file }),
    fn: async ({ file }) => {
      const session = await loadOnnxSession(file);
      await session.release();
    },
    sampling: 'flat',
    samples: 20,
    details: { runtime: 'onnxruntime-node 1.23.2 (cpu)', intra_op_threads: onnxThreads(), measures: 'file checks + InferenceSession.create + release' },
  });

  s.bench<InferState, string>('infer', {
    params: ['1', '32'],
    setup: async (ctx: BenchContext) => {
      const { file, userSupplied } = modelFile();
      const session = await loadOnnxSession(file);
      const size = Number(ctx.param);
      const answers = Array.from({ length: size }, (_, i) => ANSWERS[i % ANSWERS.length]!);
      const batch = makeScorerBatch(session, tokenizerFor(userSupplied), answers, SEQ_LEN);
      const scores = await runScorer(session, batch);
      if (!userSupplied && scores.some((x) => !(x > 0 && x < 1))) throw new Error(`${file}: scores outside (0, 1): ${scores.join(', ')}`);
      return { session, batch, file };
    },
    fn: ({ session, batch }) => session.run(batch.feeds),
    teardown: ({ session }) => session.release(),
    throughput: { unit: 'items', perIteration: (state) => state.batch.batchSize },
    details: { runtime: 'onnxruntime-node 1.23.2 (cpu)', seq_len: SEQ_LEN, intra_op_threads: onnxThreads() },
  });
});
