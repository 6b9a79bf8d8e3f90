import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateExactly, noEndOfGenerationBias, prefill, promptTokens } from '../src/llama/generation.ts';
import {
  LLAMA_BENCH_FIELDS,
  LLAMA_BENCH_KEY_PROPERTIES,
  llamaBenchConfig,
  llamaBenchKey,
  llamaBenchRow,
  llamaBenchTestName,
  mergeLlamaBenchRow,
  mergeModelLoad,
  mergeParallelSequences,
  type LlamaBenchConfig,
  type LlamaBenchExtras,
  type LlamaBenchRow,
} from '../src/llama/llama-bench-export.ts';
import { loadedLlamaBuildInfo, readElfBuildInfo } from '../src/llama/llama-build-info.ts';
import { describeRuntime, loadCheckedModel, loadLlamaRuntime, type LlamaRuntime } from '../src/llama/llama-runtime.ts';
import { ensureRandomLlama } from '../src/model/model-cache.ts';

/*
 * llama.cpp's own rules for llama-bench data, from the llama.cpp node-llama-cpp 3.21.1 bundles
 * (node_modules/node-llama-cpp/llama/gitRelease.bundle, release v0.4.0):
 * scripts/compare-llama-bench.py reads a JSON file by dropping every key not in
 * LLAMA_BENCH_DB_FIELDS, refusing a row without all of its check keys (KEY_PROPERTIES + build_commit,
 * test_time, avg_ts: "Missing required data key(s)"), inserting the rest into SQLite columns of
 * LLAMA_BENCH_DB_TYPES, and averaging rows of one build that agree on KEY_PROPERTIES. The last
 * describe block checks these copies against the script itself and runs it on our file.
 */
const SCRIPT_DB_FIELDS = [
  'build_commit', 'build_number', 'cpu_info', 'gpu_info', 'backends', 'model_filename',
  'model_type', 'model_size', 'model_n_params', 'n_batch', 'n_ubatch', 'n_threads',
  'cpu_mask', 'cpu_strict', 'poll', 'type_k', 'type_v', 'n_gpu_layers',
  'split_mode', 'main_gpu', 'no_kv_offload', 'flash_attn', 'tensor_split', 'tensor_buft_overrides',
  'load_mode', 'embeddings', 'no_op_offload', 'n_prompt', 'n_gen', 'n_depth',
  'test_time', 'avg_ns', 'stddev_ns', 'avg_ts', 'stddev_ts', 'n_cpu_moe',
  'fit_target', 'fit_min_ctx',
];
const SCRIPT_KEY_PROPERTIES = [
  'cpu_info', 'gpu_info', 'backends', 'n_gpu_layers', 'n_cpu_moe', 'tensor_buft_overrides', 'model_filename', 'model_type',
  'n_batch', 'n_ubatch', 'embeddings', 'cpu_mask', 'cpu_strict', 'poll', 'n_threads', 'type_k', 'type_v',
  'load_mode', 'no_kv_offload', 'split_mode', 'main_gpu', 'tensor_split', 'flash_attn', 'n_prompt', 'n_gen', 'n_depth',
  'fit_target', 'fit_min_ctx',
];
const SCRIPT_CHECK_KEYS = [...SCRIPT_KEY_PROPERTIES, 'build_commit', 'test_time', 'avg_ts'];

/** llama-bench's `test::get_field_type()` (llama-bench.cpp): how json_printer writes each field. */
const INT_FIELDS = ['build_number', 'n_batch', 'n_ubatch', 'n_threads', 'poll', 'model_size', 'model_n_params', 'n_gpu_layers', 'main_gpu', 'n_prompt', 'n_gen', 'n_depth', 'avg_ns', 'stddev_ns', 'no_op_offload', 'n_cpu_moe', 'fit_target', 'fit_min_ctx', 'flash_attn'];
const BOOL_FIELDS = ['no_kv_offload', 'cpu_strict', 'embeddings', 'no_host'];
const FLOAT_FIELDS = ['avg_ts', 'stddev_ts'];

