import type { ComparisonFile, PairedBenchmarkResult, PairedClock } from '@workflow-bench/bench-kit';
import { describe, expect, it } from 'vitest';
import { pairedClock } from '../src/report/paired-clock.ts';

const bench = (kind: 'timed' | 'custom', clock?: PairedClock) =>
  ({ kind, rounds: [{ process: 1, firstSide: 'base', base: [1, 1], head: [1, 1], baseIterations: [1, 1], headIterations: [1, 1], quadOrder: ['ABBA'], clock }] }) as unknown as PairedBenchmarkResult;
const file = (...benchmarks: PairedBenchmarkResult[]) => ({ benchmarks }) as ComparisonFile;

describe('the clock a comparison names in its headers', () => {
  it('names the one clock, the synchronous and asynchronous ones apart, and wall for older files', () => {
    expect(pairedClock(file(bench('timed', 'least')))).toBe('per sample the less of wall and CPU time');
    expect(pairedClock(file(bench('timed', 'cpu'), bench('timed', 'wall')))).toBe('CPU time (synchronous), wall time (asynchronous)');
    expect(pairedClock(file(bench('timed')))).toBe('wall time');
    expect(pairedClock(file(bench('custom', 'wall')))).toBe('whole measurements');
  });
});
