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
  jobs: Record<string, { 'runs-on': unknown; steps: GithubStep[] }>;
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
  const uses = (prefix: string) => steps.find((s) => s.uses?.startsWith(prefix));

  it('runs on pull requests, weekly and by hand', () => {
    expect(Object.keys(github.on).sort()).toEqual(['pull_request', 'schedule', 'workflow_dispatch']);
    expect((github.on.schedule as Array<{ cron: string }>)[0].cron).toMatch(/^\S+ \S+ \* \* \d$/);
  });

  it('checks out full history, sets the Nx SHAs and uploads the reports', () => {
    expect(uses('actions/checkout@v4')?.with?.['fetch-depth']).toBe(0);
    expect(uses('actions/setup-node@v4')?.with?.['node-version']).toBe(20);
    expect(uses('nrwl/nx-set-shas@v4')).toBeDefined();
    expect(uses('actions/upload-artifact@v4')?.with?.path).toBe('reports/');
    expect(githubCommands).toContain('cat reports/benchmark_report.md >> "$GITHUB_STEP_SUMMARY"');
  });

  it('benches affected projects one at a time and gates on the report', () => {
    expect(githubCommands).toContain('npx nx affected -t bench --parallel=1 --outputStyle=stream');
    expect(githubCommands).toContain('npx bench-report report --detect-regressions');
  });

  it('runs only commands that exist in this workspace', () => {
    expect(checkCommands(githubCommands).length).toBeGreaterThanOrEqual(5);
  });
});

describe('.gitlab-ci.yml', () => {
  const rules = (gitlab.workflow as { rules: Array<{ if: string }> }).rules.map((r) => r.if);

  it('runs for merge requests and schedules', () => {
    expect(rules).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"', '$CI_PIPELINE_SOURCE == "schedule"']);
  });

  it('benches affected projects between the MR base and head, one at a time, with the regression gate', () => {
    const mr = gitlab['bench:merge-request'] as GitlabJob;
    expect(mr.variables).toMatchObject({ NX_BASE: '$CI_MERGE_REQUEST_DIFF_BASE_SHA', NX_HEAD: '$CI_COMMIT_SHA' });
    expect(mr.script).toContain('npx nx affected -t bench --parallel=1 --outputStyle=stream');
    expect(mr.script).toContain('npx bench-report report --detect-regressions');
    expect((gitlab.variables as Record<string, string>).GIT_DEPTH).toBe('0');
  });

  it('keeps the reports as artifacts for 30 days', () => {
    const template = gitlab['.bench'] as GitlabJob;
    expect(template.artifacts).toMatchObject({ paths: ['reports/'], expire_in: '30 days' });
    for (const [name, job] of gitlabJobs.filter(([k]) => !k.startsWith('.'))) expect(job.extends, name).toBe('.bench');
  });

  it('runs only commands that exist in this workspace', () => {
    expect(checkCommands(gitlabCommands).length).toBeGreaterThanOrEqual(6);
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
