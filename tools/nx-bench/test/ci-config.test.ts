import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKSPACE_ROOT } from './support/workspace-copy.ts';

interface GithubStep {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface GithubWorkflow {
  on: Record<string, unknown>;
  jobs: Record<string, { 'runs-on': unknown; if?: string; permissions?: Record<string, string>; steps: GithubStep[] }>;
}
type GitlabJob = Record<string, unknown> & { script?: string[]; before_script?: string[]; after_script?: string[]; artifacts?: { paths?: string[]; expire_in?: string }; rules?: Array<{ if?: string }>; variables?: Record<string, string>; extends?: string };

const github = parse(readFileSync(join(WORKSPACE_ROOT, '.github/workflows/bench.yml'), 'utf8')) as GithubWorkflow;
const gitlab = parse(readFileSync(join(WORKSPACE_ROOT, '.gitlab-ci.yml'), 'utf8')) as Record<string, unknown>;
const GITLAB_KEYWORDS = new Set(['workflow', 'stages', 'variables', 'default', 'include', 'image', 'services', 'cache']);
const gitlabJobs = Object.entries(gitlab).filter(([k]) => !GITLAB_KEYWORDS.has(k)) as Array<[string, GitlabJob]>;

const githubCommands = Object.values(github.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? s.run.split('\n') : [])));
const gitlabCommands = gitlabJobs.flatMap(([, j]) => [...(j.before_script ?? []), ...(j.script ?? []), ...(j.after_script ?? [])].flatMap((l) => l.split('\n')));

/** Every `npx ...`/`npm ...` invocation in a shell line (one line may chain several with ||, &&). */
function invocations(line: string): string[][] {
  return [...line.matchAll(/\b(npx|npm)\s+([^|&;]+)/g)].map((m) => [m[1], ...m[2].trim().split(/\s+/)]);
}

/** `-t a,b` / `--target=a` and `-c x` / `--configuration=x` of an nx command line. */
function flagValues(args: string[], short: string, long: string): string[] {
  const values: string[] = [];
  args.forEach((a, i) => {
    if (a === short || a === long) values.push(args[i + 1]);
    else if (a.startsWith(`${long}=`)) values.push(a.slice(long.length + 1));
  });
  return values.flatMap((v) => v.split(','));
}

interface GraphTargets {
  /** target name → configurations any project declares for it */
  targets: Map<string, Set<string>>;
}
let graph: GraphTargets;
let benchReportHelp = '';
const rootPkg = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

beforeAll(() => {
  // The project graph as Nx computes it (plugin inference included): the only honest source for
  // "does this target exist".
  const dir = mkdtempSync(join(tmpdir(), 'nx-bench-graph-'));
  try {
    const file = join(dir, 'graph.json');
    execFileSync(process.execPath, [join(WORKSPACE_ROOT, 'node_modules/nx/dist/bin/nx.js'), 'graph', `--file=${file}`], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'pipe',
    });
    const nodes = (JSON.parse(readFileSync(file, 'utf8')) as { graph: { nodes: Record<string, { data: { targets?: Record<string, { configurations?: Record<string, unknown> }> } }> } }).graph.nodes;
    const targets = new Map<string, Set<string>>();
    for (const n of Object.values(nodes)) {
      for (const [t, cfg] of Object.entries(n.data.targets ?? {})) {
        const set = targets.get(t) ?? new Set<string>();
        for (const c of Object.keys(cfg.configurations ?? {})) set.add(c);
        targets.set(t, set);
      }
    }
    graph = { targets };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pkg = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'apps/bench-report/package.json'), 'utf8')) as { bin?: Record<string, string> | string };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['bench-report'];
  if (bin && existsSync(resolve(WORKSPACE_ROOT, 'apps/bench-report', bin))) {
    benchReportHelp = execFileSync(process.execPath, ['--import', 'tsx', resolve(WORKSPACE_ROOT, 'apps/bench-report', bin), '--help'], { cwd: WORKSPACE_ROOT, stdio: 'pipe' }).toString();
  }
}, 180_000);

