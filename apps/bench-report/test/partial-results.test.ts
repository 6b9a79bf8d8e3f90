import { closeSync, openSync, readFileSync, writeFileSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BaselineFile } from '../src/baseline/baseline-file.ts';
import { main, type CliIo } from '../src/cli/main.ts';
import { capSamples } from '../src/input/sample-cap.ts';
import type { Report } from '../src/report/report-model.ts';
import { CORE_SPECS, makeWorkspace, syntheticResults, writeResults } from './support/fixtures.ts';

async function run(root: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Partial<CliIo> = { cwd: root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), detectGpus: async () => [] };
  return { code: await main(args, io), stdout, stderr };
}

const LATEST = 'libs/core/bench-results/latest.json';
const readBaseline = (root: string) => JSON.parse(readFileSync(join(root, 'baselines', 'b.json'), 'utf8')) as BaselineFile;
const readReport = (root: string) => JSON.parse(readFileSync(join(root, 'reports', 'benchmark_report.json'), 'utf8')) as Report;
const reportFiles = (root: string) => ['benchmark_report.json', 'benchmark_report.md', 'benchmark_report.html'].map((f) => readFileSync(join(root, 'reports', f), 'utf8'));
const core = (seed: number, specs = CORE_SPECS) => syntheticResults('core', specs, { seed, rounds: 2 });
const empty = () => ({ ...core(9), benchmarks: [] });

/** core benched and saved as baselines/b.json (5 measured entries), with a report written from it. */
async function baselined() {
  const root = makeWorkspace({ core: core(1) });
  expect((await run(root, ['save-baseline', 'baselines/b.json'])).code).toBe(0);
  expect((await run(root, ['report', '--baseline', 'baselines/b.json', '--skip-history'])).code).toBe(0);
  return root;
}

