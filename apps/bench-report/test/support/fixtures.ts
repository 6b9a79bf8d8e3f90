import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESULTS_SCHEMA_VERSION, type BenchmarkResult, type EnvironmentInfo, type ResultsFile, type SampleUnit } from '@workflow-bench/bench-kit';
import { describe as describeSamples, median, normal, quantile, seededRandom } from '@workflow-bench/bench-kit';
import { syntheticSide, type NoiseModel } from './synthetic.ts';

export const ENVIRONMENT: EnvironmentInfo = {
  hostname: 'ci-runner',
  cpuModel: 'AMD EPYC 7B13',
  cpuCores: 2,
  cpuPhysicalCores: 2,
  cpuSpeedGHz: 2.45,
  memoryBytes: 8 * 2 ** 30,
  os: 'Debian GNU/Linux 12',
  kernel: '6.1.0',
  arch: 'x64',
  nodeVersion: 'v20.20.0',
  v8Version: '11.3',
  gpus: [],
  gitSha: 'abc1234',
  gitDirty: false,
  hardwareFingerprint: 'fp-cpu-only',
};

export interface BenchSpec {
  id: string;
  /** True per-iteration value (ns for time). */
  value: number;
  samplesPerRound?: number;
  unit?: SampleUnit;
  lowerIsBetter?: boolean;
  status?: 'ok' | 'failed' | 'skipped';
}

/** A realistic results file: samples from the synthetic noise model, stats and estimate derived from them. */
export function syntheticResults(
  project: string,
  specs: BenchSpec[],
  opts: { seed: number; rounds?: number; noise?: NoiseModel; environment?: EnvironmentInfo },
): ResultsFile {
  const random = seededRandom(opts.seed);
  const rounds = opts.rounds ?? 1;
  const benchmarks: BenchmarkResult[] = specs.map((s) => {
    const [, group = 'g', ...rest] = s.id.split('/');
    const unit = s.unit ?? 'ns';
    const base = {
      id: s.id,
      project,
      group,
      ...(rest.length ? { name: rest.join('/') } : {}),
      unit,
      lowerIsBetter: s.lowerIsBetter ?? true,
      measure: unit === 'ns' ? ('time' as const) : unit === 'instructions' ? ('instructions' as const) : ('custom' as const),
      samplingMode: 'flat' as const,
      warnings: [],
      durationMs: 1234,
    };
    if (s.status && s.status !== 'ok') {
      return { ...base, status: s.status, reason: s.status === 'skipped' ? 'k6 not installed: apt-get install k6' : 'boom', samples: [], iterations: [] };
    }
    const side = syntheticSide(random, { value: s.value, samplesPerRound: s.samplesPerRound ?? 30, rounds, noise: opts.noise });
    // Estimate and statistics as bench-kit derives them; the CI is a stand-in (the 40th-60th percentile).
    const stats = describeSamples(side.samples);
    return {
      ...base,
      status: 'ok' as const,
      samples: side.samples,
      iterations: side.samples.map(() => 100),
      ...(rounds > 1 ? { roundEstimates: side.roundEstimates, roundSampleCounts: side.roundEstimates.map(() => s.samplesPerRound ?? 30) } : {}),
      estimate: { point: stats.median, lower: quantile(side.samples, 0.4), upper: quantile(side.samples, 0.6), statistic: 'median' as const, confidence: 0.95 },
      stats,
    };
  });
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    project,
    createdAt: '2026-01-01T00:00:00.000Z',
    mode: 'quick',
    measure: 'time',
    rounds,
    filter: null,
    environment: opts.environment ?? ENVIRONMENT,
    timer: { resolutionNs: 20, overheadNs: 25, emptyFunctionNs: 0.5 },
    benchmarks,
    goals: [],
    durationMs: 5000,
  };
}

export const CORE_SPECS: BenchSpec[] = [
  { id: 'core/event-store/write-1000', value: 6_000_000 },
  { id: 'core/tma-parse/small', value: 12_000 },
  { id: 'core/tma-parse/medium', value: 45_000 },
  { id: 'core/tma-parse/large', value: 400_000 },
  { id: 'core/pii/detect', value: 90_000 },
];

export const DATABASE_SPECS: BenchSpec[] = [
  { id: 'database/lmdb/read-by-id', value: 20_000 },
  { id: 'database/lmdb/range-query/100', value: 700_000 },
  { id: 'database/lmdb/throughput', value: 8000, unit: 'ops/s', lowerIsBetter: false },
  { id: 'database/postgres/insert', value: 1, status: 'skipped' },
];

/** A throw-away workspace: nx.json, projects with bench targets, optional results files. */
export function makeWorkspace(results: Record<string, ResultsFile | string | null>): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-report-ws-'));
  writeFileSync(join(root, 'nx.json'), '{}');
  for (const [project, content] of Object.entries(results)) {
    const dir = join(root, 'libs', project);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'project.json'), JSON.stringify({ name: project, targets: { test: {}, bench: {} } }));
    if (content !== null) writeResults(root, project, content);
  }
  return root;
}

export function writeResults(root: string, project: string, content: ResultsFile | string, file: 'latest.json' | 'instructions.json' = 'latest.json'): void {
  const dir = join(root, 'libs', project, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
}

/**
 * What `--measure instructions` writes to instructions.json: the same ids, per-pair instruction
 * counts (5 pairs, quick) scattered by ~0.15%, `factor` scaling the counts of `slowed`.
 */
export function syntheticInstructionResults(project: string, specs: BenchSpec[], opts: { seed: number; factor?: number; slowed?: string }): ResultsFile {
  const random = seededRandom(opts.seed);
  const time = syntheticResults(project, specs, { seed: opts.seed });
  return {
    ...time,
    measure: 'instructions',
    benchmarks: time.benchmarks.map((b) => {
      const base = { ...b, unit: 'instructions' as const, measure: 'instructions' as const, samplingMode: 'custom' as const };
      if (b.status !== 'ok') return base;
      const value = (specs.find((s) => s.id === b.id)!.value / 0.4) * (b.id === opts.slowed ? (opts.factor ?? 1) : 1);
      const samples = Array.from({ length: 5 }, () => Math.round(value * Math.exp(normal(random, 0, 0.0015))));
      const { roundEstimates: _r, roundSampleCounts: _c, ...rest } = base;
      return {
        ...rest,
        samples,
        iterations: samples.map(() => 20),
        estimate: { point: median(samples), lower: quantile(samples, 0.25), upper: quantile(samples, 0.75), statistic: 'median' as const, confidence: 0.95 },
        stats: describeSamples(samples),
      };
    }),
  };
}
