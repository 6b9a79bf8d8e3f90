import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/main.ts';
import type { Report } from '../src/report/report-model.ts';
import { PR_COMMENT_MARKER } from '../src/report/markdown.ts';
import { CORE_SPECS, DATABASE_SPECS, ENVIRONMENT, makeWorkspace, syntheticResults, writeResults } from './support/fixtures.ts';

async function run(root: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Partial<CliIo> = {
    cwd: root,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    detectGpus: async () => [],
    now: () => new Date('2026-02-03T04:05:06.000Z'),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const readReport = (root: string) => JSON.parse(readFileSync(join(root, 'reports', 'benchmark_report.json'), 'utf8')) as Report;

/** Core benchmarks with `core/tma-parse/medium` made `factor` times slower; same noise model, new seed. */
function coreWith(seed: number, factor = 1) {
  return syntheticResults('core', CORE_SPECS.map((s) => (s.id === 'core/tma-parse/medium' ? { ...s, value: s.value * factor } : s)), { seed, rounds: 3 });
}

describe('bench-report CLI', () => {
  it('prints help with the exit codes and when exit 1 happens', async () => {
    const r = await run(makeWorkspace({}), ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit codes: 0 pass; 1 a regression, a missed target or a missing required benchmark; 2 bad input/);
    expect(r.stdout).toMatch(/ONLY with --detect-regressions/);
  });

  it('report merges results, lists projects that did not run, writes the three reports, exports and history', async () => {
    const root = makeWorkspace({ core: coreWith(1), database: syntheticResults('database', DATABASE_SPECS, { seed: 2 }), ai: null });
    const r = await run(root, ['report']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['benchmark_report.json', 'benchmark_report.md', 'benchmark_report.html', 'bencher.json', 'github-action-benchmark.json', 'pr-comment.md']) {
      expect(existsSync(join(root, 'reports', f)), f).toBe(true);
    }
    const report = readReport(root);
    expect(report.projects.find((p) => p.project === 'ai')?.status).toBe('not run');
    expect(report.benchmarks).toHaveLength(CORE_SPECS.length + DATABASE_SPECS.length);
    expect(report.benchmarks[0].samples.length).toBeGreaterThan(0);
    expect(report.baseline).toBeNull(); // no baselines/ folder in this workspace
    expect(report.noBaselineReason).toMatch(/baseline_cpu_only\.json does not exist.*no GPU/);
    const md = readFileSync(join(root, 'reports', 'benchmark_report.md'), 'utf8');
    expect(md.startsWith(PR_COMMENT_MARKER)).toBe(true);
    expect(md).toMatch(/## Hardware[\s\S]*AMD EPYC 7B13/);
    expect(md).toMatch(/### core[\s\S]*### database/);
    const bencher = JSON.parse(readFileSync(join(root, 'reports', 'bencher.json'), 'utf8'));
    expect(bencher['core/tma-parse/medium'].latency.value).toBeGreaterThan(0);
    const gab = JSON.parse(readFileSync(join(root, 'reports', 'github-action-benchmark.json'), 'utf8'));
    expect(gab.every((e: { unit: string }) => e.unit === 'ns')).toBe(true);
    const bigger = JSON.parse(readFileSync(join(root, 'reports', 'github-action-benchmark-bigger.json'), 'utf8'));
    expect(bigger.map((e: { name: string }) => e.name)).toEqual(['database/lmdb/throughput']);
    expect(readdirSync(join(root, 'reports', 'history'))).toHaveLength(1);
  });

  it('save-baseline, then an unchanged rerun: no regression, exit 0; 30% slower: regressed, exit 1', async () => {
    const root = makeWorkspace({ core: coreWith(10) });
    const baselineFile = join(root, 'baselines', 'mine.json');
    expect((await run(root, ['save-baseline', 'baselines/mine.json'])).code).toBe(0);
    const saved = JSON.parse(readFileSync(baselineFile, 'utf8'));
    expect(saved.benchmarks[0].measured.samples.length).toBe(90);
    expect(saved.benchmarks[0].measured.roundSampleCounts).toEqual([30, 30, 30]);

    writeResults(root, 'core', coreWith(11)); // a fresh run of the same code
    const same = await run(root, ['compare', '--baseline', 'baselines/mine.json']);
    expect(same.code).toBe(0);
    expect(same.stdout).not.toMatch(/regressed\s*$/m);
    expect(same.stdout).toMatch(/PASS: 0 regressed/);

    writeResults(root, 'core', coreWith(12, 1.3));
    const slower = await run(root, ['compare', '--baseline', 'baselines/mine.json']);
    expect(slower.code).toBe(1);
    expect(slower.stdout).toMatch(/core\/tma-parse\/medium .* regressed/);
    expect(slower.stdout).toMatch(/FAIL: 1 regressed/);

    // report only fails with --detect-regressions, and says so
    const lenient = await run(root, ['report', '--baseline', 'baselines/mine.json']);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/pass --detect-regressions/);
    const strict = await run(root, ['report', '--baseline', 'baselines/mine.json', '--detect-regressions']);
    expect(strict.code).toBe(1);
    const v = readReport(root).comparisons.find((c) => c.id === 'core/tma-parse/medium')!;
    expect(v.outcome).toBe('regressed');
    expect(v.comparison!.change.lower).toBeGreaterThan(0.05);
    expect(v.reason).toMatch(/rests on time \(ns\), threshold 10% from default/);
  });

  it('keeps targets when saving over a seed baseline, and a missed target fails compare', async () => {
    const root = makeWorkspace({ core: syntheticResults('core', [{ id: 'core/event-store/write-1000', value: 12_500_000 }], { seed: 5 }) });
    const file = join(root, 'baselines', 'baseline_cpu_only.json');
    const seed = readFileSync(join(import.meta.dirname, '..', '..', '..', 'baselines', 'baseline_cpu_only.json'), 'utf8');
    mkdirSync(join(root, 'baselines'), { recursive: true });
    writeFileSync(file, seed);
    const r = await run(root, ['compare']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/automatic: no GPU detected/);
    expect(r.stdout).toMatch(/core\/event-store\/write-1000\s+< 10 ms\s+10%\s+12\.\d ms\s+missed/);
    expect((await run(root, ['save-baseline', 'baselines/baseline_cpu_only.json'])).code).toBe(0);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    const entry = saved.benchmarks.find((b: { id: string }) => b.id === 'core/event-store/write-1000');
    expect(entry.target.label).toBe('< 10 ms');
    expect(entry.thresholdPercent).toBe(10);
    expect(entry.measured.samples.length).toBeGreaterThan(0);
    expect(saved.benchmarks.find((b: { id: string }) => b.id === 'ai/llama/generate/100').target.label).toBe('< 2 s');
  });

  it('uses the RTX 3080 baseline when the results ran on one', async () => {
    const env = { ...ENVIRONMENT, gpus: [{ vendor: 'NVIDIA', model: 'GeForce RTX 3080', vramMiB: 10240 }] };
    const root = makeWorkspace({ core: syntheticResults('core', CORE_SPECS, { seed: 3, environment: env }) });
    mkdirSync(join(root, 'baselines'), { recursive: true });
    const seedDir = join(import.meta.dirname, '..', '..', '..', 'baselines');
    writeFileSync(join(root, 'baselines', 'baseline_rtx3080.json'), readFileSync(join(seedDir, 'baseline_rtx3080.json')));
    const r = await run(root, ['report']);
    expect(r.code).toBe(0);
    const report = readReport(root);
    expect(report.baseline?.name).toBe('rtx3080');
    expect(report.baseline?.reason).toMatch(/RTX 3080 detected/);
  });
});

describe('bad input: exit 2, the file and field named, the previous report left intact', () => {
  async function withPreviousReport() {
    const root = makeWorkspace({ core: coreWith(20) });
    expect((await run(root, ['save-baseline', 'baselines/b.json'])).code).toBe(0);
    expect((await run(root, ['report', '--baseline', 'baselines/b.json', '--skip-history'])).code).toBe(0);
    const before = ['benchmark_report.json', 'benchmark_report.md', 'benchmark_report.html'].map((f) => readFileSync(join(root, 'reports', f), 'utf8'));
    const intact = () => ['benchmark_report.json', 'benchmark_report.md', 'benchmark_report.html'].map((f) => readFileSync(join(root, 'reports', f), 'utf8'));
    return { root, before, intact };
  }

  it('a truncated baseline', async () => {
    const { root, before, intact } = await withPreviousReport();
    const file = join(root, 'baselines', 'b.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 500));
    const r = await run(root, ['report', '--baseline', 'baselines/b.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/baselines\/b\.json: not valid JSON \(corrupt or truncated\)/);
    expect(intact()).toEqual(before);
    expect((await run(root, ['compare', '--baseline', 'baselines/b.json'])).code).toBe(2);
  });

  it('a missing baseline named with --baseline', async () => {
    const { root, before, intact } = await withPreviousReport();
    const r = await run(root, ['report', '--baseline', 'baselines/nope.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/baselines\/nope\.json: file not found/);
    expect(intact()).toEqual(before);
  });

  const corruptions: [string, (o: any) => void, RegExp][] = [
    ['unknown schema version', (o) => (o.schemaVersion = 99), /latest\.json: schemaVersion: unknown schema version 99/],
    ['NaN (null in JSON) in samples', (o) => (o.benchmarks[1].samples[4] = null), /benchmarks\[1\]\.samples\[4\]: expected a finite number, got null/],
    ['a negative sample', (o) => (o.benchmarks[2].samples[0] = -5), /benchmarks\[2\]\.samples\[0\]: must not be negative/],
    ['a negative estimate', (o) => (o.benchmarks[0].estimate.point = -1), /benchmarks\[0\]\.estimate\.point: must not be negative/],
    ['duplicate ids', (o) => (o.benchmarks[3].id = o.benchmarks[0].id), /benchmarks\[3\]\.id: duplicate id "core\/event-store\/write-1000"/],
    ['an unknown unit', (o) => (o.benchmarks[0].unit = 'furlongs'), /benchmarks\[0\]\.unit: expected one of/],
    ['a missing benchmarks array', (o) => delete o.benchmarks, /benchmarks: expected an array, got undefined/],
    ['round sample counts that do not add up', (o) => (o.benchmarks[1].roundSampleCounts = [30, 30]), /benchmarks\[1\]\.roundSampleCounts: adds up to 60 samples, but samples has 90/],
  ];
  for (const [name, corrupt, message] of corruptions) {
    it(`results with ${name}`, async () => {
      const { root, before, intact } = await withPreviousReport();
      const o = JSON.parse(JSON.stringify(coreWith(21)));
      corrupt(o);
      writeResults(root, 'core', JSON.stringify(o));
      const r = await run(root, ['report', '--baseline', 'baselines/b.json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/libs\/core\/bench-results\/latest\.json/);
      expect(r.stderr).toMatch(message);
      expect(intact()).toEqual(before);
    });
  }

  it('truncated results, duplicate ids across files, a baseline with NaN, no results at all, a bad option', async () => {
    const { root } = await withPreviousReport();
    writeResults(root, 'core', JSON.stringify(coreWith(22)).slice(0, 1000));
    expect((await run(root, ['compare', '--baseline', 'baselines/b.json'])).stderr).toMatch(/latest\.json: not valid JSON/);

    writeResults(root, 'core', coreWith(22));
    writeResults(root, 'other', coreWith(23)); // same ids as core
    const dup = await run(root, ['compare', '--baseline', 'baselines/b.json']);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/duplicate id "core\/event-store\/write-1000" for measure time \(also in libs\/core\/bench-results\/latest\.json\)/);

    const empty = makeWorkspace({ core: null });
    const none = await run(empty, ['report']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no results found/);

    const b = JSON.parse(readFileSync(join(root, 'baselines', 'b.json'), 'utf8'));
    b.benchmarks[0].measured.samples[0] = null;
    writeFileSync(join(root, 'baselines', 'b.json'), JSON.stringify(b));
    const nan = await run(makeWorkspace({ core: coreWith(24) }), ['compare', '--baseline', join(root, 'baselines', 'b.json')]);
    expect(nan.code).toBe(2);
    expect(nan.stderr).toMatch(/b\.json: benchmarks\[0\]\.measured\.samples\[0\]: expected a finite number/);

    expect((await run(root, ['report', '--threshold', 'ten'])).stderr).toMatch(/--threshold: expected a percentage/);
    expect((await run(root, ['report', '--format', 'pdf'])).code).toBe(2);
    expect((await run(root, ['frobnicate'])).code).toBe(2);
  });
});
