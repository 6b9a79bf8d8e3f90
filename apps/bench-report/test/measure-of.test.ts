import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/main.ts';
import { validateBaseline } from '../src/baseline/validate-baseline.ts';
import { measureOf } from '../src/measure/measure-key.ts';
import { readHistory } from '../src/report/history.ts';
import type { Report } from '../src/report/report-model.ts';
import { DATABASE_SPECS, makeWorkspace, syntheticResults, writeResults } from './support/fixtures.ts';

async function run(root: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Partial<CliIo> = { cwd: root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), detectGpus: async () => [] };
  return { code: await main(args, io), stdout, stderr };
}

const THROUGHPUT = 'database/lmdb/throughput'; // a custom measure in ops/s

describe('"which measure is this?" has one answer (issue 16 §5)', () => {
  it('measureOf: instruction counts by unit or declared measure; everything else, custom included, is wall time', () => {
    expect(measureOf({ unit: 'ns', measure: 'time' })).toBe('time');
    expect(measureOf({ unit: 'ops/s', measure: 'custom' })).toBe('time');
    expect(measureOf({ unit: 'instructions', measure: 'custom' })).toBe('instructions');
    expect(measureOf({ unit: 'ns', measure: 'instructions' })).toBe('instructions');
  });

  it('a custom ops/s benchmark has the same measure in the results key, the baseline entry, the verdict, its threshold and the history', async () => {
    const root = makeWorkspace({ database: syntheticResults('database', DATABASE_SPECS, { seed: 1 }) });
    expect((await run(root, ['save-baseline', 'baselines/b.json'])).code).toBe(0);
    const saved = JSON.parse(readFileSync(join(root, 'baselines', 'b.json'), 'utf8'));
    expect(saved.benchmarks.find((e: { id: string }) => e.id === THROUGHPUT).measure).toBe('time');
    writeResults(root, 'database', syntheticResults('database', DATABASE_SPECS, { seed: 2 }));
    expect((await run(root, ['report', '--baseline', 'baselines/b.json', '--threshold', '15'])).code).toBe(0);
    const report = JSON.parse(readFileSync(join(root, 'reports', 'benchmark_report.json'), 'utf8')) as Report;
    const v = report.comparisons.find((c) => c.id === THROUGHPUT)!;
    expect(v.measure).toBe('time');
    expect(v.threshold).toEqual({ percent: 15, source: 'option', measure: 'time' });
    expect(v.reason).toMatch(/rests on time \(ops\/s\), threshold 15% from option/);
    expect(report.thresholds).toEqual({ time: 15, instructions: 2 });
    const [entry] = readHistory(join(root, 'reports', 'history'));
    expect(entry.benchmarks.find((b) => b.id === THROUGHPUT)!.measure).toBe('time');
  });

  it('hand-written baseline entries and old history entries without a measure get it from the same function', () => {
    const baseline = validateBaseline('b.json', {
      format: 'workflow-bench-baseline',
      schemaVersion: 1,
      name: 'x',
      benchmarks: [
        { id: 'a', target: { value: 1, unit: 'ms', comparison: '<', label: '< 1 ms' } },
        { id: 'a', target: { value: 5e6, unit: 'instructions', comparison: '<', label: '< 5 M instr' } },
        { id: 'b', measured: { unit: 'ops/s', lowerIsBetter: false, measure: 'custom', samples: [1, 2], rounds: 1, mode: 'quick', createdAt: '' } },
      ],
    });
    expect(baseline.benchmarks.map((e) => e.measure)).toEqual(['time', 'instructions', 'time']);

    const dir = join(makeWorkspace({}), 'history');
    mkdirSync(dir, { recursive: true });
    const old = (unit: string) => ({ id: 'x', unit, estimate: 1, lower: null, upper: null, outcome: null });
    writeFileSync(join(dir, '2025-01-01T00-00-00-000Z.json'), JSON.stringify({ createdAt: '2025-01-01T00:00:00.000Z', gitSha: null, hardwareFingerprint: null, baseline: null, pass: true, benchmarks: [old('ns'), old('instructions'), old('ops/s')] }));
    expect(readHistory(dir)[0].benchmarks.map((b) => b.measure)).toEqual(['time', 'instructions', 'time']);
  });
});