describe('empty results never pass, overwrite a report or wipe a baseline (issue 22.1, 22.2)', () => {
  it('save-baseline, compare and report with an empty results file: exit 2 naming the file; baseline and report untouched', async () => {
    const root = await baselined();
    const baselineBefore = readFileSync(join(root, 'baselines', 'b.json'), 'utf8');
    const reportBefore = reportFiles(root);
    writeResults(root, 'core', empty());
    for (const args of [['save-baseline', 'baselines/b.json'], ['compare', '--baseline', 'baselines/b.json'], ['report', '--baseline', 'baselines/b.json']]) {
      const r = await run(root, args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toMatch(/libs\/core\/bench-results\/latest\.json: benchmarks: holds no benchmarks: an empty run is not a result/);
      expect(r.stdout, args[0]).not.toMatch(/PASS/);
    }
    expect(readFileSync(join(root, 'baselines', 'b.json'), 'utf8')).toBe(baselineBefore);
    expect(reportFiles(root)).toEqual(reportBefore);
  });

  it('an empty file named with --results, from a filtered run, says which filter matched nothing', async () => {
    const root = await baselined();
    writeFileSync(join(root, 'empty.json'), JSON.stringify({ ...empty(), filter: 'no-such-id' }));
    const r = await run(root, ['compare', '--baseline', 'baselines/b.json', '--results', 'empty.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/empty\.json: benchmarks: holds no benchmarks \(the run's --filter "no-such-id" matched nothing\?\)/);
  });

  it('save-baseline from a run where nothing succeeded: exit 2, baseline untouched', async () => {
    const root = await baselined();
    const before = readFileSync(join(root, 'baselines', 'b.json'), 'utf8');
    writeResults(root, 'core', core(2, CORE_SPECS.map((s) => ({ ...s, status: 'failed' as const }))));
    const r = await run(root, ['save-baseline', 'baselines/b.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no benchmark with status "ok" to save into baselines\/b\.json; the file was not changed/);
    expect(readFileSync(join(root, 'baselines', 'b.json'), 'utf8')).toBe(before);
  });
});

describe('save-baseline never loses measured entries (issue 22.1: keep)', () => {
  it('a partial run replaces what it measured and keeps the rest, saying which', async () => {
    const root = await baselined();
    const before = readBaseline(root);
    writeResults(root, 'core', { ...core(3, CORE_SPECS.slice(0, 1)), createdAt: '2026-06-01T00:00:00.000Z' });
    const r = await run(root, ['save-baseline', 'baselines/b.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Saved 1 benchmark\(s\) with samples/);
    expect(r.stdout).toMatch(/Kept the earlier samples of 4 benchmark\(s\) these results do not cover: core\/tma-parse\/small, /);
    const after = readBaseline(root);
    expect(after.benchmarks.map((e) => e.id)).toEqual(before.benchmarks.map((e) => e.id));
    expect(after.benchmarks.every((e) => e.measured && e.measured.samples.length > 0)).toBe(true);
    expect(after.benchmarks[0].measured!.createdAt).toBe('2026-06-01T00:00:00.000Z');
    expect(after.benchmarks.slice(1)).toEqual(before.benchmarks.slice(1));
  });
});

describe('baselined ids missing from the current results (issue 22.3)', () => {
  /** Baseline of 5 core ids; `tma-parse/medium` has a target (so it is required). */
  async function withTarget() {
    const root = await baselined();
    const b = readBaseline(root);
    b.benchmarks.find((e) => e.id === 'core/tma-parse/medium')!.target = { value: 1, unit: 's', comparison: '<', label: '< 1 s' };
    writeFileSync(join(root, 'baselines', 'b.json'), JSON.stringify(b));
    return root;
  }
  const ONLY_WRITE = CORE_SPECS.slice(0, 1); // core/event-store/write-1000

  it('are listed in the table, Markdown and HTML; a missing required id fails compare and report --detect-regressions', async () => {
    const root = await withTarget();
    writeResults(root, 'core', core(4, ONLY_WRITE));
    const compare = await run(root, ['compare', '--baseline', 'baselines/b.json']);
    expect(compare.code).toBe(1);
    expect(compare.stdout).toMatch(/Missing: in the baseline, not in the current results/);
    for (const id of ['core/pii/detect', 'core/tma-parse/large', 'core/tma-parse/small']) expect(compare.stdout).toMatch(new RegExp(`${id}\\s+no\\s+not in ${LATEST}`));
    expect(compare.stdout).toMatch(/core\/tma-parse\/medium\s+yes: FAILS\s+not in libs\/core/);
    expect(compare.stdout).toMatch(/FAIL: 0 regressed.*, 4 missing \(1 required and unexplained\)/);

    const report = await run(root, ['report', '--baseline', 'baselines/b.json', '--detect-regressions', '--skip-history']);
    expect(report.code).toBe(1);
    const json = readReport(root);
    expect(json.missing.map((m) => [m.id, m.required, m.fails])).toEqual([
      ['core/pii/detect', false, false],
      ['core/tma-parse/large', false, false],
      ['core/tma-parse/medium', true, true],
      ['core/tma-parse/small', false, false],
    ]);
    const md = readFileSync(join(root, 'reports', 'benchmark_report.md'), 'utf8');
    expect(md).toMatch(/## Missing from the current results[\s\S]*\| `core\/tma-parse\/medium` \| wall time \| ❌ yes, fails \| not in libs\/core/);
    expect(readFileSync(join(root, 'reports', 'pr-comment.md'), 'utf8')).toMatch(/4 missing \(1 required and unexplained\)[\s\S]*\| missing required benchmark \|[\s\S]*core\/tma-parse\/medium/);
    const html = readFileSync(join(root, 'reports', 'benchmark_report.html'), 'utf8');
    expect(html).toMatch(/<section id="missing"><h2>Missing from the current results<\/h2>/);
    expect(html.match(/<section id="missing">.*?<\/section>/s)![0].match(/<tr><td><code>/g)).toHaveLength(4);
  });

  it('--allow-missing: still listed, not failing', async () => {
    const root = await withTarget();
    writeResults(root, 'core', core(4, ONLY_WRITE));
    const r = await run(root, ['compare', '--baseline', 'baselines/b.json', '--allow-missing']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/core\/tma-parse\/medium\s+yes\s+not in .*\(allowed by --allow-missing\)/);
  });

  it("the run's recorded --filter explains ids it excludes, not ids it includes", async () => {
    const root = await withTarget();
    writeResults(root, 'core', { ...core(4, ONLY_WRITE), filter: 'event-store' });
    const filtered = await run(root, ['compare', '--baseline', 'baselines/b.json']);
    expect(filtered.code).toBe(0);
    expect(filtered.stdout).toMatch(/core\/tma-parse\/medium\s+yes\s+libs\/core\/bench-results\/latest\.json was run with --filter "event-store", which excludes it/);

    writeResults(root, 'core', { ...core(4, ONLY_WRITE), filter: 'core/*' });
    const included = await run(root, ['compare', '--baseline', 'baselines/b.json']);
    expect(included.code).toBe(1);
    expect(included.stdout).toMatch(/core\/tma-parse\/medium\s+yes: FAILS\s+not in .* with a --filter that includes it/);
  });

  it('a project that did not run at all (nx affected left it out) explains its ids, and is listed as not run', async () => {
    const root = await withTarget();
    writeResults(root, 'other', syntheticResults('other', [{ id: 'other/g/x', value: 10 }], { seed: 5 }));
    const r = await run(root, ['compare', '--baseline', 'baselines/b.json', '--results', 'libs/other/bench-results/latest.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/core\/tma-parse\/medium\s+yes\s+project core has no results in this run \(not run\)/);
  });
});

describe('size limits (issue 22.4)', () => {
  it('a results file beyond the limit is refused from its size, before it is read (a sparse 241 MiB file)', async () => {
    const root = await baselined();
    const file = join(root, LATEST);
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 241 * 2 ** 20); // sparse: costs no disk, and no time unless someone reads it
    closeSync(fd);
    const r = await run(root, ['compare', '--baseline', 'baselines/b.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/libs\/core\/bench-results\/latest\.json: is 241\.0 MiB, over the 64 MiB limit for bench-report inputs \(not read; --max-input-mb raises the limit\)/);
  });

  it('--max-input-mb sets the limit, for baselines too', async () => {
    const root = await baselined();
    // The saved baseline is pretty-printed, so larger than the results: a limit between the two sizes.
    const [results, baseline] = [LATEST, 'baselines/b.json'].map((f) => readFileSync(join(root, f)).length / 2 ** 20);
    expect(baseline).toBeGreaterThan(results);
    const r = await run(root, ['compare', '--baseline', 'baselines/b.json', '--max-input-mb', String((results + baseline) / 2)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/baselines\/b\.json: is [\d.]+ KiB, over the [\d.]+ MiB limit/);
    expect((await run(root, ['compare', '--baseline', 'baselines/b.json', '--max-input-mb', '100'])).code).toBe(0);
    expect((await run(root, ['compare', '--max-input-mb', 'lots'])).stderr).toMatch(/--max-input-mb: expected a size in MiB > 0/);
  });

  it('samples beyond 10 000 per benchmark are thinned within each round and the thinning is recorded in the report and the baseline', async () => {
    const big = syntheticResults('core', [{ id: 'core/tma-parse/small', value: 12_000, samplesPerRound: 6000 }], { seed: 6, rounds: 3 });
    const root = makeWorkspace({ core: big });
    expect((await run(root, ['save-baseline', 'baselines/b.json'])).code).toBe(0);
    const measured = readBaseline(root).benchmarks[0].measured!;
    expect(measured.samples).toHaveLength(9999);
    expect(measured.roundSampleCounts).toEqual([3333, 3333, 3333]);
    expect(measured.thinnedFrom).toBe(18_000);
    expect(measured.estimate).toEqual(big.benchmarks[0].estimate); // from all samples, untouched

    writeResults(root, 'core', syntheticResults('core', [{ id: 'core/tma-parse/small', value: 12_000, samplesPerRound: 6000 }], { seed: 7, rounds: 3 }));
    const r = await run(root, ['report', '--baseline', 'baselines/b.json', '--skip-history']);
    expect(r.code).toBe(0);
    const report = readReport(root);
    expect(report.benchmarks[0].samples).toHaveLength(9999);
    expect(report.sampleCap).toEqual({ maxSamplesPerBenchmark: 10_000, thinned: [{ id: 'core/tma-parse/small', measure: 'time', from: 18_000, kept: 9999, file: LATEST }] });
    expect(report.comparisons[0].outcome).toBe('unchanged');
    expect(readFileSync(join(root, 'reports', 'benchmark_report.md'), 'utf8')).toMatch(/Samples thinned to at most 10000 per benchmark .*`core\/tma-parse\/small` 18000 → 9999/);
  });

  it('capSamples keeps order, round boundaries and the iterations of each kept sample', () => {
    const samples = Array.from({ length: 30 }, (_, i) => i);
    const { series, thinning } = capSamples({ samples, iterations: samples.map((i) => i * 10), roundSampleCounts: [10, 20] }, 6);
    expect(series.samples).toEqual([0, 5, 10, 15, 20, 25]);
    expect(series.iterations).toEqual([0, 50, 100, 150, 200, 250]);
    expect(series.roundSampleCounts).toEqual([2, 4]);
    expect(thinning).toEqual({ from: 30, kept: 6 });
    expect(capSamples({ samples: [1, 2] }, 6).thinning).toBeNull();
  });
});
