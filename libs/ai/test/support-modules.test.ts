import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readModelOverrides } from '../src/cli/model-overrides.ts';
import { llamaBenchEntry, mergeLlamaBenchExport, type LlamaBenchEntry } from '../src/llama/llama-bench-export.ts';
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

describe('llama-bench JSON export', () => {
  const base = {
    id: 'ai/llama/generate/100',
    type: 'tg' as const,
    build_commit: 'b1',
    gpu_info: '',
    backends: 'CPU',
    model_filename: 'm.gguf',
    model_type: 'llama small Q4_0',
    model_size: 1000,
    model_n_params: 50,
    n_batch: 512,
    n_ubatch: 512,
    n_threads: 1,
    n_gpu_layers: 0,
    n_prompt: 0,
    n_gen: 100,
    n_seq: 1,
  };

  it('has llama-bench field names and per-run tokens/s', () => {
    const e = llamaBenchEntry(base, [1e9, 2e9], 100);
    expect(e.samples_ts).toEqual([100, 50]);
    expect(e.avg_ts).toBe(75);
    expect(e.avg_ns).toBe(1.5e9);
    expect(e.stddev_ns).toBeCloseTo(Math.SQRT1_2 * 1e9, -3);
    for (const k of ['n_prompt', 'n_gen', 'n_threads', 'avg_ns', 'stddev_ns', 'avg_ts', 'stddev_ts', 'samples_ns', 'samples_ts', 'model_size', 'model_n_params', 'type']) {
      expect(e).toHaveProperty(k);
    }
  });

  it('merges by id, newest wins, written atomically', () => {
    const file = join(dir, 'out', 'llama-bench.json');
    mergeLlamaBenchExport(file, [llamaBenchEntry(base, [1e9], 100), llamaBenchEntry({ ...base, id: 'ai/llama/prefill/16' }, [1e6], 16)]);
    mergeLlamaBenchExport(file, [llamaBenchEntry(base, [2e9], 100)]);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as LlamaBenchEntry[];
    expect(saved.map((e) => e.id)).toEqual(['ai/llama/generate/100', 'ai/llama/prefill/16']);
    expect(saved[0]?.avg_ns).toBe(2e9);
  });
});
