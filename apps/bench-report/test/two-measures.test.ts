import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/main.ts';
import type { BaselineFile } from '../src/baseline/baseline-file.ts';
import type { HistoryEntry } from '../src/report/history.ts';
import type { Report } from '../src/report/report-model.ts';
import { CORE_SPECS, makeWorkspace, syntheticInstructionResults, syntheticResults, writeResults } from './support/fixtures.ts';

async function run(root: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Partial<CliIo> = { cwd: root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), detectGpus: async () => [], now: () => new Date('2026-02-03T04:05:06.000Z') };
  return { code: await main(args, io), stdout, stderr };
}

const MEDIUM = 'core/tma-parse/medium';

/** core with wall-time results (latest.json) and instruction counts (instructions.json) for the same ids. */
function workspace() {
  const root = makeWorkspace({ core: syntheticResults('core', CORE_SPECS, { seed: 1, rounds: 3 }) });
  writeResults(root, 'core', syntheticInstructionResults('core', CORE_SPECS, { seed: 2 }), 'instructions.json');
  return root;
}

describe('wall time and instruction counts of the same benchmarks', () => {
  it('reads both files, keys by (id, measure), saves both into one baseline, and a 3% instruction increase is regressed on instructions only', async () => {
    const root = workspace();
    const first = await run(root, ['report', '--skip-history']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    let report = JSON.parse(readFileSync(join(root, 'reports', 'benchmark_report.json'), 'utf8')) as Report;
    expect(report.benchmarks).toHaveLength(2 * CORE_SPECS.length);
    expect(report.projects.map((p) => `${p.project}:${p.measure}:${p.status}`).sort()).toEqual(['core:instructions:ran', 'core:time:ran']);

    expect((await run(root, ['save-baseline', 'baselines/both.json'])).code).toBe(0);
    const saved = JSON.parse(readFileSync(join(root, 'baselines', 'both.json'), 'utf8')) as BaselineFile;
    const medium = saved.benchmarks.filter((e) => e.id === MEDIUM);
    expect(medium.map((e) => e.measure).sort()).toEqual(['instructions', 'time']);
    expect(medium.find((e) => e.measure === 'instructions')!.measured!.unit).toBe('instructions');

    // Saving again over it replaces both measured parts and keeps one entry per (id, measure).
    expect((await run(root, ['save-baseline', 'baselines/both.json'])).code).toBe(0);
    const again = JSON.parse(readFileSync(join(root, 'baselines', 'both.json'), 'utf8')) as BaselineFile;
    expect(again.benchmarks).toHaveLength(2 * CORE_SPECS.length);

    // Same code, fresh runs: nothing regressed.
    writeResults(root, 'core', syntheticResults('core', CORE_SPECS, { seed: 3, rounds: 3 }));
    writeResults(root, 'core', syntheticInstructionResults('core', CORE_SPECS, { seed: 4 }), 'instructions.json');
    const same = await run(root, ['compare', '--baseline', 'baselines/both.json']);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/PASS: 0 regressed/);
    expect(same.stdout).toMatch(/core\/tma-parse\/medium \[instructions\]/);

    // 3% more instructions in medium: regressed on instructions (threshold 2%), wall time unchanged.
    writeResults(root, 'core', syntheticInstructionResults('core', CORE_SPECS, { seed: 5, factor: 1.03, slowed: MEDIUM }), 'instructions.json');
    const slower = await run(root, ['report', '--baseline', 'baselines/both.json', '--detect-regressions']);
    expect(slower.code).toBe(1);
    report = JSON.parse(readFileSync(join(root, 'reports', 'benchmark_report.json'), 'utf8')) as Report;
    const byMeasure = (m: string) => report.comparisons.find((v) => v.id === MEDIUM && v.measure === m)!;
    expect(byMeasure('instructions').outcome).toBe('regressed');
    expect(byMeasure('instructions').reason).toMatch(/rests on instructions \(instructions\), threshold 2% from default, 5\+5 pairs, welch t/);
    expect(byMeasure('time').outcome).not.toBe('regressed');
    expect(byMeasure('time').reason).toMatch(/rests on time \(ns\)/);
    expect(report.summary.regressed).toBe(1);

    const md = readFileSync(join(root, 'reports', 'benchmark_report.md'), 'utf8');
    expect(md).toMatch(/\| benchmark \| measure \| baseline \| current \|/);
    expect(md).toMatch(/## Wall time and instructions[\s\S]*\| `core\/tma-parse\/medium` \| [^|]+ µs \| [^|]+ \| [^|]+ \| [^|]+ instr \| \+[23]\.\d% \[[^|]+ \| 🔴 regressed \|/);
    expect(md).toMatch(/\| `core\/tma-parse\/medium` \| instructions \| .* 🔴 regressed/);
    const html = readFileSync(join(root, 'reports', 'benchmark_report.html'), 'utf8');
    expect(html).toMatch(/<h2>Wall time and instructions<\/h2>/);
    expect(html).toMatch(/<th>measure<\/th>/);

    const bencher = JSON.parse(readFileSync(join(root, 'reports', 'bencher.json'), 'utf8'));
    expect(Object.keys(bencher[MEDIUM]).sort()).toEqual(['instructions', 'latency']);
    const gab = JSON.parse(readFileSync(join(root, 'reports', 'github-action-benchmark.json'), 'utf8')) as { name: string; unit: string }[];
    const names = gab.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(gab.find((e) => e.name === `${MEDIUM} [instructions]`)!.unit).toBe('instructions');
    expect(gab.find((e) => e.name === MEDIUM)!.unit).toBe('ns');

    const history = readdirSync(join(root, 'reports', 'history'));
    const entry = JSON.parse(readFileSync(join(root, 'reports', 'history', history[0]), 'utf8')) as HistoryEntry;
    const mediumHistory = entry.benchmarks.filter((b) => b.id === MEDIUM);
    expect(mediumHistory.map((b) => b.measure).sort()).toEqual(['instructions', 'time']);
    expect(mediumHistory.find((b) => b.measure === 'instructions')!.outcome).toBe('regressed');
  });

  it('the same (id, measure) twice is bad input; the same id in both measures of a baseline is not', async () => {
    const root = workspace();
    writeResults(root, 'other', syntheticInstructionResults('other', CORE_SPECS, { seed: 9 }), 'instructions.json');
    const dup = await run(root, ['compare']);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/duplicate id "core\/event-store\/write-1000" for measure instructions \(also in libs\/core\/bench-results\/instructions\.json\)/);

    const base = { format: 'workflow-bench-baseline', schemaVersion: 1, name: 'x', description: '', savedAt: null, environment: null, gitSha: null };
    const target = { value: 1, unit: 'ns', comparison: '<', label: '< 1 ns' };
    const ok = makeWorkspace({ core: syntheticResults('core', CORE_SPECS, { seed: 1 }) });
    mkdirSync(join(ok, 'baselines'), { recursive: true });
    writeFileSync(join(ok, 'baselines', 'b.json'), JSON.stringify({ ...base, benchmarks: [{ id: MEDIUM, target }, { id: MEDIUM, measure: 'instructions', target: { ...target, unit: 'instructions', label: '< 1 instr' } }] }));
    expect((await run(ok, ['compare', '--baseline', 'baselines/b.json'])).stderr).not.toMatch(/bad input/);
    writeFileSync(join(ok, 'baselines', 'b.json'), JSON.stringify({ ...base, benchmarks: [{ id: MEDIUM, target }, { id: MEDIUM, measure: 'time', target }] }));
    const bad = await run(ok, ['compare', '--baseline', 'baselines/b.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/b\.json: benchmarks\[1\]\.id: duplicate id "core\/tma-parse\/medium" for measure time/);
  });
});
