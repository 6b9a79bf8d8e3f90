import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateExactly, noEndOfGenerationBias, prefill, promptTokens } from '../src/llama/generation.ts';
import { describeRuntime, loadCheckedModel, loadLlamaRuntime, type LlamaRuntime } from '../src/llama/llama-runtime.ts';
import { ensureRandomLlama } from '../src/model/model-cache.ts';
import { ModelFileError } from '../src/model-file-error.ts';
import { SpmTokenizer } from '../src/tokenizer/spm-tokenizer.ts';
import { SPACE_MARKER, buildVocabulary } from '../src/tokenizer/vocabulary.ts';
import { representableText } from './support/arbitraries.ts';

// node-llama-cpp loads native code and a model: generous timeouts, still ~seconds in total.
const TIMEOUT = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'ai-llama-'));
let runtime: LlamaRuntime;
let model: LlamaModel;
let modelPath: string;

beforeAll(async () => {
  runtime = await loadLlamaRuntime();
  const ensured = await ensureRandomLlama(
    { size: 'tiny', weightType: 'q8_0' },
    {
      dir,
      verifyLoad: async (path) => {
        const m = await runtime.llama.loadModel({ modelPath: path });
        await m.dispose();
      },
    },
  );
  modelPath = ensured.path;
  model = await loadCheckedModel(runtime, modelPath);
}, TIMEOUT);

afterAll(async () => {
  await model?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('node-llama-cpp on the generated tiny model', () => {
  it('loads without warnings (node-llama-cpp checks the tokenizer round trip itself)', async () => {
    expect(model.getWarnings()).toEqual([]);
    const info = await describeRuntime(runtime.llama);
    expect(info.nodeLlamaCppVersion).toBe('3.21.1');
    expect(info.backend).toBeTypeOf('string');
    expect(model.fileInfo.metadata.general.architecture).toBe('llama');
  });

  it('detokenize(tokenize(text)) === text through llama.cpp\'s own tokenizer', () => {
    fc.assert(
      fc.property(representableText, (text) => {
        expect(model.detokenize(model.tokenize(text))).toBe(text);
      }),
      { numRuns: 100 },
    );
  });

  it('tokenises exactly like the TypeScript SPM tokenizer', () => {
    const ts = new SpmTokenizer(buildVocabulary(1024, 42));
    for (const text of ['The student essay about evidence', ' two  spaces', 'naïve 🙂 <s>', 'tab\tnew\nline']) {
      expect(model.tokenize(text)).toEqual(ts.tokenize(text));
    }
    fc.assert(
      fc.property(representableText, (text) => {
        expect(model.tokenize(text)).toEqual(ts.tokenize(text));
      }),
      { numRuns: 100 },
    );
    expect(ts.tokenize(`${SPACE_MARKER}`)).toEqual(ts.tokenize(' '));
  });

  it('generates exactly N tokens, greedily and deterministically', async () => {
    const context = await model.createContext({ contextSize: 256, batchSize: 64, threads: 1 });
    try {
      const sequence = context.getSequence();
      const prompt = promptTokens(model, 16);
      expect(prompt.length).toBe(16);
      expect(prompt[0]).toBe(model.tokens.bos);
      const bias = noEndOfGenerationBias(model);
      const a = await generateExactly(sequence, prompt, 8, bias);
      const b = await generateExactly(sequence, prompt, 8, bias);
      expect(a.tokens.length).toBe(8);
      expect(b.tokens).toEqual(a.tokens);
      expect(a.tokens).not.toContain(model.tokens.eos);
      expect(a.ttftNs).toBeGreaterThan(0);
      expect(a.totalNs).toBeGreaterThanOrEqual(a.ttftNs);
      expect(typeof model.detokenize(a.tokens)).toBe('string');
      expect(await prefill(sequence, prompt)).toBeGreaterThan(0);
    } finally {
      await context.dispose();
    }
  }, TIMEOUT);
});

describe('bad input is refused with the file named, before llama.cpp sees it', () => {
  it.each([
    ['missing', (p: string) => join(dirOf(p), 'absent.gguf')],
    ['truncated', (p: string) => write(p, 'cut.gguf', (b) => b.subarray(0, b.length - 4096))],
    ['bad-magic', (p: string) => write(p, 'magic.gguf', (b) => Buffer.concat([Buffer.from('XXXX'), b.subarray(4)]))],
    ['bad-version', (p: string) => write(p, 'v9.gguf', (b) => patchVersion(b, 9))],
  ])('%s', async (problem, make) => {
    const file = make(modelPath);
    const error = await loadCheckedModel(runtime, file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).problem).toBe(problem);
    expect((error as Error).message).toContain(file);
  }, TIMEOUT);
});

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

function patchVersion(bytes: Buffer, version: number): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt32LE(version, 4);
  return copy;
}

function write(src: string, name: string, edit: (b: Buffer) => Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, edit(readFileSync(src)));
  return path;
}