function checkCommands(lines: string[]): string[] {
  const checked: string[] = [];
  for (const line of lines) {
    for (const [tool, ...args] of invocations(line)) {
      const text = `${tool} ${args.join(' ')}`;
      if (tool === 'npm') {
        if (args[0] === 'run') expect(rootPkg.scripts, text).toHaveProperty([args[1]]);
        else expect(['ci', 'install'], text).toContain(args[0]);
      } else if (args[0] === 'nx') {
        expect(['affected', 'run-many', 'run'], text).toContain(args[1]);
        const targets = flagValues(args, '-t', '--target');
        expect(targets.length, `${text}: no target`).toBeGreaterThan(0);
        for (const t of targets) {
          expect(graph.targets.has(t), `${text}: no project has a "${t}" target`).toBe(true);
          for (const c of flagValues(args, '-c', '--configuration')) expect([...graph.targets.get(t)!], `${text}: configuration ${c}`).toContain(c);
          // Benches disturb each other: one at a time, always.
          if (t === 'bench') expect(args, `${text}: benches must run with --parallel=1`).toContain('--parallel=1');
        }
      } else if (args[0] === 'bench-report') {
        expect(benchReportHelp, 'apps/bench-report has a runnable bin').not.toBe('');
        expect(benchReportHelp, text).toContain(`bench-report ${args[1]}`);
        for (const flag of args.slice(2).filter((a) => a.startsWith('--'))) expect(benchReportHelp, `${text}: ${flag}`).toContain(flag.split('=')[0]);
      } else {
        throw new Error(`${text}: unknown tool ${args[0]}`);
      }
      checked.push(text);
    }
  }
  return checked;
}

