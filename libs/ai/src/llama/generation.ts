import { TokenBias, type LlamaContextSequence, type LlamaModel, type Token } from 'node-llama-cpp';

/** A fixed passage in the suite's domain; prompts are cut from its repetitions to an exact length. */
const PROMPT_PASSAGE =
  'The tutor reads the student essay and writes feedback on the structure of the argument, the use of evidence, ' +
  'the clarity of each paragraph and the references. The answer to question two explains the concept well but the ' +
  'conclusion could discuss the results further. Overall a good submission that would improve with clearer analysis. ';

/** Exactly `n` prompt tokens (BOS first, when the model has one), tokenised once, outside any timing. */
export function promptTokens(model: LlamaModel, n: number): Token[] {
  const bos = model.tokens.bos;
  const tokens: Token[] = bos === null ? [] : [bos];
  const passage = model.tokenize(PROMPT_PASSAGE);
  if (passage.length === 0) throw new Error('the model tokenised the prompt passage to nothing');
  while (tokens.length < n) tokens.push(...passage);
  return tokens.slice(0, n);
}

/** Forbids end-of-generation tokens so a random (or real) model always yields the N tokens asked for. */
export function noEndOfGenerationBias(model: LlamaModel): TokenBias {
  const bias = new TokenBias(model.tokenizer);
  for (const token of [model.tokens.eos, model.tokens.eot]) if (token !== null) bias.set(token, 'never');
  return bias;
}

export interface GenerationTiming {
  promptTokens: number;
  generatedTokens: number;
  /** Prompt evaluation plus the first sampled token. */
  ttftNs: number;
  /** First token to last token, divided by the tokens after the first. */
  tpotNs: number;
  totalNs: number;
  /** Generated tokens per second over the whole call, prompt included (what a user waits for). */
  tokensPerSecond: number;
  /** Generated tokens per second after the first token (decode speed only; llama-bench's tg). */
  decodeTokensPerSecond: number;
  tokens: Token[];
}

/**
 * Greedy generation of exactly `n` tokens on a cleared sequence: temperature 0 and EOS forbidden,
 * so the same prompt produces the same tokens every run and every run does the same work.
 */
export async function generateExactly(
  sequence: LlamaContextSequence,
  prompt: readonly Token[],
  n: number,
  bias: TokenBias,
): Promise<GenerationTiming> {
  await sequence.clearHistory();
  const tokens: Token[] = [];
  const start = process.hrtime.bigint();
  let first = start;
  for await (const token of sequence.evaluate([...prompt], { temperature: 0, tokenBias: bias })) {
    tokens.push(token);
    if (tokens.length === 1) first = process.hrtime.bigint();
    if (tokens.length >= n) break;
  }
  const end = process.hrtime.bigint();
  if (tokens.length < n) throw new Error(`generation stopped after ${tokens.length} of ${n} tokens`);
  const totalNs = Number(end - start);
  const ttftNs = Number(first - start);
  const decodeNs = totalNs - ttftNs;
  return {
    promptTokens: prompt.length,
    generatedTokens: n,
    ttftNs,
    tpotNs: n > 1 ? decodeNs / (n - 1) : 0,
    totalNs,
    tokensPerSecond: n / (totalNs / 1e9),
    decodeTokensPerSecond: n > 1 && decodeNs > 0 ? (n - 1) / (decodeNs / 1e9) : 0,
    tokens,
  };
}

/** Evaluates a prompt without sampling (llama-bench's pp test); returns nanoseconds. */
export async function prefill(sequence: LlamaContextSequence, prompt: readonly Token[]): Promise<number> {
  await sequence.clearHistory();
  const start = process.hrtime.bigint();
  await sequence.evaluateWithoutGeneratingNewTokens([...prompt]);
  return Number(process.hrtime.bigint() - start);
}
