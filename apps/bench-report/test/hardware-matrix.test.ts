import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentInfo, ResultsFile } from '@workflow-bench/bench-kit';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/main.ts';
import type { MatrixReport } from '../src/report/matrix.ts';
import { PR_COMMENT_MARKER } from '../src/report/markdown.ts';
import { CORE_SPECS, ENVIRONMENT, makeWorkspace, syntheticInstructionResults, syntheticResults } from './support/fixtures.ts';

async function run(root: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Partial<CliIo> = {
    cwd: root,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    detectGpus: async () => [], // this machine: no GPU; the matrix must not use it
    now: () => new Date('2026-03-04T05:06:07.000Z'),
  };
  return { code: await main(args, io), stdout, stderr };
}

const CPU_ENV: EnvironmentInfo = { ...ENVIRONMENT, hardwareFingerprint: 'fp-cpu-runner' };
const GPU_ENV: EnvironmentInfo = {
  ...ENVIRONMENT,
  hostname: 'gpu-runner',
  cpuModel: 'Intel(R) Xeon(R) W-2245',
  cpuCores: 16,
  gpus: [
    { vendor: 'Matrox Electronics Systems Ltd.', model: 'MGA G200eW3', vramMiB: 16 },
    { vendor: 'NVIDIA', model: 'GeForce RTX 3080', vramMiB: 10240 },
  ],
  hardwareFingerprint: 'fp-rtx3080-runner',
};
const MEDIUM = 'core/tma-parse/medium';

/** core on the CPU runner at the specs' values; on the GPU runner at half of them; `slower` scales medium. */
const cpuRun = (seed: number) => syntheticResults('core', CORE_SPECS, { seed, rounds: 3, environment: CPU_ENV });
const gpuRun = (seed: number, slower = 1, environment = GPU_ENV) =>
  syntheticResults('core', CORE_SPECS.map((s) => ({ ...s, value: s.value * 0.5 * (s.id === MEDIUM ? slower : 1) })), { seed, rounds: 3, environment });

function put(root: string, path: string, results: ResultsFile) {
  const file = join(root, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(results));
}

/**
 * A workspace with both hardware profiles' baselines saved from earlier runs of each machine
 * (the RTX one optionally from another RTX machine), and the CI artifacts of a new run: one folder
 * per job, as actions/download-artifact leaves them.
 */
async function matrixWorkspace(opts: { gpuSlower?: number; rtxBaselineFrom?: EnvironmentInfo } = {}) {
  const root = makeWorkspace({});
  put(root, 'earlier/cpu.json', cpuRun(1));
  put(root, 'earlier/gpu.json', gpuRun(2, 1, opts.rtxBaselineFrom ?? GPU_ENV));
  expect((await run(root, ['save-baseline', 'baselines/baseline_cpu_only.json', '--results', 'earlier/cpu.json'])).code).toBe(0);
  expect((await run(root, ['save-baseline', 'baselines/baseline_rtx3080.json', '--results', 'earlier/gpu.json'])).code).toBe(0);
  put(root, 'artifacts/bench-cpu/core/bench-results/latest.json', cpuRun(3));
  put(root, 'artifacts/bench-cpu/core/bench-results/instructions.json', { ...syntheticInstructionResults('core', CORE_SPECS, { seed: 4 }), environment: CPU_ENV });
  put(root, 'artifacts/bench-gpu/core/bench-results/latest.json', gpuRun(5, opts.gpuSlower ?? 1));
  return root;
}

const readMatrix = (root: string) => JSON.parse(readFileSync(join(root, 'reports', 'benchmark_report.json'), 'utf8')) as MatrixReport;