describe('.github/workflows/bench.yml', () => {
  const steps = Object.values(github.jobs).flatMap((j) => j.steps);
  const jobSteps = (job: string) => github.jobs[job].steps;
  const uses = (prefix: string, list = steps) => list.find((s) => s.uses?.startsWith(prefix));
  const runs = (job: string) => jobSteps(job).flatMap((s) => (s.run ? s.run.split('\n') : []));

  it('runs on pull requests, weekly and by hand', () => {
    expect(Object.keys(github.on).sort()).toEqual(['pull_request', 'schedule', 'workflow_dispatch']);
    expect((github.on.schedule as Array<{ cron: string }>)[0].cron).toMatch(/^\S+ \S+ \* \* \d$/);
    expect(Object.keys(github.jobs).sort()).toEqual(['bench', 'pr-compare', 'report']);
  });

  it('pull requests: affected projects benched against the base (paired), one comment updated in place', () => {
    const job = github.jobs['pr-compare'];
    expect(job.if).toBe("github.event_name == 'pull_request'");
    expect(job.permissions).toMatchObject({ 'pull-requests': 'write' });
    expect(uses('actions/checkout@v4', job.steps)?.with?.['fetch-depth']).toBe(0);
    expect(uses('actions/setup-node@v4', job.steps)?.with?.['node-version']).toBe(20);
    const order = job.steps.map((s) => s.uses?.split('@')[0] ?? s.run);
    const at = (x: string) => order.indexOf(x);
    expect(at('nrwl/nx-set-shas')).toBeGreaterThan(-1);
    expect(at('npx nx affected -t bench -c compare --parallel=1 --outputStyle=stream')).toBeGreaterThan(at('nrwl/nx-set-shas'));
    expect(at('npx bench-report report --skip-history')).toBeGreaterThan(at('npx nx affected -t bench -c compare --parallel=1 --outputStyle=stream'));
    const comment = uses('actions/github-script@v7', job.steps)!;
    expect(at('actions/github-script')).toBeGreaterThan(at('npx bench-report report --skip-history'));
    const script = String(comment.with?.script);
    for (const part of ["readFileSync('reports/pr-comment.md'", "startsWith('<!-- workflow-bench:')", 'github.paginate(github.rest.issues.listComments', 'updateComment', 'createComment']) {
      expect(script, part).toContain(part);
    }
    // Steps after the gate run even when it failed, so the comment and the artifacts still appear.
    for (const s of job.steps.slice(at('npx nx affected -t bench -c compare --parallel=1 --outputStyle=stream') + 1)) expect(s.if, s.name).toMatch(/!cancelled\(\)/);
    expect(uses('actions/upload-artifact@v4', job.steps)?.with?.path).toBe('reports/');
    expect(runs('pr-compare')).toContain('cat reports/benchmark_report.md >> "$GITHUB_STEP_SUMMARY"');
  });

  it('weekly: a CPU job on ubuntu-latest and a self-hosted GPU job (only when a gpu runner is declared), each uploading its results', () => {
    const job = github.jobs.bench as (typeof github.jobs)[string] & { strategy: { 'fail-fast': boolean; matrix: { machine: string } } };
    expect(job.if).toBe("github.event_name != 'pull_request'");
    expect(job.strategy['fail-fast']).toBe(false);
    expect(job.strategy.matrix.machine).toBe(`\${{ fromJSON(vars.GPU_RUNNER == 'true' && '["cpu", "gpu"]' || '["cpu"]') }}`);
    expect(job['runs-on']).toBe(`\${{ matrix.machine == 'gpu' && fromJSON('["self-hosted", "gpu"]') || 'ubuntu-latest' }}`);
    expect(runs('bench')).toContain('npx nx run-many -t bench --parallel=1 --outputStyle=stream');
    const upload = uses('actions/upload-artifact@v4', job.steps)!;
    expect(upload.with?.name).toBe('bench-results-${{ matrix.machine }}');
    expect(String(upload.with?.path).trim().split('\n')).toEqual([
      'libs/*/bench-results/latest.json',
      'libs/*/bench-results/instructions.json',
      'apps/*/bench-results/latest.json',
      'apps/*/bench-results/instructions.json',
    ]);
  });

  it('weekly: a last job downloads every machine and runs the merged report, keeps the history and feeds github-action-benchmark', () => {
    const job = github.jobs.report as (typeof github.jobs)[string] & { needs: string; permissions: Record<string, string> };
    expect(job.needs).toBe('bench');
    expect(job.if).toMatch(/!cancelled\(\)/);
    expect(job.permissions).toMatchObject({ contents: 'write' });
    const names = job.steps.map((s) => s.name ?? s.uses ?? s.run);
    const at = (prefix: string) => names.findIndex((n) => n?.startsWith(prefix));
    expect(uses('actions/download-artifact@v4', job.steps)?.with).toMatchObject({ pattern: 'bench-results-*', path: 'artifacts/' });
    expect(runs('report')).toContain('npx bench-report report --results-dir artifacts/ --detect-regressions');
    expect(at('Restore the report history')).toBeLessThan(at('Merged report'));
    expect(at('Save the report history')).toBeGreaterThan(at('Merged report'));
    const gab = job.steps.filter((s) => s.uses === 'benchmark-action/github-action-benchmark@v1');
    expect(gab.map((s) => [s.with?.tool, s.with?.['output-file-path']])).toEqual([
      ['customSmallerIsBetter', 'reports/github-action-benchmark.json'],
      ['customBiggerIsBetter', 'reports/github-action-benchmark-bigger.json'],
    ]);
  });

  it('runs only commands that exist in this workspace', () => {
    expect(checkCommands(githubCommands).length).toBeGreaterThanOrEqual(7);
  });
});

