import { parseArgs } from 'node:util';
import { BadInputError } from '../input/bad-input-error.ts';
import { DEFAULT_MAX_INPUT_MIB, MAX_SAMPLES_PER_BENCHMARK } from '../input/input-limits.ts';
import type { ThresholdConfig } from '../verdict/thresholds.ts';

export const HELP = `bench-report: merged benchmark reports, baselines and regression verdicts

Usage:
  bench-report report [--output-dir reports] [--format html,markdown,json] [--baseline <file>]
                      [--detect-regressions] [--threshold 10] [--threshold-instructions 2]
  bench-report save-baseline <file>
  bench-report compare [--baseline <file>] [--threshold 10] [--threshold-instructions 2] [--allow-missing]
  bench-report report --results-dir <dir>       (also compare: several machines, merged)

Commands:
  report          Merge every libs/*/ and apps/*/ bench-results/latest.json (wall time) and
                  bench-results/instructions.json (instruction counts, bench-kit --measure
                  instructions); results are keyed by (id, measure). Projects with a bench target
                  but no results are listed as "not run". Writes
                  <output-dir>/benchmark_report.{json,md,html}, pr-comment.md, bencher.json,
                  github-action-benchmark.json (customSmallerIsBetter; -bigger.json for rates),
                  and appends the run's summary to <output-dir>/history/.
                  Exits 1 on a regression or missed target ONLY with --detect-regressions.
  save-baseline   Write a baseline from the current results, samples included (one entry per
                  id and measure, so wall time and instructions of one benchmark both fit).
                  Entries in <file> are never lost: those these results measured get the new
                  samples (targets, thresholds, descriptions kept); those they do not cover
                  (not run, filtered, failed, skipped) keep their earlier samples, and the
                  command lists them. Empty results are refused (exit 2).
  compare         Print the comparison and verdict table only (writes nothing).
                  Always exits 1 on a regression or a missed target.

Options:
  --baseline <file>             Baseline to compare with. Default: chosen by hardware (an NVIDIA
                                RTX 3080 or other NVIDIA GPU: baselines/baseline_rtx3080.json;
                                no GPU / non-NVIDIA adapters only: baselines/baseline_cpu_only.json).
  --threshold <percent>         Threshold for wall time, custom measures included (default 10). A benchmark
                                is "regressed" when significant (Benjamini-Hochberg, FDR 5%) and the
                                whole 95% CI of its change lies above +threshold/2; "unchanged" when
                                the CI lies inside ±threshold. Per-benchmark thresholds in the
                                baseline override it. See apps/bench-report/README.md.
  --threshold-instructions <p>  Threshold for instruction counts (default 2). Their verdict uses
                                each region pair as a unit and Welch's t (see the README).
  --detect-regressions          report: exit 1 on a regression, a missed target or a missing
                                required benchmark.
  --allow-missing               Do not fail when a required baseline benchmark (one with a target,
                                or "required": true) is missing from its project's results. Missing
                                benchmarks are always listed; without this flag only the run's
                                recorded --filter or a project that did not run at all explains one.
  --max-input-mb <n>            Refuse results and baseline files larger than this before reading
                                them (default ${DEFAULT_MAX_INPUT_MIB}). Each benchmark keeps at most
                                ${MAX_SAMPLES_PER_BENCHMARK} samples (evenly thinned within each round, recorded
                                in the report and in saved baselines as thinnedFrom).
  --output-dir <dir>            report: where to write (default <workspace>/reports).
  --format <list>               report: any of html,markdown,json (default all three).
  --results <file>              Use this results file instead of discovering them (repeatable).
  --results-dir <dir>           report, compare: results of several machines, e.g. one folder per CI
                                job (every latest.json / instructions.json below <dir>), grouped by
                                hardware fingerprint. Each machine is compared with the baseline its
                                own GPUs select (unless --baseline), and the run passes when every
                                machine does. report writes the merged page (machines, the same ids
                                across machines as multiples of the fastest, one section per machine)
                                and each machine's full report under <output-dir>/machines/<fp>/.
  --root <dir>                  Workspace root (default: nearest directory with nx.json).
  --skip-history                report: do not append to <output-dir>/history/.
  --profiling-index <file>      report: profiling artefacts to list (default
                                <workspace>/reports/profiling/index.json, written by libs/profiling;
                                absent or unreadable is a warning in the report, never an error).
  -h, --help                    This help.

Exit codes: 0 pass; 1 a regression, a missed target or a missing required benchmark; 2 bad input
(missing, empty, oversized or corrupt results or baseline, bad option); 3 internal error.
`;

