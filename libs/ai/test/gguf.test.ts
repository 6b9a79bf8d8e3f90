import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeGgufHeader } from '../src/gguf/gguf-writer.ts';
import { checkGgufDataComplete, readGgufHeader } from '../src/gguf/gguf-reader.ts';
import { assertFitsInMemory, checkGgufBeforeLoad } from '../src/llama/memory-guard.ts';
import { MODEL_CONFIGS } from '../src/model/llama-config.ts';
import { ensureRandomLlama, randomLlamaFileName } from '../src/model/model-cache.ts';
import { WRITER_VERSION, parameterCount, planTensors } from '../src/model/random-llama.ts';
import { ModelFileError } from '../src/model-file-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'ai-gguf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tinyModel(weightType: 'f32' | 'f16' | 'q8_0' | 'q4_0' = 'q8_0'): Promise<string> {
  return (await ensureRandomLlama({ size: 'tiny', weightType }, { dir })).path;
}

function copyWith(src: string, name: string, edit: (bytes: Buffer) => Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, edit(readFileSync(src)));
  return path;
}

function expectProblem(fn: () => unknown, file: string, problem: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).problem).toBe(problem);
    expect((error as ModelFileError).file).toBe(file);
    expect((error as Error).message).toContain(file);
    return;
  }
  throw new Error(`expected a ${problem} ModelFileError`);
}

