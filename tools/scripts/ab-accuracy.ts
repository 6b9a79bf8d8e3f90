/**
 * The measured accuracy of `--against` (issue 14), on real code: a clone of this workspace with
 * commits in which `parseTma` does 5%, 10% and 20% more work (a real code change: it counts the
 * words of a prefix of its input once more), each compared with its parent by
 *
 *   - `bench-kit run --against <parent>` + `bench-report compare` (paired, one run), and
 *   - today's baseline flow: a plain run of the parent, `save-baseline`, a plain run of the
 *     change, `bench-report compare --baseline` (unpaired, two runs),
 *
 * interleaved, with the machine at rest and busy (one busy loop per core), plus an A/A case (the
 * parent against itself). Prints and writes per case and method: the fraction of verdicts that
 * were regressed / improved / unchanged / inconclusive, false CI failures (an A/A comparison that
 * exits 1), and wall time.
 *
 *   node --import tsx tools/scripts/ab-accuracy.ts [--repeats 5] [--states rest,busy]
 *        [--cases aa,5,10,20] [--methods against,baseline] [--plan '{"clock":"cpu"}']
 *        [--workdir /work/ab-exp] [--out reports/ab-accuracy.json]
 *
 * `--plan` sets BENCH_KIT_PAIRED_PLAN for the --against runs (an experiment on the paired plan).
 *
 * The clone lives in <workdir>/repo (made once, with its own `npm ci`); nothing in this checkout
 * changes. A full run (5 repeats, both states, four cases) takes about an hour and a half.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ComparisonFile, ResultsFile } from '@workflow-bench/bench-kit';
import { evaluate, evaluatePaired, validateBaseline, type Outcome } from '@workflow-bench/bench-report';

const WORKSPACE = resolve(import.meta.dirname, '../..');
/** The 12 ids of the issue's own measurement: parsing (changed by the slow commits), validation and hashing (not). */
const FILTER = '/^core\\/(tma-parse\\/(small|medium|large)|validate\\/|hash(-raw)?\\/)/';
const CHANGED = /^core\/tma-parse\/(small|medium|large)$/;
/**
 * The fraction of the input whose words are counted once more, per intended slowdown, calibrated
 * with callgrind instruction counts of core/tma-parse/{small,medium,large} (README: how).
 */
const EXTRA_FRACTION: Record<string, number> = { '5': 0.0875, '10': 0.175, '20': 0.35 };

type Case = 'aa' | '5' | '10' | '20';
type State = 'rest' | 'busy';
type Method = 'against' | 'baseline';

interface Trial {
  repeat: number;
  state: State;
  case: Case;
  method: Method;
  exitCode: number;
  wallMs: number;
  loadAverage: number;
  verdicts: { id: string; outcome: Outcome | null; change: number | null; lower: number | null; upper: number | null }[];
}

function sh(command: string, args: string[], cwd: string, quiet = true): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NX_DAEMON: 'false', FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!quiet) process.stdout.write(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('exit', (code) => done({ code: code ?? 3, out }));
  });
}

