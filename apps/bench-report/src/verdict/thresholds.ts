/**
 * Thresholds in percent per measure. Wall time on a shared machine is noisy, so 10%; instruction
 * counts (valgrind) are nearly deterministic, so a tighter 2% is meaningful for them.
 */
export interface ThresholdConfig {
  time: number;
  instructions: number;
  custom: number;
}

export const DEFAULT_THRESHOLDS: ThresholdConfig = { time: 10, instructions: 2, custom: 10 };

export type ThresholdSource = 'baseline' | 'option' | 'default';

export interface ResolvedThreshold {
  percent: number;
  source: ThresholdSource;
  /** The measure the verdict rests on. */
  measure: keyof ThresholdConfig;
}

/** Which measure a benchmark's samples are: instruction counts win over the declared measure. */
export function measureOf(b: { unit: string; measure: 'time' | 'instructions' | 'custom' }): keyof ThresholdConfig {
  if (b.unit === 'instructions') return 'instructions';
  return b.measure;
}

/**
 * A per-benchmark threshold from the baseline wins; then the command-line value for the measure;
 * then the default for the measure.
 */
export function resolveThreshold(
  measure: keyof ThresholdConfig,
  fromBaseline: number | undefined,
  fromOptions: Partial<ThresholdConfig>,
): ResolvedThreshold {
  if (fromBaseline !== undefined) return { percent: fromBaseline, source: 'baseline', measure };
  const option = fromOptions[measure];
  if (option !== undefined) return { percent: option, source: 'option', measure };
  return { percent: DEFAULT_THRESHOLDS[measure], source: 'default', measure };
}