describe('GGUF writer: header read-back', () => {
  it.each(['f32', 'f16', 'q8_0', 'q4_0'] as const)('writes a readable GGUF v3 llama model (%s)', async (type) => {
    const path = await tinyModel(type);
    expect(path.endsWith(randomLlamaFileName({ size: 'tiny', weightType: type }))).toBe(true);
    expect(readFileSync(path).subarray(0, 4).toString('latin1')).toBe('GGUF');
    const header = readGgufHeader(path);
    const config = MODEL_CONFIGS.tiny;
    expect(header.version).toBe(3);
    expect(header.tensorCount).toBe(2 + 9 * config.blockCount + 1);
    expect(header.tensors.map((t) => t.name)).toEqual(planTensors(config).map((t) => t.name));
    expect(header.parameterCount).toBe(parameterCount(config));
    for (const key of [
      'general.architecture',
      'general.file_type',
      'llama.context_length',
      'llama.embedding_length',
      'llama.block_count',
      'llama.feed_forward_length',
      'llama.rope.dimension_count',
      'llama.attention.head_count',
      'llama.attention.head_count_kv',
      'llama.attention.layer_norm_rms_epsilon',
      'tokenizer.ggml.model',
      'tokenizer.ggml.tokens',
      'tokenizer.ggml.scores',
      'tokenizer.ggml.token_type',
      'tokenizer.ggml.bos_token_id',
      'tokenizer.ggml.eos_token_id',
    ]) {
      expect(header.metadata.has(key), key).toBe(true);
    }
    expect(header.metadata.get('general.architecture')).toBe('llama');
    expect(header.metadata.get('llama.embedding_length')).toBe(config.embeddingLength);
    expect(header.metadata.get('workflow_bench.writer_version')).toBe(WRITER_VERSION);
    expect((header.metadata.get('tokenizer.ggml.tokens') as string[]).length).toBe(config.vocabSize);
    expect(header.metadata.get('llama.attention.layer_norm_rms_epsilon')).toBeCloseTo(1e-5, 10);
    // Tensor data starts aligned and the file holds all of it.
    expect(header.dataOffset % 32).toBe(0);
    for (const t of header.tensors) expect(t.offset % 32).toBe(0);
    checkGgufDataComplete(header);
  });

  it('is deterministic: the same parameters give the same bytes (the cache key stands for the content)', async () => {
    const a = readFileSync(await tinyModel('q4_0'));
    const other = mkdtempSync(join(tmpdir(), 'ai-gguf-b-'));
    try {
      const b = readFileSync((await ensureRandomLlama({ size: 'tiny', weightType: 'q4_0' }, { dir: other })).path);
      expect(Buffer.compare(a, b)).toBe(0);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('regenerates a damaged cached file instead of using it', async () => {
    const path = await tinyModel('f16');
    truncateSync(path, 1000);
    const again = await ensureRandomLlama({ size: 'tiny', weightType: 'f16' }, { dir });
    expect(again.generated).toBe(true);
    checkGgufDataComplete(readGgufHeader(again.path));
  });
});

describe('GGUF bad input: a typed error naming the file', () => {
  it('missing file', () => {
    const path = join(dir, 'nope.gguf');
    expectProblem(() => readGgufHeader(path), path, 'missing');
  });

  it('wrong magic', async () => {
    const path = copyWith(await tinyModel(), 'magic.gguf', (b) => Buffer.concat([Buffer.from('GGML'), b.subarray(4)]));
    expectProblem(() => readGgufHeader(path), path, 'bad-magic');
    const text = join(dir, 'text.gguf');
    writeFileSync(text, 'hello');
    expectProblem(() => readGgufHeader(text), text, 'bad-magic');
  });

  it('wrong version', async () => {
    const path = copyWith(await tinyModel(), 'version.gguf', (b) => {
      const c = Buffer.from(b);
      c.writeUInt32LE(99, 4);
      return c;
    });
    expectProblem(() => readGgufHeader(path), path, 'bad-version');
  });

  it('truncated in the header and truncated in the data', async () => {
    const src = await tinyModel();
    const inHeader = copyWith(src, 'cut-header.gguf', (b) => b.subarray(0, 200));
    expectProblem(() => readGgufHeader(inHeader), inHeader, 'truncated');
    const tiny = copyWith(src, 'cut-6.gguf', (b) => b.subarray(0, 6));
    expectProblem(() => readGgufHeader(tiny), tiny, 'truncated');
    const inData = copyWith(src, 'cut-data.gguf', (b) => b.subarray(0, b.length - 5000));
    const header = readGgufHeader(inData); // the header itself is intact
    expectProblem(() => checkGgufDataComplete(header), inData, 'truncated');
    expectProblem(() => checkGgufBeforeLoad(inData), inData, 'truncated');
  });

  it('corrupt: an unknown metadata type tag', async () => {
    const path = copyWith(await tinyModel(), 'corrupt.gguf', (b) => {
      const c = Buffer.from(b);
      // first key: u64 length at 24, the key, then the u32 value type
      const keyLength = Number(c.readBigUInt64LE(24));
      c.writeUInt32LE(77, 32 + keyLength);
      return c;
    });
    expectProblem(() => readGgufHeader(path), path, 'corrupt');
  });
});

describe('memory guard', () => {
  it('refuses a model whose header claims more than free memory, without allocating it', () => {
    // A header-only file claiming one 2^40-value F32 tensor (4 TiB): refused before anything loads.
    const huge = join(dir, 'huge.gguf');
    const metadata = new Map([['general.architecture', { type: 'string' as const, value: 'llama' }]]);
    writeFileSync(
      huge,
      encodeGgufHeader(metadata, [{ name: 'w', dims: [2 ** 20, 2 ** 20], ggmlType: 0, byteLength: 2 ** 42, encode: () => new Uint8Array() }]),
    );
    const header = readGgufHeader(huge);
    expect(header.tensorBytes).toBe(2 ** 42);
    expectProblem(() => checkGgufBeforeLoad(huge), huge, 'too-large');
    expectProblem(() => assertFitsInMemory(header, 2 ** 30), huge, 'too-large');
    expect(() => assertFitsInMemory(header, 2 ** 43)).not.toThrow();
  });

  it('accepts the tiny model', async () => {
    const path = await tinyModel();
    expect(checkGgufBeforeLoad(path).tensorCount).toBeGreaterThan(0);
  });
});