async function must(command: string, args: string[], cwd: string): Promise<string> {
  const r = await sh(command, args, cwd);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${r.code}:\n${r.out.slice(-3000)}`);
  return r.out.trim();
}

/** The slow commit's change to parse.ts: count the words of a prefix of the input once more. */
function slowPatch(source: string, fraction: number): string {
  const anchor = '  return submission;\n}';
  if (!source.includes(anchor)) throw new Error('libs/core/src/tma/parse.ts changed shape: update the experiment patch');
  return (
    `import { countWords as countWordsAgain } from './word-count.ts';\n` +
    source.replace(anchor, `  extraWork ^= countWordsAgain(text, 0, Math.floor(text.length * ${fraction}));\n${anchor}`) +
    `\n/** More work per call (the --against accuracy experiment's slower commit). */\nlet extraWork = 0;\nexport const extraWorkSink = (): number => extraWork;\n`
  );
}

async function prepareRepo(workdir: string): Promise<string> {
  const repo = join(workdir, 'repo');
  if (!existsSync(join(repo, '.git'))) {
    mkdirSync(workdir, { recursive: true });
    await must('git', ['clone', '-q', WORKSPACE, repo], workdir);
  }
  const lock = () => (existsSync(join(repo, 'package-lock.json')) ? readFileSync(join(repo, 'package-lock.json'), 'utf8') : '');
  const before = lock();
  await must('git', ['fetch', '-q', 'origin'], repo);
  await must('git', ['checkout', '-q', '-f', '-B', 'exp-base', 'origin/main'], repo);
  if (!existsSync(join(repo, 'node_modules')) || lock() !== before) {
    console.log('npm ci in the experiment clone…');
    await must('npm', ['ci', '--no-audit', '--no-fund'], repo);
  }
  await must('git', ['config', 'user.email', 'ab-accuracy@example.invalid'], repo);
  await must('git', ['config', 'user.name', 'ab-accuracy'], repo);
  const parse = join(repo, 'libs/core/src/tma/parse.ts');
  const original = readFileSync(parse, 'utf8');
  for (const [pct, fraction] of Object.entries(EXTRA_FRACTION)) {
    await must('git', ['checkout', '-q', '-f', '-B', `exp-slow-${pct}`, 'exp-base'], repo);
    writeFileSync(parse, slowPatch(original, fraction));
    await must('git', ['commit', '-q', '-am', `parseTma: ${pct}% more work (counts the words of ${fraction * 100}% of its input again)`], repo);
  }
  await must('git', ['checkout', '-q', 'exp-base'], repo);
  return repo;
}

function startBusy(): ChildProcess[] {
  return cpus().map(() => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
}

function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

const branchOf = (c: Case) => (c === 'aa' ? 'exp-base' : `exp-slow-${c}`);
const BENCH_KIT = ['--expose-gc', '--import', 'tsx', 'libs/bench-kit/bin/bench-kit.ts', 'run', '--project', 'core', '--root', 'libs/core', '--quick', '--filter', FILTER];
const BENCH_REPORT = ['--import', 'tsx', 'apps/bench-report/bin/bench-report.ts'];

async function againstTrial(repo: string, tmp: string, c: Case, plan: string | undefined): Promise<Omit<Trial, 'repeat' | 'state' | 'case' | 'loadAverage'>> {
  await must('git', ['checkout', '-q', branchOf(c)], repo);
  const file = join(tmp, 'comparison.json');
  const started = performance.now();
  if (plan) process.env.BENCH_KIT_PAIRED_PLAN = plan;
  try {
    await must(process.execPath, [...BENCH_KIT, '--against', 'exp-base', '--out', file], repo);
  } finally {
    delete process.env.BENCH_KIT_PAIRED_PLAN;
  }
  const verdict = await sh(process.execPath, [...BENCH_REPORT, 'compare', '--results', file], repo);
  const wallMs = performance.now() - started;
  const cmp = JSON.parse(readFileSync(file, 'utf8')) as ComparisonFile;
  const verdicts = evaluatePaired(cmp.benchmarks).map((v) => ({ id: v.id, outcome: v.outcome, change: v.comparison?.change.point ?? null, lower: v.comparison?.change.lower ?? null, upper: v.comparison?.change.upper ?? null }));
  return { method: 'against', exitCode: verdict.code, wallMs, verdicts };
}

async function baselineTrial(repo: string, tmp: string, c: Case): Promise<Omit<Trial, 'repeat' | 'state' | 'case' | 'loadAverage'>> {
  const baseResults = join(tmp, 'base.json');
  const current = join(tmp, 'current.json');
  const baseline = join(tmp, 'baseline.json');
  const started = performance.now();
  await must('git', ['checkout', '-q', 'exp-base'], repo);
  await must(process.execPath, [...BENCH_KIT, '--out', baseResults], repo);
  await must(process.execPath, [...BENCH_REPORT, 'save-baseline', baseline, '--results', baseResults], repo);
  await must('git', ['checkout', '-q', branchOf(c)], repo);
  await must(process.execPath, [...BENCH_KIT, '--out', current], repo);
  const verdict = await sh(process.execPath, [...BENCH_REPORT, 'compare', '--baseline', baseline, '--results', current], repo);
  const wallMs = performance.now() - started;
  const results = JSON.parse(readFileSync(current, 'utf8')) as ResultsFile;
  const evaluation = evaluate(results.benchmarks, validateBaseline(baseline, JSON.parse(readFileSync(baseline, 'utf8'))));
  const verdicts = evaluation.verdicts.map((v) => ({ id: v.id, outcome: v.outcome, change: v.comparison?.change.point ?? null, lower: v.comparison?.change.lower ?? null, upper: v.comparison?.change.upper ?? null }));
  return { method: 'baseline', exitCode: verdict.code, wallMs, verdicts };
}

interface Cell {
  verdicts: number;
  regressed: number;
  improved: number;
  unchanged: number;
  inconclusive: number;
  runs: number;
  failingRuns: number;
  wallMs: number[];
}

function summarise(trials: Trial[]): Record<string, Cell> {
  const cells: Record<string, Cell> = {};
  for (const t of trials) {
    // Changed cases are judged on the ids the change touches; A/A on every id.
    const scope = t.case === 'aa' ? 'all 12 ids' : 'tma-parse ids';
    const key = `${t.state} | ${t.case === 'aa' ? 'A/A' : `${t.case}% slower`} | ${t.method} | ${scope}`;
    const cell = (cells[key] ??= { verdicts: 0, regressed: 0, improved: 0, unchanged: 0, inconclusive: 0, runs: 0, failingRuns: 0, wallMs: [] });
    cell.runs++;
    if (t.exitCode === 1) cell.failingRuns++;
    cell.wallMs.push(t.wallMs);
    for (const v of t.verdicts) {
      if (t.case !== 'aa' && !CHANGED.test(v.id)) continue;
      cell.verdicts++;
      cell[v.outcome ?? 'inconclusive']++;
    }
    if (t.case !== 'aa') {
      const companions = `${t.state} | ${t.case}% slower | ${t.method} | unchanged companions`;
      const c = (cells[companions] ??= { verdicts: 0, regressed: 0, improved: 0, unchanged: 0, inconclusive: 0, runs: 0, failingRuns: 0, wallMs: [] });
      c.runs++;
      for (const v of t.verdicts.filter((x) => !CHANGED.test(x.id))) {
        c.verdicts++;
        c[v.outcome ?? 'inconclusive']++;
      }
    }
  }
  return cells;
}

function table(cells: Record<string, Cell>): string {
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)}%` : '—');
  const rows = Object.entries(cells)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, c]) => {
      const wall = c.wallMs.length ? `${(c.wallMs.reduce((a, b) => a + b, 0) / c.wallMs.length / 1000).toFixed(0)} s` : '';
      return `| ${k.split(' | ').join(' | ')} | ${c.verdicts} | ${pct(c.regressed, c.verdicts)} | ${pct(c.improved, c.verdicts)} | ${pct(c.unchanged, c.verdicts)} | ${pct(c.inconclusive, c.verdicts)} | ${k.includes('companions') ? '' : `${c.failingRuns}/${c.runs}`} | ${k.includes('companions') ? '' : wall} |`;
    });
  return ['| machine | case | method | verdicts on | n | regressed | improved | unchanged | inconclusive | runs exiting 1 | wall per run |', '|---|---|---|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      repeats: { type: 'string', default: '5' },
      states: { type: 'string', default: 'rest,busy' },
      cases: { type: 'string', default: 'aa,5,10,20' },
      methods: { type: 'string', default: 'against,baseline' },
      plan: { type: 'string' },
      workdir: { type: 'string', default: '/work/ab-exp' },
      out: { type: 'string', default: join(WORKSPACE, 'reports', 'ab-accuracy.json') },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(readFileSync(import.meta.filename, 'utf8').split('*/')[0]);
    return;
  }
  const repeats = Number(values.repeats);
  const states = values.states.split(',') as State[];
  const cases = values.cases.split(',') as Case[];
  const methods = values.methods.split(',') as Method[];
  const repo = await prepareRepo(values.workdir);
  const tmp = join(values.workdir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const trials: Trial[] = existsSync(values.out) ? (JSON.parse(readFileSync(values.out, 'utf8')) as { trials: Trial[] }).trials : [];
  const save = () => writeFileSync(values.out, JSON.stringify({ trials, summary: summarise(trials) }, null, 2));
  for (let repeat = 1; repeat <= repeats; repeat++) {
    for (const state of repeat % 2 ? states : [...states].reverse()) {
      const busy = state === 'busy' ? startBusy() : [];
      try {
        // Cases and methods in a different order each repeat, so neither always meets the same moment.
        const order = repeat % 2 ? cases : [...cases].reverse();
        for (const c of order) {
          for (const method of repeat % 2 ? methods : [...methods].reverse()) {
            const load = loadAverage();
            const t = method === 'against' ? await againstTrial(repo, tmp, c, values.plan) : await baselineTrial(repo, tmp, c);
            trials.push({ repeat, state, case: c, loadAverage: load, ...t });
            save();
            const counts = t.verdicts.reduce<Record<string, number>>((a, v) => ((a[v.outcome ?? 'none'] = (a[v.outcome ?? 'none'] ?? 0) + 1), a), {});
            console.log(`[${new Date().toISOString().slice(11, 19)}] repeat ${repeat} ${state} ${c} ${method}: exit ${t.exitCode}, ${(t.wallMs / 1000).toFixed(0)} s, load ${load}: ${JSON.stringify(counts)}`);
          }
        }
      } finally {
        for (const b of busy) b.kill('SIGKILL');
      }
    }
  }
  save();
  console.log(table(summarise(trials)));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(3);
});
