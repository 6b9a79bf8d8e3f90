import type { ResultMeasure } from '../measure/measure-key.ts';

/**
 * Thresholds in percent per measure (`measureOf`). Wall time on a shared machine is noisy, so 10%
 * (custom wall-clock measures such as ops/s included); instruction counts (valgrind) are nearly
 * deterministic, so a tighter 2% is meaningful for them.
 */
export type ThresholdConfig = Record<ResultMeasure, number>;

export const DEFAULT_THRESHOLDS: ThresholdConfig = { time: 10, instructions: 2 };

export type ThresholdSource = 'baseline' | 'option' | 'default';

export interface ResolvedThreshold {
  percent: number;
  source: ThresholdSource;
  /** The measure the verdict rests on. */
  measure: ResultMeasure;
}

/**
 * A per-benchmark threshold from the baseline wins; then the command-line value for the measure;
 * then the default for the measure.
 */
export function resolveThreshold(
  measure: ResultMeasure,
  fromBaseline: number | undefined,
  fromOptions: Partial<ThresholdConfig>,
): ResolvedThreshold {
  if (fromBaseline !== undefined) return { percent: fromBaseline, source: 'baseline', measure };
  const option = fromOptions[measure];
  if (option !== undefined) return { percent: option, source: 'option', measure };
  return { percent: DEFAULT_THRESHOLDS[measure], source: 'default', measure };
}