export type Command = 'report' | 'save-baseline' | 'compare';
export type Format = 'html' | 'markdown' | 'json';

export interface CliOptions {
  command: Command | 'help';
  file?: string;
  baseline?: string;
  outputDir?: string;
  formats: Format[];
  detectRegressions: boolean;
  thresholds: Partial<ThresholdConfig>;
  results: string[];
  root?: string;
  skipHistory: boolean;
  profilingIndex?: string;
  /** Results of several machines (a hardware matrix), one folder per CI job. */
  resultsDir?: string;
  allowMissing: boolean;
  maxInputMiB: number;
}

const percent = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n >= 1000) throw new BadInputError('command line', `--${name}`, `expected a percentage > 0, got ${JSON.stringify(value)}`);
  return n;
};

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        baseline: { type: 'string' },
        'output-dir': { type: 'string' },
        format: { type: 'string' },
        'detect-regressions': { type: 'boolean' },
        threshold: { type: 'string' },
        'threshold-instructions': { type: 'string' },
        results: { type: 'string', multiple: true },
        root: { type: 'string' },
        'skip-history': { type: 'boolean' },
        'profiling-index': { type: 'string' },
        'allow-missing': { type: 'boolean' },
        'results-dir': { type: 'string' },
        'max-input-mb': { type: 'string' },
      },
    });
  } catch (err) {
    throw new BadInputError('command line', undefined, `${(err as Error).message} (see --help)`);
  }
  const { values, positionals } = parsed;
  const base = {
    formats: ['html', 'markdown', 'json'] as Format[],
    detectRegressions: values['detect-regressions'] ?? false,
    results: values.results ?? [],
    skipHistory: values['skip-history'] ?? false,
    thresholds: {} as Partial<ThresholdConfig>,
    allowMissing: values['allow-missing'] ?? false,
    maxInputMiB: DEFAULT_MAX_INPUT_MIB,
  };
  if (values.help || positionals.length === 0) return { ...base, command: 'help' };
  const [command, ...rest] = positionals;
  if (command !== 'report' && command !== 'save-baseline' && command !== 'compare') {
    throw new BadInputError('command line', undefined, `unknown command ${JSON.stringify(command)} (expected report, save-baseline or compare; see --help)`);
  }
  if (command === 'save-baseline' && rest.length !== 1) throw new BadInputError('command line', 'save-baseline', 'expects exactly one <file>');
  if (command !== 'save-baseline' && rest.length > 0) throw new BadInputError('command line', command, `unexpected argument ${JSON.stringify(rest[0])}`);
  let formats = base.formats;
  if (values.format !== undefined) {
    const list = values.format.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean).map((f) => (f === 'md' ? 'markdown' : f));
    const bad = list.find((f) => f !== 'html' && f !== 'markdown' && f !== 'json');
    if (bad !== undefined || list.length === 0) throw new BadInputError('command line', '--format', `expected a list of html, markdown, json; got ${JSON.stringify(values.format)}`);
    formats = [...new Set(list)] as Format[];
  }
  if (values['results-dir'] !== undefined) {
    if (command === 'save-baseline') throw new BadInputError('command line', '--results-dir', 'save-baseline saves the results of one machine: pass them with --results');
    if (values.results !== undefined) throw new BadInputError('command line', '--results-dir', 'use either --results or --results-dir, not both');
  }
  let maxInputMiB = DEFAULT_MAX_INPUT_MIB;
  if (values['max-input-mb'] !== undefined) {
    maxInputMiB = Number(values['max-input-mb']);
    if (!(maxInputMiB > 0) || !Number.isFinite(maxInputMiB)) {
      throw new BadInputError('command line', '--max-input-mb', `expected a size in MiB > 0, got ${JSON.stringify(values['max-input-mb'])}`);
    }
  }
  const time = percent('threshold', values.threshold);
  const instructions = percent('threshold-instructions', values['threshold-instructions']);
  const thresholds: Partial<ThresholdConfig> = {};
  if (time !== undefined) thresholds.time = time;
  if (instructions !== undefined) thresholds.instructions = instructions;
  return {
    ...base,
    command,
    ...(command === 'save-baseline' ? { file: rest[0] } : {}),
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    ...(values['output-dir'] !== undefined ? { outputDir: values['output-dir'] } : {}),
    ...(values.root !== undefined ? { root: values.root } : {}),
    ...(values['profiling-index'] !== undefined ? { profilingIndex: values['profiling-index'] } : {}),
    ...(values['results-dir'] !== undefined ? { resultsDir: values['results-dir'] } : {}),
    formats,
    thresholds,
    maxInputMiB,
  };
}