describe('.gitlab-ci.yml', () => {
  const rules = (gitlab.workflow as { rules: Array<{ if: string }> }).rules.map((r) => r.if);
  const job = (name: string) => gitlab[name] as GitlabJob;

  it('runs for merge requests and schedules', () => {
    expect(rules).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"', '$CI_PIPELINE_SOURCE == "schedule"']);
    expect((gitlab.variables as Record<string, string>).GIT_DEPTH).toBe('0');
    expect(gitlabJobs.map(([k]) => k).sort()).toEqual(['.bench', 'bench:matrix', 'bench:merge-request', 'report:matrix']);
  });

  it('merge requests: affected projects against the MR base (paired), then one note updated in place', () => {
    const mr = job('bench:merge-request');
    expect(mr.extends).toBe('.bench');
    expect(mr.variables).toMatchObject({ NX_BASE: '$CI_MERGE_REQUEST_DIFF_BASE_SHA', NX_HEAD: '$CI_COMMIT_SHA' });
    expect(mr.script).toContain('npx nx affected -t bench -c compare --parallel=1 --outputStyle=stream');
    const after = mr.after_script!.join('\n');
    expect(mr.after_script).toContain('npx bench-report report --skip-history');
    for (const part of ['reports/pr-comment.md', 'startsWith("<!-- workflow-bench:")', 'merge_requests/${process.env.CI_MERGE_REQUEST_IID}/notes', 'PUT', 'POST', 'BENCH_REPORT_TOKEN']) expect(after, part).toContain(part);
    expect(mr.artifacts).toMatchObject({ when: 'always', paths: ['reports/'] });
  });

  it('schedules: a parallel:matrix of a CPU and a GPU machine (the GPU one only with GPU_RUNNER), then the merged report', () => {
    const matrix = job('bench:matrix') as GitlabJob & { parallel: { matrix: Record<string, string>[] }; tags: string[] };
    expect(matrix.extends).toBe('.bench');
    expect(matrix.parallel.matrix).toEqual([
      { MACHINE: 'cpu', RUNNER_TAG: 'benchmark' },
      { MACHINE: 'gpu', RUNNER_TAG: 'gpu' },
    ]);
    expect(matrix.tags).toEqual(['$RUNNER_TAG']);
    expect(matrix.rules![0]).toEqual({ if: '$CI_PIPELINE_SOURCE == "schedule" && $MACHINE == "gpu" && $GPU_RUNNER != "true"', when: 'never' });
    expect(matrix.script).toContain('npx nx run-many -t bench --parallel=1 --outputStyle=stream');
    expect(matrix.artifacts).toMatchObject({ when: 'always', paths: ['artifacts/'] });
    const report = job('report:matrix') as GitlabJob & { needs: Array<{ job: string; artifacts: boolean }>; stage: string; cache: Array<{ key: unknown; paths: string[] }> };
    expect(report.stage).toBe('report');
    expect(report.needs).toEqual([{ job: 'bench:matrix', artifacts: true, optional: true }]);
    expect(report.script).toEqual(['npx bench-report report --results-dir artifacts/ --detect-regressions']);
    expect(report.cache.find((c) => c.key === 'bench-report-history')?.paths).toEqual(['reports/machines/*/history/']);
  });

  it('runs only commands that exist in this workspace', () => {
    expect(checkCommands(gitlabCommands).length).toBeGreaterThanOrEqual(7);
  });
});

describe('the command check itself', () => {
  it('rejects targets, configurations, scripts and report commands that do not exist', () => {
    expect(() => checkCommands(['npx nx affected -t bnch --parallel=1'])).toThrow(/no project has a "bnch" target/);
    expect(() => checkCommands(['npx nx affected -t bench -c fastest --parallel=1'])).toThrow(/configuration fastest/);
    expect(() => checkCommands(['npx nx run-many -t bench'])).toThrow(/--parallel=1/);
    expect(() => checkCommands(['npm run no-such-script'])).toThrow();
    expect(() => checkCommands(['npx bench-report publish'])).toThrow();
    expect(() => checkCommands(['npx bench-report report --no-such-flag'])).toThrow(/--no-such-flag/);
  });
});