/** Everything compare-llama-bench.py and llama-bench's types ask of a file; returns the problems. */
function checkAgainstLlamaBenchRules(rows: unknown[]): string[] {
  const problems: string[] = [];
  const keys = new Map<string, number>();
  rows.forEach((raw, i) => {
    const row = raw as Record<string, unknown>;
    const at = `entry ${i + 1}`;
    const missing = [...SCRIPT_DB_FIELDS, ...SCRIPT_CHECK_KEYS].filter((k) => !(k in row));
    if (missing.length > 0) problems.push(`${at}: missing ${[...new Set(missing)].join(', ')}`);
    for (const [k, v] of Object.entries(row)) {
      const ok = INT_FIELDS.includes(k)
        ? Number.isInteger(v)
        : BOOL_FIELDS.includes(k)
          ? typeof v === 'boolean'
          : FLOAT_FIELDS.includes(k)
            ? typeof v === 'number' && Number.isFinite(v)
            : k === 'samples_ns'
              ? Array.isArray(v) && v.every(Number.isInteger)
              : k === 'samples_ts'
                ? Array.isArray(v) && v.every((x) => typeof x === 'number')
                : typeof v === 'string';
      if (!ok) problems.push(`${at}: ${k} = ${JSON.stringify(v)} is not llama-bench's type`);
    }
    if (Number(row.n_prompt) + Number(row.n_gen) <= 0) problems.push(`${at}: no tokens (n_prompt = n_gen = 0), a row llama-bench never writes`);
    const ns = row.samples_ns as number[];
    const ts = row.samples_ts as number[];
    ts?.forEach((t, j) => {
      if (Math.abs(t - (1e9 * (Number(row.n_prompt) + Number(row.n_gen))) / ns[j]) > 1e-9 * t) problems.push(`${at}: samples_ts[${j}] is not (n_prompt + n_gen) / t`);
    });
    const key = JSON.stringify([row.build_commit, ...SCRIPT_KEY_PROPERTIES.map((k) => row[k])]);
    if (keys.has(key)) problems.push(`${at}: same compare-llama-bench key as entry ${keys.get(key)! + 1}: the script would average them`);
    keys.set(key, i);
  });
  return problems;
}

const BASE: LlamaBenchConfig = {
  build_commit: '5b4ebc5',
  build_number: 1,
  cpu_info: 'Test CPU',
  gpu_info: '',
  backends: 'CPU',
  model_filename: '/models/m.gguf',
  model_type: 'llama ?B Q8_0',
  model_size: 1000,
  model_n_params: 50,
  n_batch: 512,
  n_ubatch: 512,
  n_threads: 2,
  type_k: 'f16',
  type_v: 'f16',
  n_gpu_layers: 0,
  flash_attn: 0,
  load_mode: 'mmap',
  lazy_mode: 'off',
  n_prompt: 16,
  n_gen: 100,
  n_depth: 0,
};

