import {
  RESULTS_SCHEMA_VERSION,
  type BenchmarkResult,
  type EnvironmentInfo,
  type Estimate,
  type GoalResult,
  type ResultsFile,
  type SampleStatistics,
  type SampleUnit,
} from '@workflow-bench/bench-kit';
import { compileFilter } from '@workflow-bench/bench-kit';
import { Checker } from './checker.ts';

const UNITS: readonly SampleUnit[] = ['ns', 'instructions', 'ratio', 'bytes', 'ops/s', 'tokens/s', 'requests/s', 'MiB/s'];
const STAT_KEYS = ['n', 'mean', 'median', 'stdDev', 'mad', 'min', 'max', 'p50', 'p75', 'p90', 'p99', 'cv'] as const;

/**
 * Validates a parsed results file completely before anything is written: unknown schema version,
 * missing fields, NaN (null in JSON) or negative values and duplicate ids are all BadInputErrors
 * naming the file and the field.
 */
export function validateResults(file: string, raw: unknown): ResultsFile {
  const c = new Checker(file);
  const o = c.object(raw);
  const version = c.at('schemaVersion').number(o.schemaVersion);
  if (version !== RESULTS_SCHEMA_VERSION) {
    c.at('schemaVersion').fail(`unknown schema version ${version} (this bench-report reads version ${RESULTS_SCHEMA_VERSION})`);
  }
  const benchmarks = c.at('benchmarks').array(o.benchmarks).map((b, i) => validateBenchmark(c.at('benchmarks').at(i), b));
  const filter = o.filter === null || o.filter === undefined ? null : c.at('filter').string(o.filter);
  try {
    compileFilter(filter);
  } catch (err) {
    c.at('filter').fail(`not a valid --filter pattern: ${(err as Error).message}`);
  }
  // A run that produced nothing must never pass a gate, replace a report or reach a baseline.
  if (benchmarks.length === 0) {
    const hint = filter ? ` (the run's --filter ${JSON.stringify(filter)} matched nothing?)` : '';
    c.at('benchmarks').fail(`holds no benchmarks${hint}: an empty run is not a result`);
  }
  const seen = new Map<string, number>();
  benchmarks.forEach((b, i) => {
    const first = seen.get(b.id);
    if (first !== undefined) c.at('benchmarks').at(i).at('id').fail(`duplicate id ${JSON.stringify(b.id)} (also benchmarks[${first}])`);
    seen.set(b.id, i);
  });
  return {
    schemaVersion: version,
    project: c.at('project').string(o.project),
    createdAt: c.at('createdAt').string(o.createdAt),
    mode: c.at('mode').oneOf(o.mode, ['quick', 'full'] as const),
    measure: c.at('measure').oneOf(o.measure, ['time', 'instructions'] as const),
    rounds: c.at('rounds').positive(o.rounds),
    filter,
    environment: validateEnvironment(c.at('environment'), o.environment),
    timer: validateTimer(c.at('timer'), o.timer),
    benchmarks,
    goals: o.goals === undefined ? [] : c.at('goals').array(o.goals).map((g, i) => validateGoal(c.at('goals').at(i), g)),
    durationMs: c.at('durationMs').nonNegative(o.durationMs),
  };
}

export function validateBenchmark(c: Checker, raw: unknown): BenchmarkResult {
  const o = c.object(raw);
  const id = c.at('id').string(o.id);
  if (id.trim() === '') c.at('id').fail('must not be empty');
  const status = c.at('status').oneOf(o.status, ['ok', 'failed', 'skipped'] as const);
  const samples = c.at('samples').numbers(o.samples ?? [], (cc, v) => cc.nonNegative(v));
  const iterations = c.at('iterations').numbers(o.iterations ?? [], (cc, v) => cc.nonNegative(v));
  const b: BenchmarkResult = {
    id,
    project: c.at('project').string(o.project),
    group: c.at('group').string(o.group),
    status,
    unit: c.at('unit').oneOf(o.unit, UNITS),
    lowerIsBetter: c.at('lowerIsBetter').boolean(o.lowerIsBetter),
    measure: c.at('measure').oneOf(o.measure, ['time', 'instructions', 'custom'] as const),
    samplingMode: c.at('samplingMode').oneOf(o.samplingMode, ['linear', 'flat', 'custom'] as const),
    samples,
    iterations,
    warnings: o.warnings === undefined ? [] : c.at('warnings').array(o.warnings).map((w, i) => c.at('warnings').at(i).string(w)),
    durationMs: c.at('durationMs').nonNegative(o.durationMs),
  };
  if (o.name !== undefined) b.name = c.at('name').string(o.name);
  if (o.param !== undefined) b.param = c.at('param').string(o.param);
  if (o.file !== undefined) b.file = c.at('file').string(o.file);
  if (o.anchor !== undefined) b.anchor = c.at('anchor').boolean(o.anchor);
  if (o.reason !== undefined) b.reason = c.at('reason').string(o.reason);
  if (o.error !== undefined) b.error = c.at('error').string(o.error);
  if (o.roundEstimates !== undefined) b.roundEstimates = c.at('roundEstimates').numbers(o.roundEstimates, (cc, v) => cc.nonNegative(v));
  if (o.roundSampleCounts !== undefined) b.roundSampleCounts = validateRoundSampleCounts(c.at('roundSampleCounts'), o.roundSampleCounts, samples.length);
  if (o.estimate !== undefined) b.estimate = validateEstimate(c.at('estimate'), o.estimate);
  if (o.stats !== undefined) b.stats = validateStats(c.at('stats'), o.stats);
  // The remaining optional parts are carried through after a shape check; the verdict does not use them.
  for (const key of ['outliers', 'throughput', 'memory', 'metrics', 'details'] as const) {
    if (o[key] !== undefined) {
      c.at(key).object(o[key]);
      (b as unknown as Record<string, unknown>)[key] = o[key];
    }
  }
  // An estimate without the samples it came from cannot be checked or compared: the verdict,
  // histograms and baselines all work on samples. bench-kit never writes such a result.
  if (status === 'ok' && samples.length === 0) c.at('samples').fail(`benchmark ${JSON.stringify(id)} has status "ok" but no samples`);
  return b;
}

