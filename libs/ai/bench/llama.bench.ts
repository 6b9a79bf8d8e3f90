import { availableParallelism } from 'node:os';
import { defineSuite, median, type BenchContext, type CustomMeasurement } from '@workflow-bench/bench-kit';
import type { Token } from 'node-llama-cpp';
import type { WeightType } from '../src/gguf/ggml-types.ts';
import { generateExactly, noEndOfGenerationBias, prefill, promptTokens, type GenerationTiming } from '../src/llama/generation.ts';
import { loadCheckedModel } from '../src/llama/llama-runtime.ts';
import { threadCandidates } from '../src/llama/thread-choice.ts';
import {
  BATCH_SIZE,
  CONTEXT_SIZE,
  DEFAULT_WEIGHT_TYPE,
  benchModel,
  benchModelSize,
  chosenThreads,
  createBenchContext,
  exportLlamaBenchTest,
  exportModelLoad,
  exportParallelSequences,
  generatedModelPath,
  recordThreadRate,
  runtime,
  runtimeDetails,
  runtimeInfo,
  userModelPath,
  weightTypeOfFile,
  type BenchModel,
} from './support/llama-session.ts';
import { checkGgufBeforeLoad } from '../src/llama/memory-guard.ts';

/**
 * llama.cpp (node-llama-cpp 3.21.1) on generated random-weight llama models — `small` by default
 * (AI_BENCH_MODEL_SIZE=tiny for CI), or a real model with AI_BENCH_MODEL=<file.gguf>.
 * Greedy sampling, fixed prompts, EOS forbidden: every run does the same work.
 */
const QUANTS = ['f16', 'q8_0', 'q4_0'] as const satisfies readonly WeightType[];
const PROMPT_FOR_GENERATION = 16;
const samplesFor = (ctx: BenchContext, full: number): number => (ctx.quick ? 3 : full);
const ms = (ns: number) => ns / 1e6;
const rss = () => process.memoryUsage().rss;

/** With a user model, the per-quantisation ids only run for the quantisation that file has. */
async function modelForQuant(quant: WeightType, ctx: BenchContext): Promise<BenchModel> {
  const user = userModelPath();
  if (user) {
    const fileQuant = weightTypeOfFile(checkGgufBeforeLoad(user));
    if (fileQuant !== quant) ctx.skip(`AI_BENCH_MODEL=${user} is ${fileQuant ?? 'another type'}; the ${quant} comparison uses the generated models`);
  }
  return benchModel(quant, ctx);
}

interface GenerationState {
  bm: BenchModel;
  threads: number;
}

/** Runs `samples` greedy generations of n tokens (after one warm-up) and summarises them. */
async function measureGeneration(id: string, state: GenerationState, n: number, ctx: BenchContext, fullSamples: number): Promise<CustomMeasurement> {
  const { bm, threads } = state;
  const context = await createBenchContext(bm.model, threads);
  try {
    const sequence = context.getSequence();
    const prompt = promptTokens(bm.model, PROMPT_FOR_GENERATION);
    const bias = noEndOfGenerationBias(bm.model);
    await generateExactly(sequence, prompt, Math.min(n, 8), bias); // warm-up: pages in the weights
    const runs: GenerationTiming[] = [];
    for (let i = 0; i < samplesFor(ctx, fullSamples); i++) {
      runs.push(await generateExactly(sequence, prompt, n, bias));
      ctx.progress(`${i + 1} runs: ${runs.at(-1)!.tokensPerSecond.toFixed(1)} tokens/s`);
    }
    await exportLlamaBenchTest(id, bm, { n_prompt: prompt.length, n_gen: n, n_depth: 0 }, threads, runs.map((r) => r.totalNs));
    return {
      unit: 'tokens/s',
      lowerIsBetter: false,
      samples: runs.map((r) => r.tokensPerSecond),
      throughput: { unit: 'tokens', perIteration: n },
      metrics: {
        ttft_ms: { value: ms(median(runs.map((r) => r.ttftNs))), unit: 'ms', note: `time to first token (${prompt.length}-token prompt + first sample)` },
        tpot_ms: { value: ms(median(runs.map((r) => r.tpotNs))), unit: 'ms', note: 'time per output token after the first' },
        total_ms: { value: ms(median(runs.map((r) => r.totalNs))), unit: 'ms', note: `prompt + ${n} generated tokens` },
        tokens_per_s: { value: median(runs.map((r) => r.tokensPerSecond)), unit: 'tokens/s', note: 'generated tokens / total time' },
        decode_tokens_per_s: { value: median(runs.map((r) => r.decodeTokensPerSecond)), unit: 'tokens/s', note: 'after the first token' },
        model_size: { value: bm.header.tensorBytes, unit: 'bytes' },
        n_params: { value: bm.header.parameterCount, unit: 'params' },
        threads: { value: threads, unit: 'threads' },
      },
      details: await runtimeDetails(bm, { threads, n_prompt: prompt.length, n_gen: n, sampling: 'greedy, EOS forbidden' }),
    };
  } finally {
    await context.dispose();
  }
}

