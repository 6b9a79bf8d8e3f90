import type { BenchContext, Metric } from '@workflow-bench/bench-kit';
import { feedbackModelFile } from '../../src/feedback/feedback-model.ts';
import { LlamaFeedback, type ModelLoadTiming } from '../../src/feedback/llama-feedback.ts';
import { meanTimings } from '../../src/pipeline/marking-pipeline.ts';
import { modelSize, workload, type Workload } from './settings.ts';

/**
 * What the benchmarks of one bench process share: the feedback model, loaded once (its first load
 * also starts node-llama-cpp, which is kept as a metric of model-load).
 */
export interface FeedbackSession {
  feedback: LlamaFeedback;
  workload: Workload;
  firstLoad: ModelLoadTiming;
}

let session: Promise<FeedbackSession> | undefined;

export function feedbackSession(ctx: BenchContext): Promise<FeedbackSession> {
  if (!session) {
    session = (async () => {
      const w = workload(ctx);
      const model = await feedbackModelFile(modelSize(), process.env, (m) => ctx.progress(m));
      const feedback = new LlamaFeedback({ model, tokensPerAnswer: w.tokensPerAnswer, maxPromptTokens: w.maxPromptTokens });
      ctx.progress(`loading ${model.label} (${feedback.threads} thread${feedback.threads === 1 ? '' : 's'})`);
      const firstLoad = await feedback.load();
      return { feedback, workload: w, firstLoad };
    })();
    session.catch(() => {
      session = undefined;
    });
  }
  return session;
}

/** `stage.<name>_ms` metrics (mean over markings) and the same breakdown as one details string. */
export function stageBreakdown(timings: readonly Record<string, number>[]): { metrics: Record<string, Metric>; details: Record<string, string> } {
  const mean = meanTimings(timings);
  const total = Object.values(mean).reduce((a, b) => a + b, 0);
  const metrics: Record<string, Metric> = {};
  for (const [stage, ms] of Object.entries(mean)) {
    metrics[`stage.${stage}_ms`] = { value: ms, unit: 'ms', note: `mean over ${timings.length} marking(s), ${total > 0 ? ((ms / total) * 100).toFixed(1) : '0'}% of the staged time` };
  }
  const details = {
    stages: Object.entries(mean)
      .map(([stage, ms]) => `${stage} ${ms.toFixed(1)} ms (${total > 0 ? ((ms / total) * 100).toFixed(0) : 0}%)`)
      .join(', '),
  };
  return { metrics, details };
}

export function workloadDetails(s: FeedbackSession): Record<string, string | number> {
  return {
    model: s.feedback.label,
    threads: s.feedback.threads,
    tmaSize: s.workload.tmaSize,
    tokensPerAnswer: s.workload.tokensPerAnswer,
    maxPromptTokens: s.workload.maxPromptTokens,
  };
}
