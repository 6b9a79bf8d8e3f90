import type { BenchmarkResult, ResultsFile } from '../../src/results/schema.ts';
import { seededRandom } from '../../src/stats/random.ts';
import { analyse } from '../../src/analysis/analyse.ts';
import type { RawBenchmark } from '../../src/runner/protocol.ts';

/** A timed benchmark sampled linearly: sample i runs i·d iterations at `perIterationNs` each, with seeded noise. */
export function timedResult(id: string, perIterationNs: number, seed: number, extra: Partial<RawBenchmark> = {}): BenchmarkResult {
  const random = seededRandom(seed);
  const iterations = Array.from({ length: 15 }, (_, i) => (i + 1) * 100);
  const values = iterations.map((n) => n * perIterationNs * (1 + 0.04 * (random() - 0.5)));
  const parts = id.split('/');
  const raw: RawBenchmark = {
    id,
    group: parts[1],
    ...(parts[2] ? { param: parts[2] } : {}),
    status: 'ok',
    kind: 'timed',
    unit: 'ns',
    lowerIsBetter: true,
    samplingMode: 'linear',
    values,
    iterations,
    statistic: 'slope',
    warnings: [],
    durationMs: 400,
    ...extra,
  };
  return analyse([raw], { project: parts[0], emptyFunctionNs: 1 });
}

/** A custom benchmark whose samples are given (ratios, rates). */
export function customResult(id: string, samples: number[], unit: RawBenchmark['unit'], lowerIsBetter: boolean): BenchmarkResult {
  const parts = id.split('/');
  return analyse(
    [{ id, group: parts[1], status: 'ok', kind: 'custom', unit, lowerIsBetter, samplingMode: 'custom', values: samples, iterations: samples.map(() => 1), statistic: 'median', warnings: [], durationMs: 2000 }],
    { project: parts[0], emptyFunctionNs: 1 },
  );
}

export function notOkResult(id: string, status: 'failed' | 'skipped', reason: string): BenchmarkResult {
  const parts = id.split('/');
  return analyse(
    [{ id, group: parts[1], status, reason, ...(status === 'failed' ? { error: `Error: ${reason}\n    at bench (x.bench.ts:3:9)` } : {}), kind: 'timed', unit: 'ns', lowerIsBetter: true, samplingMode: 'linear', values: [], iterations: [], statistic: 'slope', warnings: [], durationMs: 10 }],
    { project: parts[0], emptyFunctionNs: 1 },
  );
}

/** A whole results file with fixed environment and timings, for output snapshots. */
export function resultsFile(benchmarks: BenchmarkResult[], extra: Partial<ResultsFile> = {}): ResultsFile {
  return {
    schemaVersion: 1,
    project: 'demo',
    createdAt: '2026-01-02T03:04:05.000Z',
    mode: 'quick',
    measure: 'time',
    rounds: 1,
    filter: null,
    environment: {
      hostname: 'host',
      cpuModel: 'Example CPU <8 cores>',
      cpuCores: 8,
      cpuPhysicalCores: 4,
      cpuSpeedGHz: 3,
      memoryBytes: 16 * 2 ** 30,
      os: 'Debian GNU/Linux 12',
      kernel: '6.1.0',
      arch: 'x64',
      nodeVersion: 'v20.20.2',
      v8Version: '11.3',
      gpus: [],
      gitSha: '0123456789abcdef0123456789abcdef01234567',
      gitDirty: false,
      hardwareFingerprint: '0123456789abcdef',
    },
    timer: { resolutionNs: 40, overheadNs: 25, emptyFunctionNs: 1 },
    benchmarks,
    goals: [],
    durationMs: 12_345,
    ...extra,
  };
}
