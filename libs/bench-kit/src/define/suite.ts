import type { GoalResult, Metric, SampleUnit, ThroughputUnit } from '../results/schema.ts';

/**
 * Declaring benchmarks.
 *
 * A bench file (`<lib>/bench/*.bench.ts`) default-exports one suite made with `defineSuite`.
 * The suite's group is the second part of every id: `<project>/<group>/<name>[/<param>]`.
 *
 * ```ts
 * export default defineSuite('tma-parse', (s) => {
 *   s.bench({
 *     params: ['small', 'medium', 'large'],
 *     setup: ({ param }) => generateTma(param),
 *     fn: (text) => parseTma(text),
 *     throughput: { unit: 'bytes', perIteration: (text) => text.length },
 *   });
 * });
 * ```
 */

/** What setup, teardown and custom measurements are told about the run. */
export interface BenchContext<P extends string = string> {
  /** The parameter value of this instance, or undefined for an unparameterised benchmark. */
  param: P | undefined;
  /** The full id, e.g. `core/tma-parse/medium`. */
  id: string;
  /** True under `--quick`: use smaller sizes / fewer iterations where a benchmark has its own loop. */
  quick: boolean;
  /** Print a progress line for long-running work (shown under the benchmark's name). */
  progress(message: string): void;
  /** Mark this benchmark skipped (e.g. a tool is not installed). Never returns. */
  skip(reason: string): never;
}

export interface ThroughputSpec<S> {
  unit: ThroughputUnit;
  /** Units processed by one call of `fn`: a number, or derived from the state made by setup. */
  perIteration: number | ((state: S) => number);
}

export interface SamplingOverrides {
  /** `auto` picks linear sampling for code faster than ~1 ms a call and flat sampling otherwise. */
  sampling?: 'auto' | 'linear' | 'flat';
  /** Number of samples to take (default: 50 full, 15 quick). */
  samples?: number;
  /** Target time for all samples together, ms (default: 2000 full, 300 quick). */
  measurementTimeMs?: number;
  /** Cap on warm-up time, ms (default: 1000 full, 150 quick). */
  warmUpTimeMs?: number;
  /** Lower bound on samples for slow (flat) benchmarks (default: 10 full, 3 quick). */
  minSamples?: number;
}

/** What every kind of benchmark may declare. */
interface CommonBenchmarkOptions<P extends string> {
  params?: readonly P[];
  /**
   * Overrides the suite's group for this benchmark, so an anchor can be measured in the same
   * process and right next to what it anchors (e.g. core/hash-raw/1KiB beside core/hash/1KiB).
   */
  group?: string;
}

/** A benchmark the harness times by calling `fn` in a loop. */
export interface TimedBenchmark<S, P extends string> extends SamplingOverrides, CommonBenchmarkOptions<P> {
  kind?: 'timed';
  /** Builds the state passed to `fn`; not timed. */
  setup?: (ctx: BenchContext<P>) => S | Promise<S>;
  /**
   * The measured function. Its return value goes to a black-box sink so the work cannot be
   * optimised away. Async functions are awaited one at a time.
   */
  fn: (state: S, ctx: BenchContext<P>) => unknown;
  teardown?: (state: S, ctx: BenchContext<P>) => unknown;
  throughput?: ThroughputSpec<S>;
  /** Free-form details recorded with the result. */
  details?: Record<string, string | number | boolean>;
}

/** What a custom measurement returns: samples it took itself, plus optional metrics. */
export interface CustomMeasurement {
  unit: SampleUnit;
  /** Independent samples in `unit` (e.g. per-request latencies, per-run rates). */
  samples: number[];
  /** Iterations behind each sample (defaults to 1 each). */
  iterations?: number[];
  /**
   * Default true for time-like units (ns, instructions, bytes), false for rates such as requests/s.
   * Required for a `ratio`: a ratio of times (store/raw) is better lower, a ratio of rates
   * (framed/raw MiB/s) higher, and a wrong default turns every regression into an improvement.
   */
  lowerIsBetter?: boolean;
  /** Which statistic to use as the estimate (default median). */
  statistic?: 'mean' | 'median';
  throughput?: { unit: ThroughputUnit; perIteration: number };
  metrics?: Record<string, Metric>;
  details?: Record<string, string | number | boolean>;
  warnings?: string[];
}

/**
 * Where one output of a multi-output custom benchmark goes: its id is
 * `<project>/<group>/<name>[/<param>]` with the benchmark's own group, name and param unless
 * overridden here.
 */
export interface OutputSpec {
  group?: string;
  name?: string;
}

/** What a multi-output custom benchmark's `measure` returns: one measurement per declared output. */
export type CustomMeasurements<K extends string> = Record<K, CustomMeasurement>;

/**
 * A benchmark that takes its own samples: load tests, end-to-end runs, ratios of two measurements.
 * The harness still computes statistics, CIs and outliers from what it returns.
 *
 * One measurement may serve several ids: declare them in `outputs` and return one
 * `CustomMeasurement` per key. IPC's paired framed/raw throughput, for example, gives the framed
 * rate, the raw pipe's rate and their ratio from the same interleaved run.
 */
