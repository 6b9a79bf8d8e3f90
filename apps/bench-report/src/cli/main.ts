import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomicSync, type GpuInfo } from '@workflow-bench/bench-kit';
import { detectGpus } from '../baseline/choose-baseline.ts';
import { selectBaseline } from '../baseline/load-baseline.ts';
import { makeBaseline } from '../baseline/make-baseline.ts';
import { validateBaseline } from '../baseline/validate-baseline.ts';
import { BadInputError } from '../input/bad-input-error.ts';
import { loadRun, type LoadedRun } from '../input/load-results.ts';
import { readJsonFile } from '../input/read-json.ts';
import { loadProfilingSection } from '../profiling/profiling-index.ts';
import { buildReport } from '../report/build-report.ts';
import { DEFAULT_POLICY } from '../verdict/outcome.ts';
import { findWorkspaceRoot } from '../workspace/find-root.ts';
import { HELP, parseCli, type CliOptions } from './options.ts';
import { runMatrix } from './matrix-command.ts';
import { renderTable } from './table.ts';
import { renderPairedTable } from './paired-table.ts';
import { evaluatePaired, type PairedVerdict } from '../verdict/paired.ts';
import { renderReport, writeOutputs } from './write-report.ts';

export const EXIT = { pass: 0, fail: 1, badInput: 2, internal: 3 } as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** GPUs of this machine, used only when no results file says what the machine was. */
  detectGpus: () => Promise<GpuInfo[]>;
  now: () => Date;
}

const defaultIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  cwd: process.cwd(),
  detectGpus,
  now: () => new Date(),
};

/** Runs the CLI and returns its exit code (0 pass, 1 fail, 2 bad input, 3 internal error). */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const env: CliIo = { ...defaultIo, ...io };
  try {
    const options = parseCli(argv);
    if (options.command === 'help') {
      env.stdout(HELP);
      return EXIT.pass;
    }
    const root = options.root ? resolve(env.cwd, options.root) : findWorkspaceRoot(env.cwd);
    if (options.resultsDir !== undefined) {
      const { matrix } = await runMatrix(options, root, env);
      if (options.command === 'compare') return matrix.summary.pass ? EXIT.pass : EXIT.fail;
      if (!matrix.summary.pass && !options.detectRegressions) env.stdout('(exit 0: pass --detect-regressions to fail when a machine fails)\n');
      return options.detectRegressions && !matrix.summary.pass ? EXIT.fail : EXIT.pass;
    }
    const results = options.results.map((f) => resolve(env.cwd, f));
    const run = loadRun(root, results, { maxInputMiB: options.maxInputMiB });
    if (run.files.length === 0 && run.comparisons.length === 0) {
      throw new BadInputError(join(root, '{libs,apps}/*/bench-results/latest.json'), undefined, 'no results found: run `npx nx run-many -t bench -c quick` first');
    }
    if (options.command === 'save-baseline') {
      if (run.files.length === 0) throw new BadInputError(run.comparisons[0].file, 'kind', 'save-baseline needs results files (latest.json), not --against comparisons');
      return saveBaseline(options, run, env);
    }
    // Paired comparisons (--against) need no baseline: both revisions ran in the same processes.
    const paired: PairedVerdict[] = evaluatePaired(run.comparisons.flatMap((c) => c.comparison.benchmarks), { thresholds: options.thresholds, policy: DEFAULT_POLICY });
    const pairedFail = paired.some((v) => v.outcome === 'regressed');
    if (run.files.length === 0) {
      if (options.command === 'compare') {
        env.stdout(renderPairedTable(run.comparisons, paired));
        return pairedFail ? EXIT.fail : EXIT.pass;
      }
    }
    const gpus = async () => {
      const fromResults = run.files.flatMap((f) => f.results.environment.gpus);
      return run.files.length > 0 ? fromResults : env.detectGpus();
    };
    const selection = await selectBaseline(root, options.baseline && resolve(env.cwd, options.baseline), gpus, options.maxInputMiB);
    const reportOptions = { thresholds: options.thresholds, policy: DEFAULT_POLICY, now: env.now(), allowMissing: options.allowMissing };
    if (options.command === 'compare') {
      const report = buildReport(run, selection, reportOptions);
      env.stdout(renderTable(report));
      if (run.comparisons.length > 0) env.stdout('\n' + renderPairedTable(run.comparisons, paired));
      return report.summary.pass && !pairedFail ? EXIT.pass : EXIT.fail;
    }
    const outputDir = options.outputDir ? resolve(env.cwd, options.outputDir) : join(root, 'reports');
    const indexFile = options.profilingIndex ? resolve(env.cwd, options.profilingIndex) : join(root, 'reports', 'profiling', 'index.json');
    const profiling = loadProfilingSection(indexFile, outputDir, root);
    for (const w of profiling.warnings) env.stderr(`bench-report: warning: ${w}\n`);
    const report = buildReport(run, selection, { ...reportOptions, profiling });
    writeOutputs([renderReport(report, selection.used?.baseline.benchmarks ?? [], outputDir, options, env, { comparisons: run.comparisons, verdicts: paired })], env);
    env.stdout(renderTable(report));
    if (run.comparisons.length > 0) env.stdout('\n' + renderPairedTable(run.comparisons, paired));
    const pass = report.summary.pass && !pairedFail;
    if (!pass && !options.detectRegressions) env.stdout('(exit 0: pass --detect-regressions to fail on regressions, missed targets and missing required benchmarks)\n');
    return options.detectRegressions && !pass ? EXIT.fail : EXIT.pass;
  } catch (err) {
    if (err instanceof BadInputError) {
      env.stderr(`bench-report: bad input: ${err.message}\n`);
      return EXIT.badInput;
    }
    env.stderr(`bench-report: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.internal;
  }
}

function saveBaseline(options: CliOptions, run: LoadedRun, env: CliIo): number {
  const target = resolve(env.cwd, options.file!);
  const previous = existsSync(target) ? validateBaseline(options.file!, readJsonFile(target, options.maxInputMiB)) : null;
  const name = /baseline_([^/\\]+)\.json$/.exec(target)?.[1] ?? 'custom';
  const { baseline, saved, kept } = makeBaseline(run.files, previous, name, env.now());
  if (saved === 0) {
    // Nothing measured (every benchmark failed or was skipped): there is nothing to save, and the file stays as it was.
    throw new BadInputError(run.files.map((f) => f.file).join(', '), undefined, `no benchmark with status "ok" to save into ${options.file}; the file was not changed`);
  }
  writeFileAtomicSync(target, JSON.stringify(baseline, null, 2) + '\n');
  env.stdout(`Saved ${saved} benchmark(s) with samples to ${options.file}${previous ? ' (targets and thresholds kept)' : ''}\n`);
  if (kept.length > 0) {
    const otherHardware = previous?.environment && baseline.environment && previous.environment.hardwareFingerprint !== baseline.environment.hardwareFingerprint;
    env.stdout(
      `Kept the earlier samples of ${kept.length} benchmark(s) these results do not cover: ${kept.join(', ')}` +
        `${otherHardware ? ` (saved on other hardware, ${previous!.environment!.hardwareFingerprint}: save to a new file to start afresh)` : ''}\n`,
    );
  }
  return EXIT.pass;
}
