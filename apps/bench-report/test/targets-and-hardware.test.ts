import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseProfile } from '../src/baseline/choose-baseline.ts';
import { validateBaseline } from '../src/baseline/validate-baseline.ts';
import { evaluate } from '../src/verdict/evaluate.ts';
import { checkTarget, convert } from '../src/verdict/target-check.ts';
import { syntheticResults } from './support/fixtures.ts';

describe('hardware profile rule', () => {
  it('RTX 3080 → rtx3080; other NVIDIA → rtx3080 (stated); non-NVIDIA only or none → cpu_only', () => {
    expect(chooseProfile([{ vendor: 'NVIDIA Corporation', model: 'GeForce RTX 3080', vramMiB: 10240 }]).profile).toBe('rtx3080');
    const other = chooseProfile([{ vendor: 'NVIDIA', model: 'GeForce RTX 4090', vramMiB: 24564 }]);
    expect(other.profile).toBe('rtx3080');
    expect(other.reason).toMatch(/not an RTX 3080.*rule/);
    const matrox = chooseProfile([{ vendor: 'Matrox Electronics Systems Ltd.', model: 'MGA G200e', vramMiB: 16 }]);
    expect(matrox.profile).toBe('cpu_only');
    expect(matrox.reason).toMatch(/non-NVIDIA/);
    expect(chooseProfile([]).reason).toMatch(/no GPU detected/);
  });
});

describe('targets', () => {
  const target = { value: 10_000_000, unit: 'ns', comparison: '<' as const, label: '< 10 ms' };
  it('met below the target, tolerated within its threshold, missed beyond it', () => {
    expect(checkTarget('x', target, 10, { value: 9e6, unit: 'ns' }, null).status).toBe('met');
    expect(checkTarget('x', target, 10, { value: 10.5e6, unit: 'ns' }, null).status).toBe('tolerated');
    expect(checkTarget('x', target, 10, { value: 11.5e6, unit: 'ns' }, null).status).toBe('missed');
    expect(checkTarget('x', target, 10, null, 'not run').status).toBe('unknown');
    expect(checkTarget('x', target, 10, { value: 5, unit: 'tokens/s' }, null).reason).toMatch(/unit mismatch/);
  });
  it('mirrors for rates and converts time units', () => {
    const rate = { value: 100, unit: 'tokens/s', comparison: '>' as const, label: '> 100 tokens/s' };
    expect(checkTarget('x', rate, 10, { value: 95, unit: 'tokens/s' }, null).status).toBe('tolerated');
    expect(checkTarget('x', rate, 10, { value: 85, unit: 'tokens/s' }, null).status).toBe('missed');
    expect(convert(1.5, 's', 'ns')).toBe(1.5e9);
    expect(convert(250, 'ms', 'µs')).toBe(250_000);
    expect(convert(1, 'bytes', 'ns')).toBeNull();
  });
  it('the seed baselines are valid and hold the AI target to its total_ms metric', () => {
    const file = join(import.meta.dirname, '..', '..', '..', 'baselines', 'baseline_rtx3080.json');
    const baseline = validateBaseline(file, JSON.parse(readFileSync(file, 'utf8')));
    expect(baseline.benchmarks.map((b) => b.id)).toEqual([
      'core/event-store/write-1000',
      'core/tma-parse/medium',
      'ai/llama/generate/100',
      'integration/e2e-marking/in-process',
      'integration/batch/100',
    ]);
    const results = syntheticResults('ai', [{ id: 'ai/llama/generate/100', value: 300, unit: 'tokens/s', lowerIsBetter: false }], { seed: 1 });
    results.benchmarks[0].metrics = { total_ms: { value: 160, unit: 'ms' } };
    const { targets } = evaluate(results.benchmarks, baseline);
    const ai = targets.find((t) => t.id === 'ai/llama/generate/100')!;
    expect(ai.actual).toBe(160e6);
    expect(ai.thresholdPercent).toBe(15);
    expect(ai.status).toBe('tolerated'); // 160 ms vs < 150 ms: +6.7%, within its 15%
  });
});