export interface CustomBenchmark<S, P extends string> extends CommonBenchmarkOptions<P> {
  kind: 'custom';
  setup?: (ctx: BenchContext<P>) => S | Promise<S>;
  measure: (state: S, ctx: BenchContext<P>) => CustomMeasurement | Promise<CustomMeasurement>;
  teardown?: (state: S, ctx: BenchContext<P>) => unknown;
}

/** A custom benchmark whose one measurement yields several results, each with its own id. */
export interface MultiOutputBenchmark<S, P extends string, K extends string> extends CommonBenchmarkOptions<P> {
  kind: 'custom';
  outputs: Record<K, OutputSpec>;
  setup?: (ctx: BenchContext<P>) => S | Promise<S>;
  // K is inferred from `outputs` only, so the returned object is checked against the declared keys.
  measure: (state: S, ctx: BenchContext<P>) => CustomMeasurements<NoInfer<K>> | Promise<CustomMeasurements<NoInfer<K>>>;
  teardown?: (state: S, ctx: BenchContext<P>) => unknown;
}

export type BenchmarkDefinition<S, P extends string> =
  | TimedBenchmark<S, P>
  | CustomBenchmark<S, P>
  | MultiOutputBenchmark<S, P, string>;

/** Read-only view of finished results, given to goal evaluators. */
export interface GoalInput {
  /** The estimate's point value of a benchmark in its unit, or undefined if it did not run ok. */
  estimate(id: string): number | undefined;
  /** A metric of a benchmark, or undefined. */
  metric(id: string, name: string): number | undefined;
  /** Throughput per second of a benchmark (point), or undefined. */
  throughput(id: string): number | undefined;
}

export interface GoalDefinition {
  name: string;
  description: string;
  unit: string;
  target: number;
  benchmarks: string[];
  /** Returns the measured value, compared with `target` using `comparison`. */
  actual: (input: GoalInput) => number | undefined;
  comparison: '<' | '<=' | '>' | '>=';
}

/**
 * A command-line option the suite's benchmarks read (e.g. the ai lib's `--model <file.gguf>`).
 * bench-kit accepts on its command line only its own options and the ones the project's suites
 * declare; anything else is refused (exit 2) with a did-you-mean, so a typo never runs the
 * wrong thing. Declared options reach each benchmark process's `process.argv` as `--name=value`
 * (or `--name` for a boolean).
 */
export interface OptionDeclaration {
  /** `string` takes a value (`--model x.gguf` or `--model=x.gguf`); `boolean` does not. */
  type: 'string' | 'boolean';
  /** One line for `--help`. */
  description: string;
  /** What the value is, for `--help`: `--model <file.gguf>` (default `value`). */
  valueName?: string;
}

/**
 * A relative summary to print after the run's group: one line per declared pair, e.g.
 * `core/hash/64KiB ran 1.06× [1.01, 1.11] as fast as core/hash-raw/64KiB`, with a bootstrap CI.
 * Either two benchmarks of the same run (`anchor`: any id of the project, in any bench file), or a
 * benchmark whose samples already are ratios against something outside the run (`ratioTo`: what
 * it was compared with, e.g. `wrk`).
 */
export type ComparisonDeclaration = { subject: string; anchor: string } | { subject: string; ratioTo: string };

/** A registered benchmark before its parameters are expanded. */
export interface RegisteredBenchmark {
  name: string;
  definition: BenchmarkDefinition<unknown, string>;
}

export interface SuiteBuilder {
  /**
   * Register a benchmark named `name`: its id is `<project>/<group>/<name>[/<param>]`.
   * Parameters become the last part of the id. (One signature with a union, not overloads:
   * TypeScript fixes an arrow function's return type on the first overload it tries, which would
   * reject a multi-output `measure` or a single one, whichever came second.)
   */
  bench<S = undefined, P extends string = string, K extends string = string>(
    name: string,
    definition: TimedBenchmark<S, P> | CustomBenchmark<S, P> | MultiOutputBenchmark<S, P, K>,
  ): void;
  /**
   * Register an unnamed benchmark, where the group plus the parameter already say it all
   * (`core/hash/1KiB`): its id is `<project>/<group>[/<param>]`.
   */
  bench<S = undefined, P extends string = string, K extends string = string>(
    definition: TimedBenchmark<S, P> | CustomBenchmark<S, P> | MultiOutputBenchmark<S, P, K>,
  ): void;
  /** Register a goal checked after the suite ran, e.g. "parse medium < 60 µs". */
  goal(goal: GoalDefinition): void;
  /** Declare a command-line option the benchmarks read, e.g. `s.option('model', { type: 'string', ... })`. */
  option(name: string, declaration: OptionDeclaration): void;
  /**
   * Declare a relative summary: `s.compare('core/hash/64KiB', 'core/hash-raw/64KiB')` (two ids of
   * the run), or `s.compare('load/driver-calibration', { ratioTo: 'wrk' })` (samples already ratios).
   */
  compare(subject: string, anchor: string | { ratioTo: string }): void;
}

