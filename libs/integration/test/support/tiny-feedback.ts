import { feedbackModelFile } from '../../src/feedback/feedback-model.ts';
import { LlamaFeedback } from '../../src/feedback/llama-feedback.ts';

/** Tests use the `tiny` generated model (0.15 MB, milliseconds per token) and few tokens. */
export const TEST_SIZING = { tokensPerAnswer: 8, maxPromptTokens: 64 } as const;

export async function tinyFeedback(): Promise<LlamaFeedback> {
  const model = await feedbackModelFile('tiny', {});
  return new LlamaFeedback({ model, ...TEST_SIZING, threads: 1 });
}
