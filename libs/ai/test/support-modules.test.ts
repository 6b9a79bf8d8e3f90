import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readModelOverrides } from '../src/cli/model-overrides.ts';
import { bestOf, readThreadChoice, saveThreadMeasurement, threadCandidates } from '../src/llama/thread-choice.ts';

const dir = mkdtempSync(join(tmpdir(), 'ai-support-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env['AI_LLAMA_THREADS'];
});

describe('model overrides', () => {
  it('reads --model / --onnx-model flags, then the env variables', () => {
    expect(readModelOverrides(['node', 'x', '--model', 'a.gguf', '--onnx-model=b.onnx'], {})).toEqual({ llamaModel: 'a.gguf', onnxModel: 'b.onnx' });
    expect(readModelOverrides([], { AI_BENCH_MODEL: 'c.gguf', AI_BENCH_ONNX_MODEL: '' })).toEqual({ llamaModel: 'c.gguf' });
    expect(readModelOverrides([], {})).toEqual({});
  });
});

describe('thread choice', () => {
  it('sweeps 1, 2, 4, … up to the core count', () => {
    expect(threadCandidates(1)).toEqual([1]);
    expect(threadCandidates(2)).toEqual([1, 2]);
    expect(threadCandidates(6)).toEqual([1, 2, 4, 6]);
  });

  it('picks the fastest measured count, remembers it per hardware, lets the env override', () => {
    expect(bestOf({ '1': 500, '2': 17 })).toBe(1);
    const file = join(dir, 'threads.json');
    expect(readThreadChoice(file, 'hw')).toBeUndefined();
    saveThreadMeasurement(file, 'hw', { '1': 10, '2': 30 });
    expect(readThreadChoice(file, 'hw')?.threads).toBe(2);
    expect(readThreadChoice(file, 'other hw')).toBeUndefined();
    expect(saveThreadMeasurement(file, 'hw', { '4': 50 }).tokensPerSecond).toEqual({ '1': 10, '2': 30, '4': 50 });
    expect(readThreadChoice(file, 'hw', Date.now() + 2 * 86400_000)).toBeUndefined(); // stale
    process.env['AI_LLAMA_THREADS'] = '3';
    expect(readThreadChoice(file, 'hw')).toMatchObject({ threads: 3, source: 'env' });
    process.env['AI_LLAMA_THREADS'] = 'lots';
    expect(() => readThreadChoice(file, 'hw')).toThrow(/AI_LLAMA_THREADS/);
  });
});