describe('a hardware matrix merged into one report (issue 18 §2)', () => {
  it('groups results by fingerprint and judges each machine against the baseline its own hardware selects', async () => {
    const root = await matrixWorkspace({ gpuSlower: 1.3 });
    const r = await run(root, ['report', '--results-dir', 'artifacts', '--detect-regressions']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // the GPU machine regressed
    const matrix = readMatrix(root);
    expect(matrix.machines.map((m) => [m.label, m.hardwareFingerprint])).toEqual([
      ['bench-cpu', 'fp-cpu-runner'],
      ['bench-gpu', 'fp-rtx3080-runner'],
    ]);
    const [cpu, gpu] = matrix.machines;
    expect(cpu.report.baseline).toMatchObject({ file: 'baselines/baseline_cpu_only.json', name: 'cpu_only', sameHardware: true });
    expect(cpu.report.baseline!.reason).toMatch(/no GPU detected/);
    expect(gpu.report.baseline).toMatchObject({ file: 'baselines/baseline_rtx3080.json', name: 'rtx3080', sameHardware: true });
    expect(gpu.report.baseline!.reason).toMatch(/NVIDIA GeForce RTX 3080 detected/);
    expect(gpu.name).toBe('Intel(R) Xeon(R) W-2245 · Matrox Electronics Systems Ltd. MGA G200eW3 · NVIDIA GeForce RTX 3080');
    // The CPU machine has both measures; each machine only its own results.
    expect(cpu.report.benchmarks).toHaveLength(2 * CORE_SPECS.length);
    expect(gpu.report.benchmarks).toHaveLength(CORE_SPECS.length);
    // Judged against its own baseline: the GPU run's medium is 30% slower than the RTX baseline
    // (against the CPU baseline it would have looked 35% faster); the CPU machine is unchanged.
    const verdict = (m: typeof cpu, id: string) => m.report.comparisons.find((v) => v.id === id && v.measure === 'time')!;
    expect(verdict(gpu, MEDIUM).outcome).toBe('regressed');
    expect(verdict(gpu, MEDIUM).comparison!.change.point).toBeGreaterThan(0.2);
    expect(verdict(cpu, MEDIUM).outcome).not.toBe('regressed');
    expect(gpu.report.summary.pass).toBe(false);
    expect(cpu.report.summary.pass).toBe(true);
    expect(matrix.summary).toMatchObject({ machines: 2, regressed: 1, pass: false, baselineOnOtherHardware: 0 });

    // Side by side: the same id on both machines, as multiples of the fastest.
    const row = matrix.acrossMachines.find((x) => x.id === MEDIUM && x.measure === 'time')!;
    const [cpuCell, gpuCell] = row.cells;
    expect(gpuCell.times).toBe(1);
    expect(cpuCell.times!).toBeCloseTo(cpuCell.estimate! / gpuCell.estimate!, 10);
    expect(cpuCell.times!).toBeGreaterThan(1.2); // CPU ~1/0.65 ≈ 1.5× the GPU runner's time
    expect(matrix.acrossMachines.find((x) => x.id === MEDIUM && x.measure === 'instructions')!.cells.map((c) => c.machine === cpu.slug ? c.times : c.estimate)).toEqual([1, null]);
  });

  it('writes one section per machine in the Markdown, PR comment and HTML, plus the side-by-side table; each machine’s full report beside it', async () => {
    const root = await matrixWorkspace({ gpuSlower: 1.3 });
    expect((await run(root, ['report', '--results-dir', 'artifacts'])).code).toBe(0); // no --detect-regressions
    const md = readFileSync(join(root, 'reports', 'benchmark_report.md'), 'utf8');
    expect(md.startsWith(PR_COMMENT_MARKER)).toBe(true);
    expect(md).toMatch(/## Across machines[\s\S]*\| benchmark \| measure \| bench-cpu \| bench-gpu \|[\s\S]*\| `core\/tma-parse\/medium` \| wall time \| [\d.]+ µs \(1\.\d\d×\) \| [\d.]+ µs \(1\.00×\) \|/);
    expect(md).toMatch(/## Machine bench-cpu: AMD EPYC 7B13[\s\S]*### Hardware[\s\S]*baseline\\?_cpu\\?_only[\s\S]*## Machine bench-gpu: Intel\(R\) Xeon\(R\) W-2245[\s\S]*### Hardware[\s\S]*GeForce RTX 3080[\s\S]*### Comparison with the baseline[\s\S]*core\/tma-parse\/medium` \| wall time[^\n]*regressed/);
    const pr = readFileSync(join(root, 'reports', 'pr-comment.md'), 'utf8');
    expect(pr).toMatch(/### Benchmarks on 2 machines: ❌ fail/);
    expect(pr).toMatch(/\| bench-gpu \| `core\/tma-parse\/medium` \| wall time \| \+\d+\.\d% .*🔴 regressed/);
    const html = readFileSync(join(root, 'reports', 'benchmark_report.html'), 'utf8');
    expect(html).toMatch(/<section id="across-machines">/);
    for (const fp of ['fp-cpu-runner', 'fp-rtx3080-runner']) {
      expect(html).toContain(`<section class="machine" id="machine-${fp}">`);
      expect(html).toContain(`href="machines/${fp}/benchmark_report.html"`);
      const dir = join(root, 'reports', 'machines', fp);
      for (const f of ['benchmark_report.html', 'benchmark_report.json', 'benchmark_report.md', 'bencher.json', 'github-action-benchmark.json']) expect(existsSync(join(dir, f)), `${fp}/${f}`).toBe(true);
      expect(readdirSync(join(dir, 'history'))).toHaveLength(1); // trends never mix machines
    }
    // One github-action-benchmark file for the whole matrix, a series per machine and id.
    const gab = JSON.parse(readFileSync(join(root, 'reports', 'github-action-benchmark.json'), 'utf8')) as { name: string; unit: string }[];
    expect(gab.map((e) => e.name)).toContain(`bench-cpu: ${MEDIUM}`);
    expect(gab.map((e) => e.name)).toContain(`bench-cpu: ${MEDIUM} [instructions]`);
    expect(gab.map((e) => e.name)).toContain(`bench-gpu: ${MEDIUM}`);
    expect(new Set(gab.map((e) => e.name)).size).toBe(gab.length);
  });

  it('flags a machine whose baseline samples came from other hardware, as a single report does', async () => {
    const otherRtx = { ...GPU_ENV, hostname: 'other', hardwareFingerprint: 'fp-another-rtx3080' };
    const root = await matrixWorkspace({ rtxBaselineFrom: otherRtx });
    const r = await run(root, ['compare', '--results-dir', 'artifacts']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/== Machine bench-gpu: .*\n⚠ the baseline's samples come from other hardware \(baselines\/baseline_rtx3080\.json\)/);
    expect(r.stdout).toMatch(/PASS on 2 machines: 0 regressed, 0 missed target\(s\), 0 missing required; 1 machine\(s\) compared with samples from other hardware/);
    expect((await run(root, ['report', '--results-dir', 'artifacts'])).code).toBe(0);
    const matrix = readMatrix(root);
    expect(matrix.machines.map((m) => m.report.baseline!.sameHardware)).toEqual([true, false]);
    const html = readFileSync(join(root, 'reports', 'benchmark_report.html'), 'utf8');
    expect(html).toMatch(/baselines\/baseline_rtx3080\.json \(rtx3080; samples from OTHER hardware\) <span class="badge missed">other hardware<\/span>/);
    expect(html).toMatch(/<strong>The baseline's samples come from different hardware\.<\/strong>/);
    expect(readFileSync(join(root, 'reports', 'benchmark_report.md'), 'utf8')).toMatch(/\*\*on different hardware\*\*/);
  });

  it('bad input: an empty or missing folder, --results with --results-dir, save-baseline of a matrix', async () => {
    const root = makeWorkspace({});
    mkdirSync(join(root, 'artifacts', 'job'), { recursive: true });
    const none = await run(root, ['compare', '--results-dir', 'artifacts']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/artifacts: no results files \(latest\.json, instructions\.json\) in it or its subfolders/);
    expect((await run(root, ['compare', '--results-dir', 'nope'])).stderr).toMatch(/nope: folder not found/);
    expect((await run(root, ['compare', '--results-dir', 'artifacts', '--results', 'x.json'])).code).toBe(2);
    expect((await run(root, ['save-baseline', 'b.json', '--results-dir', 'artifacts'])).stderr).toMatch(/save-baseline saves the results of one machine/);
  });
});