const dir = mkdtempSync(join(tmpdir(), 'ai-llama-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('llama-bench rows', () => {
  it("every field llama-bench writes, in its order, with llama-bench's types and samples_ts definition", () => {
    const row = llamaBenchRow(BASE, [1e9, 2e9], new Date('2026-12-02T03:37:17.872Z'));
    expect(Object.keys(row)).toEqual([...LLAMA_BENCH_FIELDS]);
    expect(row.test_time).toBe('2026-12-02T03:37:17Z');
    // One sequence's tokens per second: (n_prompt + n_gen) / t.
    expect(row.samples_ts).toEqual([116, 58]);
    expect(row).toMatchObject({ avg_ns: 1.5e9, avg_ts: 87, cpu_mask: '0x0', poll: 50, split_mode: 'layer', devices: 'auto', tensor_split: '0.00', tensor_buft_overrides: 'none' });
    expect(row.stddev_ns).toBe(Math.floor(Math.SQRT1_2 * 1e9));
    expect(checkAgainstLlamaBenchRules([row])).toEqual([]);
    expect(llamaBenchTestName(row)).toBe('pp16+tg100');
    expect(llamaBenchTestName({ n_prompt: 0, n_gen: 63, n_depth: 8 })).toBe('tg63@d8');
    expect(() => llamaBenchRow({ ...BASE, n_prompt: 0, n_gen: 0 }, [1])).toThrow(/at least one token/);
  });

  it('the key is the script’s: the same test on another model file or thread count is another row', () => {
    const a = llamaBenchRow(BASE, [1e9]);
    expect(llamaBenchKey(llamaBenchRow(BASE, [2e9]))).toBe(llamaBenchKey(a));
    expect(llamaBenchKey(llamaBenchRow({ ...BASE, model_filename: '/models/f16.gguf' }, [1e9]))).not.toBe(llamaBenchKey(a));
    expect(llamaBenchKey(llamaBenchRow({ ...BASE, n_threads: 1 }, [1e9]))).not.toBe(llamaBenchKey(a));
    expect([...LLAMA_BENCH_KEY_PROPERTIES]).toEqual(SCRIPT_KEY_PROPERTIES);
  });

  it('merges by key (newest wins, the ids it stands for kept beside it); an id whose test changed leaves its old row', () => {
    const files = { rows: join(dir, 'merge', 'llama-bench.json'), extras: join(dir, 'merge', 'extras.json') };
    mergeLlamaBenchRow(files, 'ai/llama/generate/100', llamaBenchRow(BASE, [1e9]));
    mergeLlamaBenchRow(files, 'ai/llama/quantization/q4_0', llamaBenchRow(BASE, [2e9]));
    mergeLlamaBenchRow(files, 'ai/llama/threads/2', llamaBenchRow({ ...BASE, n_prompt: 0, n_gen: 63, n_depth: 8 }, [1e9]));
    mergeLlamaBenchRow(files, 'ai/llama/threads/2', llamaBenchRow({ ...BASE, n_prompt: 0, n_gen: 47, n_depth: 8 }, [1e9]));
    const rows = JSON.parse(readFileSync(files.rows, 'utf8')) as LlamaBenchRow[];
    expect(rows.map(llamaBenchTestName)).toEqual(['pp16+tg100', 'tg47@d8']);
    expect(rows[0].avg_ns).toBe(2e9);
    const extras = JSON.parse(readFileSync(files.extras, 'utf8')) as LlamaBenchExtras;
    expect(extras.rows.map((r) => [r.test, r.ids])).toEqual([
      ['pp16+tg100', ['ai/llama/generate/100', 'ai/llama/quantization/q4_0']],
      ['tg47@d8', ['ai/llama/threads/2']],
    ]);
  });

  it('model loads and parallel sequences go beside the file, with per-sequence and total rates named apart', () => {
    const extras = join(dir, 'extras', 'extras.json');
    mergeModelLoad(extras, { id: 'ai/llama/load/q4_0', model_filename: 'm.gguf', model_type: 'llama ?B Q4_0', test_time: 't', samples_ns: [3e6, 5e6] });
    mergeParallelSequences(extras, { id: 'ai/llama/batch/4', model_filename: 'm.gguf', n_seq: 4, n_prompt: 16, n_gen: 64, n_threads: 2, test_time: 't', samples_ns: [1e9] });
    const x = JSON.parse(readFileSync(extras, 'utf8')) as LlamaBenchExtras;
    expect(x.modelLoads[0]).toMatchObject({ avg_ns: 4e6, stddev_ns: Math.floor(Math.SQRT2 * 1e6) });
    expect(x.parallelSequences[0]).toMatchObject({ total_ts: [320], per_sequence_ts: [80] });
  });
});

/** The llama.cpp node-llama-cpp bundles: its scripts/compare-llama-bench.py, extracted with git. */
function bundledCompareScript(): string | undefined {
  const bundle = join(dirname(createRequire(import.meta.url).resolve('node-llama-cpp')), '..', 'llama', 'gitRelease.bundle');
  if (!existsSync(bundle) || spawnSync('git', ['--version']).status !== 0) return undefined;
  const repo = join(dir, 'llama.cpp');
  mkdirSync(repo, { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: repo });
  execFileSync('git', ['fetch', '-q', bundle, 'HEAD'], { cwd: repo, stdio: 'pipe' });
  const script = join(dir, 'compare-llama-bench.py');
  writeFileSync(script, execFileSync('git', ['show', 'FETCH_HEAD:scripts/compare-llama-bench.py'], { cwd: repo, maxBuffer: 1 << 24 }));
  return script;
}

