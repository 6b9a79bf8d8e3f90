/**
 * `--against <ref>`: the head (the working tree as it is) and a base revision measured in the
 * same processes, interleaved, so both see the same machine at the same moment (see
 * measure/interleave.ts for why). Each bench file runs in `rounds` fresh processes; each process
 * imports the file of both revisions, first one side then the other, alternating between
 * processes. The base runs its own code of every workspace package, from a git worktree
 * (compare/worktree.ts). The verdict is bench-report's: this writes the comparison file.
 */
import { existsSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { analyse } from '../analysis/analyse.ts';
import { AgainstError } from '../compare/errors.ts';
import { headRevision, resolveCommit, workspaceRootOf } from '../compare/git.ts';
import { typecheckBase } from '../compare/typecheck.ts';
import { prepareBase } from '../compare/worktree.ts';
import { collectEnvironment } from '../env/environment.ts';
import { pairedPlan } from '../measure/interleave.ts';
import { measureTimer } from '../measure/timer.ts';
import {
  COMPARISON_SCHEMA_VERSION,
  type ComparisonFile,
  type PairedBenchmarkResult,
  type PairedRound,
  type RevisionInfo,
  type Side,
} from '../results/comparison-schema.ts';
import type { BenchmarkResult } from '../results/schema.ts';
import { writeJsonAtomic } from '../results/write.ts';
import { median } from '../stats/descriptive.ts';
import { runChild, type PairedMessage } from './child-process.ts';
import { compileFilter } from './filter.ts';
import { failedRaw } from './lifecycle.ts';
import { timeParent } from './parent-measure.ts';
import { Progress } from './progress.ts';
import type { RawBenchmark } from './protocol.ts';
import { discoverBenchFiles, fileId, planFile, type PlannedFile, type ProjectRunOptions } from './run.ts';

export interface CompareOptions extends ProjectRunOptions {
  /** The base revision: a branch, tag, sha, `HEAD~1`, `origin/main`. */
  against: string;
  /** Seeds which side goes first and the quads' order (default: drawn at random, then recorded). */
  seed?: number;
}

export interface CompareOutcome {
  results: ComparisonFile;
  path: string;
  failed: number;
}

interface FilePair {
  name: string;
  head?: PlannedFile;
  base?: PlannedFile;
}

/** The same bench file in both revisions, matched by name; a file on one side only is one-sided. */
function pairFiles(head: PlannedFile[], base: PlannedFile[]): FilePair[] {
  const byName = new Map<string, FilePair>();
  for (const [side, list] of [['head', head], ['base', base]] as const) {
    for (const p of list) {
      const name = basename(p.file);
      const pair = byName.get(name) ?? { name };
      pair[side] = p;
      byName.set(name, pair);
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A 32-bit seed from the clock and pid: recorded in the file so a run's order can be replayed. */
function freshSeed(): number {
  return (Date.now() ^ (process.pid << 16) ^ Math.floor(performance.now() * 1000)) >>> 0;
}

/** Collects one id's measurements over processes: paired rounds, or one side's rounds, or failures. */
class IdRecord {
  readonly paired: { process: number; message: PairedMessage }[] = [];
  readonly sides: Record<Side, RawBenchmark[]> = { base: [], head: [] };
  failure: RawBenchmark | undefined;
  failureSide: Side | undefined;

  constructor(readonly presence: PairedBenchmarkResult['presence']) {}
}

export async function runComparison(options: CompareOptions): Promise<CompareOutcome> {
  const started = performance.now();
  const headProjectRoot = resolve(options.root);
  const quick = options.quick ?? false;
  const filter = options.filter ?? null;
  const plan = pairedPlan(quick, options.samples);
  const rounds = Math.max(1, options.rounds ?? plan.rounds);
  const out = options.progress ?? process.stderr;
  const say = (line: string) => void out.write(`${line}\n`);
  const seed = options.seed ?? freshSeed();

  const workspaceRoot = await workspaceRootOf(headProjectRoot);
  const projectDir = relative(workspaceRoot, headProjectRoot) || '.';
  const baseCommit = await resolveCommit(workspaceRoot, options.against);
  const head = await headRevision(workspaceRoot);
  const prepared = await prepareBase({ workspaceRoot, commit: baseCommit, ref: options.against, progress: say, ...(options.signal ? { signal: options.signal } : {}) });
  const baseProjectRoot = join(prepared.root, projectDir);
  if (existsSync(baseProjectRoot)) {
    await typecheckBase({ baseRoot: prepared.root, projectDir, ref: options.against, progress: say, ...(options.signal ? { signal: options.signal } : {}) });
  }

  const matches = compileFilter(filter);
  const headPlanned = await Promise.all(discoverBenchFiles(headProjectRoot).map((f) => planFile(options.project, f, matches)));
  const basePlanned = await Promise.all(discoverBenchFiles(baseProjectRoot).map((f) => planFile(options.project, f, matches)));
  const broken = basePlanned.find((p) => p.error);
  if (broken) {
    throw new AgainstError(
      'base-code',
      `the base revision ${options.against} (${baseCommit.slice(0, 10)}) cannot be benchmarked: ${relative(prepared.root, broken.file)} ${broken.error!.split('\n')[0]}\n${broken.error}`,
    );
  }
  const files = pairFiles(headPlanned, basePlanned);

  const records = new Map<string, IdRecord>();
  const order: string[] = [];
  const recordOf = (id: string, presence: PairedBenchmarkResult['presence']) => {
    let r = records.get(id);
    if (!r) {
      r = new IdRecord(presence);
      records.set(id, r);
      order.push(id);
    }
    return r;
  };
  for (const f of files) {
    const headIds = new Set(f.head?.ids ?? []);
    const baseIds = new Set(f.base?.ids ?? []);
    for (const id of [...headIds, ...[...baseIds].filter((i) => !headIds.has(i))]) {
      recordOf(id, headIds.has(id) && baseIds.has(id) ? 'both' : headIds.has(id) ? 'head-only' : 'base-only');
    }
  }
  const perRound = order.length;
  const progress = new Progress(out, perRound * rounds);
  const envPromise = collectEnvironment(headProjectRoot);
  const timer = measureTimer();
  const empty: number[] = [];
  const baseShort = baseCommit.slice(0, 10);
  progress.header(
    `${options.project}: head (${head.commit.slice(0, 10)}${head.dirty ? ' + uncommitted changes' : ''}) against ${options.against} (${baseShort}), ` +
      `${perRound} benchmark(s) × ${rounds} processes${quick ? ' (quick)' : ''}${filter ? ` matching ${filter}` : ''}`,
  );
  const firstOf = (round: number, fileIndex: number): Side => ((round + fileIndex + (seed & 1)) % 2 === 0 ? 'base' : 'head');

  for (let round = 1; round <= rounds; round++) {
    progress.note(`process ${round}/${rounds}`);
    for (const [fileIndex, f] of files.entries()) {
      if (f.head?.error) {
        if (round === 1) {
          const raw = failedRaw(fileId(options.project, f.head.file), `could not load ${f.head.file}`, f.head.error);
          const r = recordOf(raw.id, 'head-only');
          r.failure = raw;
          r.failureSide = 'head';
          progress.finish(raw);
        }
        continue;
      }
      const expected = [...new Set([...(f.head?.ids ?? []), ...(f.base?.ids ?? [])])];
      if (expected.length === 0) continue;
      const report = await runChild({
        options: {
          project: options.project,
          mode: {
            kind: 'paired',
            files: { ...(f.head ? { head: f.head.file } : {}), ...(f.base ? { base: f.base.file } : {}) },
            firstSide: firstOf(round, fileIndex),
            seed: (seed + round * 7919 + fileIndex * 104729) >>> 0,
          },
          quick,
          filter,
          ...(options.samples !== undefined ? { samples: options.samples } : {}),
          resolutionNs: timer.resolutionNs,
          measure: 'time',
        },
        launch: timeParent.launch(options.execArgv ?? []),
        benchArgs: options.benchArgs ?? [],
        label: f.name,
        expected,
        progress,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (report.emptyFunctionNs !== null) empty.push(report.emptyFunctionNs);
      for (const message of report.paired) recordOf(message.id, 'both').paired.push({ process: round, message });
      for (const { raw, side } of report.results) {
        const r = recordOf(raw.id, side === 'base' ? 'base-only' : 'head-only');
        if (raw.status !== 'ok') {
          // A failure of an id that exists on both sides, reported without a side, is a failure of both.
          r.failure ??= raw;
          r.failureSide ??= side;
        } else if (side) r.sides[side].push(raw);
        else r.sides.head.push(raw);
      }
    }
  }
  progress.end();

  const emptyFunctionNs = empty.length ? median(empty) : 0;
  const analyseSide = (raws: RawBenchmark[]): BenchmarkResult | undefined =>
    raws.length ? analyse(raws, { project: options.project, emptyFunctionNs }) : undefined;
  const benchmarks: PairedBenchmarkResult[] = order.map((id) => {
    const r = records.get(id)!;
    const parts = id.split('/');
    const first = r.paired[0]?.message.head.raw ?? r.sides.head[0] ?? r.sides.base[0] ?? r.failure!;
    const baseRaws = [...r.paired.map((p) => p.message.base.raw), ...r.sides.base];
    const headRaws = [...r.paired.map((p) => p.message.head.raw), ...r.sides.head];
    const pairedRounds: PairedRound[] = r.paired.map(({ process, message }) => ({
      process,
      firstSide: message.firstSide,
      base: message.base.pairValues,
      head: message.head.pairValues,
      baseIterations: message.base.pairIterations,
      headIterations: message.head.pairIterations,
      quadOrder: message.quadOrder,
      clock: message.clock,
    }));
    const ok = !r.failure;
    const base = ok ? analyseSide(baseRaws) : undefined;
    const headResult = ok ? analyseSide(headRaws) : undefined;
    return {
      id,
      project: options.project,
      group: first.group ?? parts[1] ?? '',
      ...(first.name !== undefined ? { name: first.name } : {}),
      ...(first.param !== undefined ? { param: first.param } : {}),
      presence: r.presence,
      status: r.failure ? r.failure.status : 'ok',
      ...(r.failure?.reason ? { reason: r.failure.reason } : {}),
      ...(r.failure?.error ? { error: r.failure.error } : {}),
      ...(r.failureSide ? { side: r.failureSide } : {}),
      kind: first.kind,
      unit: first.unit,
      lowerIsBetter: first.lowerIsBetter,
      ...(base ? { base } : {}),
      ...(headResult ? { head: headResult } : {}),
      rounds: ok && r.presence === 'both' ? pairedRounds : [],
      warnings: [...new Set([...(base?.warnings ?? []), ...(headResult?.warnings ?? [])])],
      durationMs: [...r.paired.map((p) => p.message.head.raw.durationMs), ...r.sides.base.map((s) => s.durationMs), ...r.sides.head.map((s) => s.durationMs)].reduce((a, b) => a + b, 0),
    };
  });

  const revision = (ref: string, commit: string, root: string, dirty?: boolean): RevisionInfo => ({ ref, commit, root, ...(dirty !== undefined ? { dirty } : {}) });
  const results: ComparisonFile = {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    kind: 'comparison',
    project: options.project,
    createdAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    measure: 'time',
    rounds,
    filter,
    seed,
    ...(process.env.BENCH_KIT_PAIRED_PLAN ? { planOverride: process.env.BENCH_KIT_PAIRED_PLAN } : {}),
    base: revision(options.against, baseCommit, prepared.root),
    head: revision(head.dirty ? 'HEAD+uncommitted' : 'HEAD', head.commit, workspaceRoot, head.dirty),
    environment: await envPromise,
    timer: { ...timer, emptyFunctionNs },
    benchmarks,
    durationMs: performance.now() - started,
  };
  const path = resolve(options.out ?? join(headProjectRoot, 'bench-results', 'comparison.json'));
  await writeJsonAtomic(path, results);
  return { results, path, failed: benchmarks.filter((b) => b.status === 'failed').length };
}
