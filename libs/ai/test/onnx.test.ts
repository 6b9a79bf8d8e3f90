import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelFileError } from '../src/model-file-error.ts';
import { buildAnswerScorer, ONNX_OPSET } from '../src/onnx/answer-scorer-model.ts';
import { decodeOnnxModel, encodeOnnxModel } from '../src/onnx/onnx-proto.ts';
import { checkOnnxFile, ensureAnswerScorer, loadOnnxSession, makeScorerBatch, runScorer } from '../src/onnx/onnx-session.ts';
import { SpmTokenizer } from '../src/tokenizer/spm-tokenizer.ts';
import { buildVocabulary } from '../src/tokenizer/vocabulary.ts';

const dir = mkdtempSync(join(tmpdir(), 'ai-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = { vocabSize: 1024, embeddingDim: 32, hiddenDim: 64, seed: 7 };
const tokenizer = new SpmTokenizer(buildVocabulary(1024, 42));
const answers = ['The essay explains the evidence well.', 'short', '', 'naïve 🙂 answer with more words than fit in the sequence length'];

describe('ONNX answer scorer built in TypeScript', () => {
  it('encodes a ModelProto that decodes back to the same graph', () => {
    const model = buildAnswerScorer(config);
    const decoded = decodeOnnxModel(encodeOnnxModel(model));
    expect(decoded.opsetImport[0]?.version).toBe(ONNX_OPSET);
    expect(decoded.graph.node.map((n) => n.opType)).toEqual(model.graph.node.map((n) => n.opType));
    expect(decoded.graph.initializer.find((t) => t.name === 'embedding')?.dims).toEqual([1024, 32]);
  });

  it('runs in onnxruntime-node: scores in (0, 1), one per answer, deterministic', async () => {
    const file = ensureAnswerScorer(config, dir);
    const session = await loadOnnxSession(file);
    try {
      expect(session.inputNames).toEqual(['input_ids', 'attention_mask']);
      const batch = makeScorerBatch(session, tokenizer, answers, 16);
      const a = await runScorer(session, batch);
      const b = await runScorer(session, batch);
      expect(a.length).toBe(answers.length);
      for (const s of a) {
        expect(s).toBeGreaterThan(0);
        expect(s).toBeLessThan(1);
      }
      expect(Array.from(b)).toEqual(Array.from(a));
      // Padding does not change a row's score (masked mean pooling): same short answer, more padding.
      const longer = await runScorer(session, makeScorerBatch(session, tokenizer, ['short'], 64));
      expect(longer[0]).toBeCloseTo(a[1]!, 5);
    } finally {
      await session.release();
    }
  });
});

describe('ONNX bad input: a typed error naming the file', () => {
  const good = () => ensureAnswerScorer(config, dir);
  const variants: [string, (src: Buffer) => Buffer | undefined][] = [
    ['missing', () => undefined],
    ['truncated', (b) => b.subarray(0, Math.floor(b.length / 2))],
    ['corrupt', (b) => Buffer.concat([Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), b])],
  ];
  it.each(variants)('%s', async (problem, edit) => {
    const file = join(dir, `${problem}.onnx`);
    const bytes = edit(readFileSync(good()));
    if (bytes) writeFileSync(file, bytes);
    const error = await loadOnnxSession(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).problem).toBe(problem);
    expect((error as Error).message).toContain(file);
  });

  it('refuses a model larger than free memory before loading', () => {
    const file = good();
    expect(() => checkOnnxFile(file, 1000)).toThrow(expect.objectContaining({ problem: 'too-large', file }));
  });
});
