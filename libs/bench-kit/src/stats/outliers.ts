import { quantileSorted, sorted } from './descriptive.ts';
import type { OutlierCounts } from '../results/schema.ts';

export interface TukeyFences {
  lowSevere: number;
  lowMild: number;
  highMild: number;
  highSevere: number;
}

/** Tukey's fences: mild outliers lie beyond 1.5 IQR from the quartiles, severe beyond 3 IQR. */
export function tukeyFences(values: readonly number[]): TukeyFences {
  const s = sorted(values);
  const q1 = quantileSorted(s, 0.25);
  const q3 = quantileSorted(s, 0.75);
  const iqr = q3 - q1;
  return { lowSevere: q1 - 3 * iqr, lowMild: q1 - 1.5 * iqr, highMild: q3 + 1.5 * iqr, highSevere: q3 + 3 * iqr };
}

export type OutlierClass = 'low-severe' | 'low-mild' | 'normal' | 'high-mild' | 'high-severe';

export function classify(value: number, fences: TukeyFences): OutlierClass {
  if (value < fences.lowSevere) return 'low-severe';
  if (value < fences.lowMild) return 'low-mild';
  if (value > fences.highSevere) return 'high-severe';
  if (value > fences.highMild) return 'high-mild';
  return 'normal';
}

export function countOutliers(values: readonly number[]): OutlierCounts {
  const fences = tukeyFences(values);
  const counts: OutlierCounts = { lowSevere: 0, lowMild: 0, highMild: 0, highSevere: 0 };
  for (const v of values) {
    switch (classify(v, fences)) {
      case 'low-severe': counts.lowSevere++; break;
      case 'low-mild': counts.lowMild++; break;
      case 'high-mild': counts.highMild++; break;
      case 'high-severe': counts.highSevere++; break;
      default: break;
    }
  }
  return counts;
}