/** Samples per round: whole numbers that add up to the pooled samples, or the rounds cannot be told apart. */
export function validateRoundSampleCounts(c: Checker, raw: unknown, sampleCount: number): number[] {
  const counts = c.numbers(raw, (cc, v) => {
    const n = cc.nonNegative(v);
    if (!Number.isInteger(n)) cc.fail(`expected a whole number of samples, got ${n}`);
    return n;
  });
  const total = counts.reduce((a, b) => a + b, 0);
  if (total !== sampleCount) c.fail(`adds up to ${total} samples, but samples has ${sampleCount}`);
  return counts;
}

export function validateEstimate(c: Checker, raw: unknown): Estimate {
  const o = c.object(raw);
  return {
    point: c.at('point').nonNegative(o.point),
    lower: c.at('lower').nonNegative(o.lower),
    upper: c.at('upper').nonNegative(o.upper),
    statistic: c.at('statistic').oneOf(o.statistic, ['slope', 'mean', 'median'] as const),
    confidence: c.at('confidence').number(o.confidence),
  };
}

export function validateStats(c: Checker, raw: unknown): SampleStatistics {
  const o = c.object(raw);
  const s = {} as Record<string, unknown>;
  for (const key of STAT_KEYS) s[key] = c.at(key).nonNegative(o[key]);
  if (o.slope !== undefined) {
    const sl = c.at('slope').object(o.slope);
    s.slope = { value: c.at('slope').at('value').nonNegative(sl.value), r2: c.at('slope').at('r2').number(sl.r2) };
  }
  return s as unknown as SampleStatistics;
}

export function validateEnvironment(c: Checker, raw: unknown): EnvironmentInfo {
  const o = c.object(raw);
  const str = (k: string) => c.at(k).string(o[k]);
  const optNum = (k: string) => (o[k] === null || o[k] === undefined ? null : c.at(k).nonNegative(o[k]));
  return {
    hostname: str('hostname'),
    cpuModel: str('cpuModel'),
    cpuCores: c.at('cpuCores').nonNegative(o.cpuCores),
    cpuPhysicalCores: c.at('cpuPhysicalCores').nonNegative(o.cpuPhysicalCores),
    cpuSpeedGHz: optNum('cpuSpeedGHz'),
    memoryBytes: c.at('memoryBytes').nonNegative(o.memoryBytes),
    os: str('os'),
    kernel: str('kernel'),
    arch: str('arch'),
    nodeVersion: str('nodeVersion'),
    v8Version: str('v8Version'),
    gpus: c.at('gpus').array(o.gpus ?? []).map((g, i) => {
      const gc = c.at('gpus').at(i);
      const go = gc.object(g);
      return {
        vendor: gc.at('vendor').string(go.vendor),
        model: gc.at('model').string(go.model),
        vramMiB: go.vramMiB === null || go.vramMiB === undefined ? null : gc.at('vramMiB').nonNegative(go.vramMiB),
      };
    }),
    gitSha: o.gitSha === null || o.gitSha === undefined ? null : str('gitSha'),
    gitDirty: o.gitDirty === null || o.gitDirty === undefined ? null : c.at('gitDirty').boolean(o.gitDirty),
    hardwareFingerprint: str('hardwareFingerprint'),
  };
}

export function validateTimer(c: Checker, raw: unknown): ResultsFile['timer'] {
  const o = c.object(raw);
  return {
    resolutionNs: c.at('resolutionNs').nonNegative(o.resolutionNs),
    overheadNs: c.at('overheadNs').nonNegative(o.overheadNs),
    emptyFunctionNs: c.at('emptyFunctionNs').number(o.emptyFunctionNs),
  };
}

function validateGoal(c: Checker, raw: unknown): GoalResult {
  const o = c.object(raw);
  const g: GoalResult = {
    name: c.at('name').string(o.name),
    description: o.description === undefined ? '' : c.at('description').string(o.description),
    status: c.at('status').oneOf(o.status, ['met', 'missed', 'unknown'] as const),
    target: c.at('target').number(o.target),
    unit: c.at('unit').string(o.unit),
    benchmarks: c.at('benchmarks').array(o.benchmarks ?? []).map((b, i) => c.at('benchmarks').at(i).string(b)),
  };
  if (o.actual !== undefined && o.actual !== null) g.actual = c.at('actual').number(o.actual);
  if (o.reason !== undefined) g.reason = c.at('reason').string(o.reason);
  return g;
}