export interface Suite {
  readonly kind: 'workflow-bench-suite';
  readonly group: string;
  readonly benchmarks: readonly RegisteredBenchmark[];
  readonly goals: readonly GoalDefinition[];
  /** Options the benchmarks read from the command line (absent in suites from before declarations). */
  readonly options?: Readonly<Record<string, OptionDeclaration>>;
  /** Relative summaries to print after the run (absent in suites from before declarations). */
  readonly comparisons?: readonly ComparisonDeclaration[];
}

const GROUP_PATTERN = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const OPTION_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)+$/;

export function defineSuite(group: string, build: (s: SuiteBuilder) => void): Suite {
  if (!GROUP_PATTERN.test(group)) {
    throw new TypeError(`defineSuite: invalid group name ${JSON.stringify(group)} (letters, digits, . _ - and /)`);
  }
  const benchmarks: RegisteredBenchmark[] = [];
  const goals: GoalDefinition[] = [];
  const options: Record<string, OptionDeclaration> = {};
  const comparisons: ComparisonDeclaration[] = [];
  const builder: SuiteBuilder = {
    bench(nameOrDefinition: string | BenchmarkDefinition<unknown, string>, maybeDefinition?: BenchmarkDefinition<unknown, string>) {
      const name = typeof nameOrDefinition === 'string' ? nameOrDefinition : '';
      const definition = typeof nameOrDefinition === 'string' ? maybeDefinition : nameOrDefinition;
      if (!definition || typeof definition !== 'object') {
        throw new TypeError(`bench: no definition given for ${JSON.stringify(name)} in group ${group}`);
      }
      if (definition.group !== undefined && !GROUP_PATTERN.test(definition.group)) {
        throw new TypeError(`bench: invalid group ${JSON.stringify(definition.group)} for ${JSON.stringify(name)}`);
      }
      if (name !== '' && !NAME_PATTERN.test(name)) {
        throw new TypeError(`bench: invalid benchmark name ${JSON.stringify(name)} in group ${group}`);
      }
      if ('outputs' in definition && definition.outputs !== undefined) checkOutputs(group, name, definition.outputs);
      benchmarks.push({ name, definition });
    },
    goal(goal) {
      goals.push(goal);
    },
    option(name, declaration) {
      if (!OPTION_PATTERN.test(name)) {
        throw new TypeError(`option: invalid name ${JSON.stringify(name)} in group ${group} (lower-case words joined by -, without the leading --)`);
      }
      if (declaration?.type !== 'string' && declaration?.type !== 'boolean') {
        throw new TypeError(`option --${name} in group ${group}: type must be 'string' or 'boolean'`);
      }
      if (options[name]) throw new TypeError(`option --${name} declared twice in group ${group}`);
      options[name] = declaration;
    },
    compare(subject, anchor) {
      const other = typeof anchor === 'string' ? anchor : anchor?.ratioTo;
      if (!ID_PATTERN.test(subject)) throw new TypeError(`compare: ${JSON.stringify(subject)} in group ${group} is not a benchmark id`);
      if (typeof anchor === 'string' && !ID_PATTERN.test(anchor)) throw new TypeError(`compare: ${JSON.stringify(anchor)} in group ${group} is not a benchmark id`);
      if (typeof other !== 'string' || other === '' || other === subject) {
        throw new TypeError(`compare: ${JSON.stringify(subject)} in group ${group} needs a different anchor id or { ratioTo: '<what its ratios are against>' }`);
      }
      comparisons.push(typeof anchor === 'string' ? { subject, anchor } : { subject, ratioTo: other });
    },
  } as SuiteBuilder;
  build(builder);
  return { kind: 'workflow-bench-suite', group, benchmarks, goals, options, comparisons };
}

function checkOutputs(group: string, name: string, outputs: Record<string, OutputSpec>): void {
  const keys = Object.keys(outputs);
  if (keys.length === 0) throw new TypeError(`bench: ${JSON.stringify(name)} in group ${group} declares no outputs`);
  for (const key of keys) {
    const o = outputs[key];
    if (o.group !== undefined && !GROUP_PATTERN.test(o.group)) {
      throw new TypeError(`bench: invalid group ${JSON.stringify(o.group)} for output ${key} of ${JSON.stringify(name)}`);
    }
    if (o.name !== undefined && o.name !== '' && !NAME_PATTERN.test(o.name)) {
      throw new TypeError(`bench: invalid name ${JSON.stringify(o.name)} for output ${key} of ${JSON.stringify(name)}`);
    }
  }
}

/** Thrown by `ctx.skip()`; the runner records the benchmark as skipped with this reason. */
export class BenchSkip extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'BenchSkip';
  }
}

export type { GoalResult };
