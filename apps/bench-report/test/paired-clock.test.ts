import type { ComparisonFile, PairedBenchmarkResult, PairedClock } from '@workflow-bench/bench-kit';
import { describe, expect, it } from 'vitest';
import { pairedClock } from '../src/report/paired-clock.ts';
import { validateComparison } from '../src/input/validate-comparison.ts';
import { comparison } from './support/paired-comparison.ts';

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

describe('the clock through validation', () => {
  it('keeps each round’s clock, refuses an unknown one naming the field, and leaves it absent in older files', () => {
    const raw = comparison(1, 0);
    const timed = raw.benchmarks.find((b) => b.kind === 'timed' && b.rounds.length > 0)!;
    for (const b of raw.benchmarks) for (const r of b.rounds) if (b.kind === 'timed') r.clock = 'least';
    expect(pairedClock(validateComparison('c.json', JSON.parse(JSON.stringify(raw))))).toBe('per sample the less of wall and CPU time');
    timed.rounds[0].clock = 'sundial' as PairedClock;
    expect(() => validateComparison('c.json', JSON.parse(JSON.stringify(raw)))).toThrow(/c\.json.*clock/s);
    for (const r of timed.rounds) delete r.clock;
    expect(validateComparison('c.json', JSON.parse(JSON.stringify(raw))).benchmarks.find((b) => b.id === timed.id)!.rounds[0]).not.toHaveProperty('clock');
  });
});
