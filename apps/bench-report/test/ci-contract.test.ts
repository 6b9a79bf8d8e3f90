import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { EnvironmentInfo } from '@workflow-bench/bench-kit';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { PR_COMMENT_MARKER } from '../src/report/markdown.ts';
import type { MatrixReport } from '../src/report/matrix.ts';
import { CORE_SPECS, ENVIRONMENT, makeWorkspace, syntheticInstructionResults, syntheticResults } from './support/fixtures.ts';

/**
 * What the CI files (.github/workflows/bench.yml, .gitlab-ci.yml) expect of bench-report: the PR
 * comment's marker, and the folder layout their matrix jobs leave for `--results-dir`. Their job and
 * step structure is checked in tools/nx-bench/test/ci-config.test.ts.
 */
const WORKSPACE = join(import.meta.dirname, '..', '..', '..');
type Step = { uses?: string; run?: string; with?: Record<string, string> };
const github = parse(readFileSync(join(WORKSPACE, '.github/workflows/bench.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
const gitlab = parse(readFileSync(join(WORKSPACE, '.gitlab-ci.yml'), 'utf8')) as Record<string, { script?: string[]; after_script?: string[]; parallel?: { matrix: Record<string, string>[] } }>;

const CPU: EnvironmentInfo = { ...ENVIRONMENT, hardwareFingerprint: 'fp-ci-cpu' };
const GPU: EnvironmentInfo = { ...ENVIRONMENT, gpus: [{ vendor: 'NVIDIA', model: 'GeForce RTX 3080', vramMiB: 10240 }], hardwareFingerprint: 'fp-ci-gpu' };

/** A workspace with both profiles' baselines measured, and the results each machine's job would produce. */
async function workspace() {
  const root = makeWorkspace({});
  const quiet = { cwd: root, stdout: () => {}, stderr: () => {}, detectGpus: async () => [] };
  const results = {
    cpu: { latest: syntheticResults('core', CORE_SPECS, { seed: 1, environment: CPU }), instructions: { ...syntheticInstructionResults('core', CORE_SPECS, { seed: 2 }), environment: CPU } },
    gpu: { latest: syntheticResults('core', CORE_SPECS, { seed: 3, environment: GPU }), instructions: null },
  };
  for (const [machine, profile] of [['cpu', 'cpu_only'], ['gpu', 'rtx3080']] as const) {
    const file = join(root, 'earlier', `${machine}.json`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(syntheticResults('core', CORE_SPECS, { seed: 10, environment: machine === 'cpu' ? CPU : GPU })));
    expect(await main(['save-baseline', `baselines/baseline_${profile}.json`, '--results', file], quiet)).toBe(0);
  }
  return { root, results, quiet };
}

function put(file: string, content: unknown) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(content));
}

/** The bench-report arguments of the first `npx bench-report ...` line that has `--results-dir`. */
const reportArgs = (lines: string[]) => lines.find((l) => l.includes('bench-report report --results-dir'))!.replace(/^npx bench-report /, '').split(/\s+/);

describe('the CI files and bench-report agree', () => {
  it('both post the comment found by the marker that pr-comment.md starts with', () => {
    const prefix = '<!-- workflow-bench:';
    expect(PR_COMMENT_MARKER.startsWith(prefix)).toBe(true);
    const script = github.jobs['pr-compare'].steps.find((s) => s.uses?.startsWith('actions/github-script'))!.with!.script;
    expect(script).toContain(`startsWith('${prefix}')`);
    expect(gitlab['bench:merge-request'].after_script!.join('\n')).toContain(`startsWith("${prefix}")`);
  });

  it('GitHub: the artifacts the matrix jobs upload, downloaded one folder each, make the merged report of both machines', async () => {
    const { root, results, quiet } = await workspace();
    const upload = github.jobs.bench.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!.with!;
    const download = github.jobs.report.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!.with!;
    for (const machine of ['cpu', 'gpu'] as const) {
      // download-artifact puts each artifact in <path>/<artifact name>/, its files under their paths.
      const folder = join(root, download.path, upload.name.replace('${{ matrix.machine }}', machine));
      for (const pattern of upload.path.trim().split('\n')) {
        const content = pattern.endsWith('instructions.json') ? results[machine].instructions : results[machine].latest;
        if (content && pattern.startsWith('libs/')) put(join(folder, pattern.replace('*', 'core')), content);
      }
    }
    const args = reportArgs(github.jobs.report.steps.flatMap((s) => (s.run ? s.run.split('\n') : [])));
    expect(args).toEqual(['report', '--results-dir', 'artifacts/', '--detect-regressions']);
    expect(await main(args, quiet)).toBe(0);
    const matrix = JSON.parse(readFileSync(join(root, 'reports', 'benchmark_report.json'), 'utf8')) as MatrixReport;
    expect(matrix.machines.map((m) => [m.label, m.report.baseline?.name, m.report.benchmarks.length])).toEqual([
      ['bench-results-cpu', 'cpu_only', 2 * CORE_SPECS.length],
      ['bench-results-gpu', 'rtx3080', CORE_SPECS.length],
    ]);
    const gab = JSON.parse(readFileSync(join(root, 'reports', 'github-action-benchmark.json'), 'utf8')) as { name: string }[];
    expect(gab.length).toBeGreaterThan(0);
  });

  it('GitLab: what each parallel:matrix job copies into artifacts/<MACHINE>/ makes the merged report of both machines', async () => {
    const { root, results, quiet } = await workspace();
    const job = gitlab['bench:matrix'];
    const copy = job.after_script!.join('\n');
    expect(copy).toContain('cp --parents "$f" "artifacts/$MACHINE/"');
    for (const { MACHINE } of job.parallel!.matrix) {
      const machine = MACHINE as 'cpu' | 'gpu';
      put(join(root, 'artifacts', machine, 'libs/core/bench-results/latest.json'), results[machine].latest);
      if (results[machine].instructions) put(join(root, 'artifacts', machine, 'libs/core/bench-results/instructions.json'), results[machine].instructions);
    }
    const args = reportArgs(gitlab['report:matrix'].script!);
    expect(await main(args, quiet)).toBe(0);
    const matrix = JSON.parse(readFileSync(join(root, 'reports', 'benchmark_report.json'), 'utf8')) as MatrixReport;
    expect(matrix.machines.map((m) => [m.label, m.report.baseline?.name])).toEqual([
      ['cpu', 'cpu_only'],
      ['gpu', 'rtx3080'],
    ]);
  });
});
