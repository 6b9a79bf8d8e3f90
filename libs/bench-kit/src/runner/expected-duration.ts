import { existsSync, readFileSync } from 'node:fs';
import { resolvePlan } from '../measure/plan.ts';
import type { ResultsFile } from '../results/schema.ts';
import type { BenchmarkInstance } from './expand.ts';

/** How long one benchmark (one instance: all its outputs) is expected to take in one round. */
export interface ExpectedBenchmark {
  /** The instance's id: what the benchmark process announces when it starts it. */
  id: string;
  /** Null when nothing says (a custom benchmark never run before, instruction counts without history). */
  expectedMs: number | null;
  source: 'last run' | 'sampling plan' | null;
}

/** What a run expects before it starts: each round's benchmarks in order, and how many rounds. */
export interface RunExpectation {
  perRound: ExpectedBenchmark[];
  rounds: number;
  /** Starting a benchmark process (Node + tsx, importing the bench file, calibration), per file per round. */
  processStartMs: number;
  files: number;
  /** Which earlier results gave durations, for the line printed at the start. */
  history: string | null;
}

/** Measured on this workspace: a child's start, bench-file import and empty-function calibration. */
export const PROCESS_START_MS = 1500;

/**
 * Durations per instance from an earlier results file of the same project, measure and plan
 * (quick or full): `durationMs` covers set-up, warm-up, sampling and teardown, summed over that
 * run's rounds. Anything else (another plan, another measure, an unreadable file) gives nothing.
 */
export function recordedDurations(file: string, expect: { project: string; measure: 'time' | 'instructions'; quick: boolean }): { durations: Map<string, number>; label: string } | null {
  if (!existsSync(file)) return null;
  let results: ResultsFile;
  try {
    results = JSON.parse(readFileSync(file, 'utf8')) as ResultsFile;
  } catch {
    return null;
  }
  if (results.project !== expect.project || results.measure !== expect.measure || results.mode !== (expect.quick ? 'quick' : 'full') || !Array.isArray(results.benchmarks)) return null;
  const rounds = Math.max(1, results.rounds ?? 1);
  const durations = new Map<string, number>();
  for (const b of results.benchmarks) if (Number.isFinite(b.durationMs) && b.durationMs > 0) durations.set(b.id, b.durationMs / rounds);
  return { durations, label: `the last ${results.mode} run, ${String(results.createdAt).slice(0, 16).replace('T', ' ')} UTC` };
}

/**
 * A wall-time benchmark's plan: at most the warm-up cap (it usually settles in about half) plus
 * the measurement time plus the one GC before the samples. Set-up is not in the plan; slow code sampled
 * flat may take longer than its measurement time; the progress line corrects for both as it goes.
 */
function planMs(instance: BenchmarkInstance, quick: boolean, samples: number | undefined): number | null {
  if (instance.definition.kind === 'custom') return null;
  const plan = resolvePlan(quick, instance.definition, samples);
  return 0.5 * plan.warmUpTimeMs + plan.measurementTimeMs + 5;
}

export function expectRun(options: {
  files: { instances: BenchmarkInstance[] }[];
  rounds: number;
  quick: boolean;
  samples?: number;
  measure: 'time' | 'instructions';
  history: { durations: Map<string, number>; label: string } | null;
}): RunExpectation {
  const perRound: ExpectedBenchmark[] = [];
  for (const f of options.files) {
    for (const i of f.instances) {
      const recorded = i.outputs.map((o) => options.history?.durations.get(o.id)).find((d) => d !== undefined);
      if (recorded !== undefined) perRound.push({ id: i.id, expectedMs: recorded, source: 'last run' });
      else if (options.measure === 'time') {
        const planned = planMs(i, options.quick, options.samples);
        perRound.push({ id: i.id, expectedMs: planned, source: planned === null ? null : 'sampling plan' });
      } else perRound.push({ id: i.id, expectedMs: null, source: null });
    }
  }
  return {
    perRound,
    rounds: options.rounds,
    processStartMs: PROCESS_START_MS,
    files: options.files.filter((f) => f.instances.length > 0).length,
    history: options.history?.label ?? null,
  };
}

/** `1:05`, `12:40`, `1:02:03`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The line printed at the start: the expected total and where the figures came from. */
export function describeExpectation(e: RunExpectation): string {
  const known = e.perRound.filter((b) => b.expectedMs !== null);
  const total = e.rounds * (known.reduce((a, b) => a + b.expectedMs!, 0) + e.files * e.processStartMs);
  const fromHistory = known.filter((b) => b.source === 'last run').length;
  const fromPlan = known.length - fromHistory;
  const sources = [fromHistory ? `${fromHistory} from ${e.history ?? 'the last run'}` : '', fromPlan ? `${fromPlan} from the sampling plan` : ''].filter(Boolean).join(', ');
  const unknown = e.perRound.length - known.length;
  const rest = unknown ? `; ${unknown} without a recorded duration not counted` : '';
  return `expected duration ~${formatDuration(total)} (${sources || 'no figures'}${rest}); the time left is corrected as it runs`;
}