async function generationState(quant: WeightType, ctx: BenchContext, byQuant = false): Promise<GenerationState> {
  const bm = byQuant ? await modelForQuant(quant, ctx) : await benchModel(quant, ctx);
  return { bm, threads: (await chosenThreads(ctx)).threads };
}

export default defineSuite('llama', (s) => {
  s.option('model', { type: 'string', valueName: 'file.gguf', description: 'benchmark this GGUF model instead of the generated ones (or AI_BENCH_MODEL)' });
  // First, before any model is mapped into this process, so RSS deltas are the model's own.
  s.bench<undefined>('memory', {
    kind: 'custom',
    measure: async (_, ctx) => {
      const r = await runtime();
      const info = await runtimeInfo();
      const path = userModelPath() ?? (await generatedModelPath(DEFAULT_WEIGHT_TYPE, ctx)).path;
      const samples: number[] = [];
      const figures: Record<string, number[]> = { before: [], afterLoad: [], perContext: [], afterEval: [], vramUsed: [] };
      let bmForDetails: BenchModel | undefined;
      for (let i = 0; i < samplesFor(ctx, 5); i++) {
        global.gc?.();
        const before = rss();
        const vramBefore = info.backend === 'cpu' ? 0 : (await r.llama.getVramState()).used;
        const model = await loadCheckedModel(r, path);
        const afterLoad = rss();
        const c1 = await model.createContext({ contextSize: CONTEXT_SIZE, batchSize: BATCH_SIZE, threads: 1 });
        const afterOne = rss();
        const c2 = await model.createContext({ contextSize: CONTEXT_SIZE, batchSize: BATCH_SIZE, threads: 1 });
        const afterTwo = rss();
        // Evaluating touches every weight page, so mmap'ed weights now count in RSS.
        await c1.getSequence().evaluateWithoutGeneratingNewTokens(promptTokens(model, 16));
        const afterEval = rss();
        const vramAfter = info.backend === 'cpu' ? 0 : (await r.llama.getVramState()).used;
        samples.push(afterEval - before);
        figures['before']!.push(before);
        figures['afterLoad']!.push(afterLoad - before);
        figures['perContext']!.push((afterTwo - afterOne + (afterOne - afterLoad)) / 2);
        figures['afterEval']!.push(afterEval - before);
        figures['vramUsed']!.push(vramAfter - vramBefore);
        bmForDetails ??= {
          model,
          path,
          header: checkGgufBeforeLoad(path),
          label: userModelPath() ? path.split('/').pop()! : `random llama ${benchModelSize()} ${DEFAULT_WEIGHT_TYPE.toUpperCase()}`,
          userSupplied: !!userModelPath(),
        };
        await c2.dispose();
        await c1.dispose();
        await model.dispose();
      }
      const med = (k: string) => median(figures[k]!);
      return {
        unit: 'bytes',
        samples,
        metrics: {
          rss_before_load: { value: med('before'), unit: 'bytes' },
          rss_after_load_delta: { value: med('afterLoad'), unit: 'bytes', note: 'weights are mmap-ed: little is resident until used' },
          rss_per_context: { value: med('perContext'), unit: 'bytes', note: `context of ${CONTEXT_SIZE} tokens, batch ${BATCH_SIZE}` },
          rss_after_first_eval_delta: { value: med('afterEval'), unit: 'bytes', note: 'model + 2 contexts, weights paged in' },
          vram_used_delta: { value: med('vramUsed'), unit: 'bytes', note: info.backend === 'cpu' ? 'no GPU' : info.backend },
          model_size: { value: bmForDetails!.header.tensorBytes, unit: 'bytes' },
        },
        details: await runtimeDetails(bmForDetails!, { samples_are: 'RSS growth from before load to after 2 contexts + first eval' }),
      };
    },
  });

  s.bench<GenerationState, string>('threads', {
    kind: 'custom',
    params: threadCandidates(availableParallelism()).map(String),
    setup: async (ctx) => ({ bm: await benchModel(DEFAULT_WEIGHT_TYPE, ctx), threads: Number(ctx.param) }),
    measure: async ({ bm, threads }, ctx) => {
      const context = await createBenchContext(bm.model, threads);
      try {
        const sequence = context.getSequence();
        const prompt = promptTokens(bm.model, 8);
        const bias = noEndOfGenerationBias(bm.model);
        // A bad thread count can be 100× slower: size the runs from a warm-up so a slow count
        // takes seconds, not minutes, while a fast one still generates enough tokens to time.
        const warmUp = await generateExactly(sequence, prompt, 4, bias);
        const secondsPerRun = ctx.quick ? 2 : 4;
        const n = Math.max(8, Math.min(ctx.quick ? 48 : 128, Math.round(warmUp.decodeTokensPerSecond * secondsPerRun)));
        const runs: GenerationTiming[] = [];
        for (let i = 0; i < samplesFor(ctx, 5); i++) runs.push(await generateExactly(sequence, prompt, n, bias));
        const rate = median(runs.map((r) => r.decodeTokensPerSecond));
        const choice = await recordThreadRate(threads, rate);
        // The decodes after the first token: llama-bench's tg test with the prompt already in the context.
        await exportLlamaBenchTest(ctx.id, bm, { n_prompt: 0, n_gen: n - 1, n_depth: prompt.length }, threads, runs.map((r) => r.totalNs - r.ttftNs));
        return {
          unit: 'tokens/s',
          lowerIsBetter: false,
          samples: runs.map((r) => r.decodeTokensPerSecond),
          metrics: {
            tokens_per_s: { value: rate, unit: 'tokens/s', note: 'decode speed' },
            tpot_ms: { value: ms(median(runs.map((r) => r.tpotNs))), unit: 'ms' },
            best_threads: { value: choice.threads, unit: 'threads', note: `best count measured so far (${choice.source}); the default for the other benchmarks` },
            threads: { value: threads, unit: 'threads' },
          },
          details: await runtimeDetails(bm, { threads, n_gen: n, rates_by_threads: JSON.stringify(choice.tokensPerSecond) }),
        };
      } finally {
        await context.dispose();
      }
    },
  });

  s.bench<{ path: string; bm: BenchModel }, (typeof QUANTS)[number]>('load', {
    kind: 'custom',
    params: QUANTS,
    setup: async (ctx) => {
      const bm = await modelForQuant(ctx.param!, ctx); // generates the file and pages it into the cache
      return { path: bm.path, bm };
    },
    measure: async ({ path, bm }, ctx) => {
      const r = await runtime();
      const loads: number[] = [];
      const ready: number[] = [];
      for (let i = 0; i < samplesFor(ctx, 10); i++) {
        const t0 = process.hrtime.bigint();
        const model = await loadCheckedModel(r, path);
        const t1 = process.hrtime.bigint();
        const context = await model.createContext({ contextSize: CONTEXT_SIZE, batchSize: BATCH_SIZE, threads: 1 });
        await context.getSequence().evaluateWithoutGeneratingNewTokens(promptTokens(model, 1));
        const t2 = process.hrtime.bigint();
        loads.push(Number(t1 - t0));
        ready.push(Number(t2 - t0));
        await context.dispose();
        await model.dispose();
      }
      exportModelLoad(ctx.id, bm, loads);
      return {
        unit: 'ns',
        samples: loads,
        metrics: {
          load_ms: { value: ms(median(loads)), unit: 'ms', note: 'header checks + llama.cpp model load (mmap, warm page cache)' },
          load_to_first_eval_ms: { value: ms(median(ready)), unit: 'ms', note: 'load + context + first token evaluated' },
          model_size: { value: bm.header.tensorBytes, unit: 'bytes' },
          n_params: { value: bm.header.parameterCount, unit: 'params' },
        },
        details: await runtimeDetails(bm),
      };
    },
  });

  s.bench<GenerationState & { prompt: Token[] }, string>('prefill', {
    kind: 'custom',
    params: ['16', '128', '512'],
    setup: async (ctx) => {
      const state = await generationState(DEFAULT_WEIGHT_TYPE, ctx);
      return { ...state, prompt: promptTokens(state.bm.model, Number(ctx.param)) }; // tokenised here, untimed
    },
    measure: async ({ bm, threads, prompt }, ctx) => {
      const context = await createBenchContext(bm.model, threads);
      try {
        const sequence = context.getSequence();
        await prefill(sequence, prompt);
        const times: number[] = [];
        for (let i = 0; i < samplesFor(ctx, 10); i++) times.push(await prefill(sequence, prompt));
        await exportLlamaBenchTest(ctx.id, bm, { n_prompt: prompt.length, n_gen: 0, n_depth: 0 }, threads, times);
        const rates = times.map((t) => prompt.length / (t / 1e9));
        return {
          unit: 'tokens/s',
          lowerIsBetter: false,
          samples: rates,
          throughput: { unit: 'tokens', perIteration: prompt.length },
          metrics: {
            tokens_per_s: { value: median(rates), unit: 'tokens/s' },
            prefill_ms: { value: ms(median(times)), unit: 'ms' },
            n_prompt: { value: prompt.length, unit: 'tokens' },
            threads: { value: threads, unit: 'threads' },
          },
          details: await runtimeDetails(bm, { threads, n_prompt: prompt.length }),
        };
      } finally {
        await context.dispose();
      }
    },
  });

  s.bench<GenerationState, string>('generate', {
    kind: 'custom',
    params: ['16', '100', '128'],
    setup: (ctx) => generationState(DEFAULT_WEIGHT_TYPE, ctx),
    measure: (state, ctx) => measureGeneration(ctx.id, state, Number(ctx.param), ctx, 10),
  });

  s.bench<GenerationState, (typeof QUANTS)[number]>('quantization', {
    kind: 'custom',
    params: QUANTS,
    setup: (ctx) => generationState(ctx.param!, ctx, true),
    measure: (state, ctx) => measureGeneration(ctx.id, state, 100, ctx, 10),
  });

  s.bench<GenerationState, string>('batch', {
    kind: 'custom',
    params: ['1', '2', '4'],
    setup: (ctx) => generationState(DEFAULT_WEIGHT_TYPE, ctx),
    measure: async ({ bm, threads }, ctx) => {
      const k = Number(ctx.param);
      const n = ctx.quick ? 32 : 64;
      const context = await createBenchContext(bm.model, threads, k);
      try {
        const sequences = Array.from({ length: k }, () => context.getSequence());
        const prompt = promptTokens(bm.model, PROMPT_FOR_GENERATION);
        const bias = noEndOfGenerationBias(bm.model);
        const runAll = async () => {
          const start = process.hrtime.bigint();
          const results = await Promise.all(sequences.map((seq) => generateExactly(seq, prompt, n, bias)));
          return { wallNs: Number(process.hrtime.bigint() - start), results };
        };
        await runAll();
        const rounds: { wallNs: number; results: GenerationTiming[] }[] = [];
        for (let i = 0; i < samplesFor(ctx, 5); i++) rounds.push(await runAll());
        const totalRates = rounds.map((r) => (k * n) / (r.wallNs / 1e9));
        if (k === 1) await exportLlamaBenchTest(ctx.id, bm, { n_prompt: prompt.length, n_gen: n, n_depth: 0 }, threads, rounds.map((r) => r.wallNs));
        else exportParallelSequences(ctx.id, bm, { n_seq: k, n_prompt: prompt.length, n_gen: n, n_threads: threads }, rounds.map((r) => r.wallNs));
        return {
          unit: 'tokens/s',
          lowerIsBetter: false,
          samples: totalRates,
          throughput: { unit: 'tokens', perIteration: k * n },
          metrics: {
            total_tokens_per_s: { value: median(totalRates), unit: 'tokens/s', note: `${k} sequences × ${n} generated tokens / wall time` },
            per_sequence_tokens_per_s: { value: median(totalRates) / k, unit: 'tokens/s' },
            ttft_ms: { value: ms(median(rounds.flatMap((r) => r.results.map((x) => x.ttftNs)))), unit: 'ms' },
            sequences: { value: k, unit: 'sequences' },
            threads: { value: threads, unit: 'threads' },
          },
          details: await runtimeDetails(bm, { threads, sequences: k, n_prompt: prompt.length, n_gen: n }),
        };
      } finally {
        await context.dispose();
      }
    },
  });

  // Goal names say which model they were measured on.
  const size = userModelPath() ? 'AI_BENCH_MODEL' : benchModelSize();
  s.goal({
    name: `${size}: generate 100 tokens < 2 s (${DEFAULT_WEIGHT_TYPE}, default model)`,
    description: 'The seed\'s CPU-only target: a 16-token prompt plus 100 generated tokens within 2 s (median run).',
    unit: 'ms',
    target: 2000,
    comparison: '<',
    benchmarks: ['ai/llama/generate/100'],
    actual: (r) => r.metric('ai/llama/generate/100', 'total_ms'),
  });
  for (const quant of QUANTS) {
    s.goal({
      name: `${size}: quantization ${quant}: 100 tokens < 2 s`,
      description: 'The same target for each weight type of the quantisation comparison.',
      unit: 'ms',
      target: 2000,
      comparison: '<',
      benchmarks: [`ai/llama/quantization/${quant}`],
      actual: (r) => r.metric(`ai/llama/quantization/${quant}`, 'total_ms'),
    });
  }
});

