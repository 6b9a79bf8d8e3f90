import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultsFile } from '@workflow-bench/bench-kit';
import { formatElapsed } from './elapsed.ts';

export interface ExpectedTotal {
  project: string;
  /** The last comparable run's wall time, or null when there is none. */
  ms: number | null;
  /** Where the figure came from, or why there is none. */
  source: string;
}

/**
 * What a project's bench step is expected to take: the wall time recorded by its last full-project
 * run with the same plan (`<root>/bench-results/latest.json`, `durationMs`; quick and full plans
 * differ tenfold, so the other plan's figure is not used). Filtered runs write elsewhere, so
 * latest.json is always a whole project's run.
 */
export function expectedTotal(workspaceRoot: string, project: { name: string; root: string }, quick: boolean): ExpectedTotal {
  const file = join(workspaceRoot, project.root, 'bench-results', 'latest.json');
  const plan = quick ? 'quick' : 'full';
  if (!existsSync(file)) return { project: project.name, ms: null, source: 'never run here' };
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as Partial<ResultsFile>;
    if (r.mode !== plan) return { project: project.name, ms: null, source: `no ${plan} run recorded (the last was ${r.mode ?? 'unknown'})` };
    if (r.filter || typeof r.durationMs !== 'number') return { project: project.name, ms: null, source: 'no whole-project run recorded' };
    return { project: project.name, ms: r.durationMs, source: `last ${plan} run ${String(r.createdAt ?? '').slice(0, 10)}` };
  } catch {
    return { project: project.name, ms: null, source: `${project.root}/bench-results/latest.json is unreadable` };
  }
}

/** The lines bench:all prints before the benches: each project's expected time and the total of the known ones. */
export function describeExpectedTotals(totals: readonly ExpectedTotal[]): string[] {
  const width = Math.max(...totals.map((t) => t.project.length));
  const lines = totals.map((t) => `    ${t.project.padEnd(width)}  ${t.ms === null ? '     ?' : `~${formatElapsed(t.ms).padStart(5)}`}  (${t.source})`);
  const known = totals.filter((t) => t.ms !== null);
  const sum = known.reduce((a, t) => a + t.ms!, 0);
  const unknown = totals.length - known.length;
  lines.push(`  expected benchmark time: ~${formatElapsed(sum)}${unknown ? ` plus ${unknown} project(s) never timed with this plan` : ''}`);
  return lines;
}