const PYTHON = '/usr/bin/python3';
const pythonHas = (modules: string) => existsSync(PYTHON) && spawnSync(PYTHON, ['-c', `import ${modules}`]).status === 0;

describe('our llama-bench.json from a real model, against llama.cpp’s own rules and compare-llama-bench.py', () => {
  const TIMEOUT = 120_000;
  let runtime: LlamaRuntime;
  let model: LlamaModel;
  let modelPath: string;
  const files = { rows: join(dir, 'real', 'llama-bench.json'), extras: join(dir, 'real', 'llama-bench.extras.json') };

  beforeAll(async () => {
    runtime = await loadLlamaRuntime();
    modelPath = (await ensureRandomLlama({ size: 'tiny', weightType: 'q8_0' }, { dir })).path;
    model = await loadCheckedModel(runtime, modelPath);
    // What the suite writes, from real (short) runs: pp, pp+tg, tg at depth, one and two sequences, a load.
    const info = await describeRuntime(runtime.llama);
    const facts = {
      build: loadedLlamaBuildInfo(),
      cpuInfo: cpus()[0]?.model ?? 'unknown',
      gpuNames: info.deviceNames,
      backend: info.backend,
      modelPath,
      model,
      parameterCount: 0,
      batchSize: 64,
      threads: 1,
    };
    const context = await model.createContext({ contextSize: 256, batchSize: 64, threads: 1, sequences: 2 });
    try {
      const [seq, seq2] = [context.getSequence(), context.getSequence()];
      const prompt = promptTokens(model, 8);
      const bias = noEndOfGenerationBias(model);
      const pp = [await prefill(seq, prompt), await prefill(seq, prompt)];
      mergeLlamaBenchRow(files, 'ai/llama/prefill/8', llamaBenchRow(llamaBenchConfig(facts, { n_prompt: 8, n_gen: 0, n_depth: 0 }), pp));
      const gen = [await generateExactly(seq, prompt, 6, bias), await generateExactly(seq, prompt, 6, bias)];
      mergeLlamaBenchRow(files, 'ai/llama/generate/6', llamaBenchRow(llamaBenchConfig(facts, { n_prompt: 8, n_gen: 6, n_depth: 0 }), gen.map((g) => g.totalNs)));
      mergeLlamaBenchRow(files, 'ai/llama/batch/1', llamaBenchRow(llamaBenchConfig(facts, { n_prompt: 8, n_gen: 6, n_depth: 0 }), gen.map((g) => g.totalNs)));
      mergeLlamaBenchRow(files, 'ai/llama/threads/1', llamaBenchRow(llamaBenchConfig(facts, { n_prompt: 0, n_gen: 5, n_depth: 8 }), gen.map((g) => g.totalNs - g.ttftNs)));
      const t0 = process.hrtime.bigint();
      await Promise.all([generateExactly(seq, prompt, 6, bias), generateExactly(seq2, prompt, 6, bias)]);
      mergeParallelSequences(files.extras, { id: 'ai/llama/batch/2', model_filename: modelPath, n_seq: 2, n_prompt: 8, n_gen: 6, n_threads: 1, test_time: new Date().toISOString(), samples_ns: [Number(process.hrtime.bigint() - t0)] });
      mergeModelLoad(files.extras, { id: 'ai/llama/load/q8_0', model_filename: modelPath, model_type: model.typeDescription, test_time: new Date().toISOString(), samples_ns: [1e6] });
    } finally {
      await context.dispose();
    }
  }, TIMEOUT);

  afterAll(async () => {
    await model?.dispose();
  });

  it('has every field, the types, distinct keys and llama-bench’s samples_ts; loads and batch totals are beside it', () => {
    const rows = JSON.parse(readFileSync(files.rows, 'utf8')) as LlamaBenchRow[];
    expect(checkAgainstLlamaBenchRules(rows)).toEqual([]);
    expect(rows.map(llamaBenchTestName).sort()).toEqual(['pp8', 'pp8+tg6', 'tg5@d8']);
    expect(rows[0]).toMatchObject({ model_type: model.typeDescription, load_mode: 'mmap', n_ubatch: 64, backends: expect.any(String) });
    expect(rows[0].model_type).toMatch(/^llama /);
    const extras = JSON.parse(readFileSync(files.extras, 'utf8')) as LlamaBenchExtras;
    expect(extras.rows.find((r) => r.test === 'pp8+tg6')?.ids).toEqual(['ai/llama/batch/1', 'ai/llama/generate/6']);
    expect(extras.parallelSequences.map((p) => p.id)).toEqual(['ai/llama/batch/2']);
    expect(extras.modelLoads.map((p) => p.id)).toEqual(['ai/llama/load/q8_0']);
  });

  it('build_commit and build_number are those of the llama.cpp binary this process loaded (llama-bench’s own convention)', () => {
    const build = loadedLlamaBuildInfo();
    expect(build.source).toMatch(/libllama-common/);
    expect(build.commit).toMatch(/^[0-9a-f]{7,40}$/);
    expect(Number.isInteger(build.number) && build.number >= 0).toBe(true);
    if (existsSync(PYTHON)) {
      // The library's own llama_commit() / llama_build_number(), called through ctypes.
      const code = `import ctypes,sys\nlib=ctypes.CDLL(sys.argv[1])\nc=lib._Z12llama_commitv\nc.restype=ctypes.c_char_p\nn=lib._Z18llama_build_numberv\nprint(c().decode(), n())`;
      const r = spawnSync(PYTHON, ['-c', code, build.source], { encoding: 'utf8' });
      if (r.status === 0) expect(r.stdout.trim()).toBe(`${build.commit} ${build.number}`);
    }
    // Not an ELF library: nothing to read (the bench then writes llama-bench's "unknown" / 0).
    const text = join(dir, 'not-elf.so');
    writeFileSync(text, 'not a library');
    expect(readElfBuildInfo(text)).toBeUndefined();
  });

  it.skipIf(!pythonHas('git, tabulate'))('compare-llama-bench.py (the bundled copy) accepts the file: one table row per entry', () => {
    const script = bundledCompareScript();
    if (!script) return;
    const source = readFileSync(script, 'utf8');
    // The ported rules are the script's.
    const list = (name: string) => [...(new RegExp(`${name} = \\[([^\\]]*)\\]`).exec(source)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(list('LLAMA_BENCH_DB_FIELDS')).toEqual(SCRIPT_DB_FIELDS);
    expect(list('LLAMA_BENCH_KEY_PROPERTIES')).toEqual(SCRIPT_KEY_PROPERTIES);
    const rows = JSON.parse(readFileSync(files.rows, 'utf8')) as LlamaBenchRow[];
    const build = rows[0].build_commit;
    const cwd = mkdtempSync(join(tmpdir(), 'ai-compare-')); // not a git repository: the builds come from -b/-c
    try {
      const r = spawnSync(PYTHON, [script, '-t', 'llama-bench', '-i', files.rows, '-b', build, '-c', build], { cwd, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const tableRows = r.stdout.split('\n').filter((l) => l.startsWith('|') && !/^\|[-:| ]+\|$/.test(l)).slice(1);
      expect(tableRows).toHaveLength(rows.length);
      for (const name of ['pp8', 'pp8+tg6', 'tg5@d8']) expect(r.stdout).toContain(`| ${name} `);
      // A file in the old shape (fields missing) is refused by the same script: the check is real.
      const old = join(cwd, 'old.json');
      writeFileSync(old, JSON.stringify([{ build_commit: build, avg_ts: 1, test_time: 't', n_prompt: 16, n_gen: 0 }]));
      const refused = spawnSync(PYTHON, [script, '-t', 'llama-bench', '-i', old, '-b', build, '-c', build], { cwd, encoding: 'utf8' });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/Missing required data key\(s\)/);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);
});
