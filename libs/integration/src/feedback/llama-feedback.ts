import { generateExactly, loadCheckedModel, noEndOfGenerationBias } from '@workflow-bench/ai';
import type { AnonymisedAnswer, AnswerComment, FeedbackGeneratedData } from '@workflow-bench/core';
import { feedbackThreads, sharedLlamaRuntime } from './llama-runtime-cache.ts';
import type { FeedbackModelFile } from './feedback-model.ts';

type LlamaModel = Awaited<ReturnType<typeof loadCheckedModel>>;
type LlamaContext = Awaited<ReturnType<LlamaModel['createContext']>>;
type LlamaSequence = ReturnType<LlamaContext['getSequence']>;
type Bias = ReturnType<typeof noEndOfGenerationBias>;

export interface FeedbackSizing {
  /** Tokens generated per answer (greedy, end-of-generation forbidden: always exactly this many). */
  tokensPerAnswer: number;
  /** The prompt (rubric + anonymised answer) is cut to this many tokens. */
  maxPromptTokens: number;
}

export interface LlamaFeedbackOptions extends FeedbackSizing {
  model: FeedbackModelFile;
  /** Default: feedbackThreads() (measured best, else 1). */
  threads?: number;
}

/** What loading took, ms (runtime is 0 when this process had already started it). */
export interface ModelLoadTiming {
  runtimeMs: number;
  modelMs: number;
  contextMs: number;
}

const RUBRIC =
  'You are an Open University tutor. Mark the answer against the rubric: length, development of ideas, ' +
  'vocabulary, structure, use of evidence. Write one short paragraph of feedback for the student.\n';

const CONTEXT_SIZE = 1024;

/**
 * AI feedback per answer from a local GGUF model through node-llama-cpp (libs/ai): the prompt is
 * the rubric plus the anonymised answer, cut to `maxPromptTokens`; then exactly `tokensPerAnswer`
 * tokens are generated greedily. Bounded work per answer, the same every run.
 *
 * One context sequence serves every answer, so generations run one at a time (a queue).
 */
export class LlamaFeedback {
  #model: LlamaModel | undefined;
  #context: LlamaContext | undefined;
  #sequence: LlamaSequence | undefined;
  #bias: Bias | undefined;
  #loading: Promise<ModelLoadTiming> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  readonly threads: number;

  constructor(readonly options: LlamaFeedbackOptions) {
    if (!(Number.isInteger(options.tokensPerAnswer) && options.tokensPerAnswer >= 1)) {
      throw new RangeError(`LlamaFeedback: tokensPerAnswer must be a positive integer, got ${options.tokensPerAnswer}`);
    }
    if (!(Number.isInteger(options.maxPromptTokens) && options.maxPromptTokens >= 8)) {
      throw new RangeError(`LlamaFeedback: maxPromptTokens must be an integer >= 8, got ${options.maxPromptTokens}`);
    }
    if (options.maxPromptTokens + options.tokensPerAnswer > CONTEXT_SIZE) {
      throw new RangeError(`LlamaFeedback: maxPromptTokens + tokensPerAnswer must fit the ${CONTEXT_SIZE}-token context`);
    }
    this.threads = options.threads ?? feedbackThreads();
  }

  get label(): string {
    return this.options.model.label;
  }

  get loaded(): boolean {
    return this.#sequence !== undefined;
  }

  /** Loads the runtime (once per process), the model and a context. A failed load can be retried. */
  load(): Promise<ModelLoadTiming> {
    if (!this.#loading) {
      this.#loading = this.#load();
      this.#loading.catch(() => {
        this.#loading = undefined;
      });
    }
    return this.#loading;
  }

  async #load(): Promise<ModelLoadTiming> {
    const t0 = performance.now();
    const runtime = await sharedLlamaRuntime();
    const t1 = performance.now();
    const model = await loadCheckedModel(runtime, this.options.model.path);
    const t2 = performance.now();
    try {
      this.#context = await model.createContext({ contextSize: CONTEXT_SIZE, batchSize: 512, threads: this.threads });
    } catch (error) {
      await model.dispose();
      throw error;
    }
    this.#model = model;
    this.#sequence = this.#context.getSequence();
    this.#bias = noEndOfGenerationBias(model);
    return { runtimeMs: t1 - t0, modelMs: t2 - t1, contextMs: performance.now() - t2 };
  }

  /** The FeedbackGenerated event's data for a submission: a comment per anonymised answer, in order. */
  async generate(submission: { courseCode: string; tmaNumber: string; answers: readonly AnonymisedAnswer[] }): Promise<FeedbackGeneratedData> {
    const run = this.#queue.then(() => this.#generateAll(submission.answers));
    this.#queue = run.catch(() => undefined);
    const answers = await run;
    return { mode: 'ai', model: this.label, summary: `${submission.courseCode} TMA ${submission.tmaNumber}: AI feedback on ${answers.length} answers.`, answers };
  }

  async #generateAll(answers: readonly AnonymisedAnswer[]): Promise<AnswerComment[]> {
    const model = this.#model;
    const sequence = this.#sequence;
    const bias = this.#bias;
    if (!model || !sequence || !bias) throw new Error(`LlamaFeedback: model ${this.options.model.path} is not loaded (call load() first)`);
    const out: AnswerComment[] = [];
    for (const answer of answers) {
      const label = `Question ${answer.question}${answer.part ? ` (${answer.part})` : ''}`;
      const bos = model.tokens.bos;
      const prompt = [...(bos === null ? [] : [bos]), ...model.tokenize(`${RUBRIC}${label}: ${answer.text}\nFeedback:`)].slice(0, this.options.maxPromptTokens);
      const generated = await generateExactly(sequence, prompt, this.options.tokensPerAnswer, bias);
      out.push({
        question: answer.question,
        part: answer.part,
        comment: model.detokenize(generated.tokens),
        promptTokens: prompt.length,
        generatedTokens: generated.generatedTokens,
      });
    }
    return out;
  }

  async dispose(): Promise<void> {
    await this.#loading?.catch(() => undefined);
    await this.#context?.dispose();
    await this.#model?.dispose();
    this.#context = this.#model = this.#sequence = this.#bias = undefined;
    this.#loading = undefined;
  }
}
