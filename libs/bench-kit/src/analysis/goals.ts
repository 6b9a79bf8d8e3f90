import type { GoalDefinition, GoalInput } from '../define/suite.ts';
import type { BenchmarkResult, GoalResult } from '../results/schema.ts';

export function goalInput(results: readonly BenchmarkResult[]): GoalInput {
  const byId = new Map(results.map((r) => [r.id, r]));
  const ok = (id: string) => {
    const r = byId.get(id);
    return r && r.status === 'ok' ? r : undefined;
  };
  return {
    estimate: (id) => ok(id)?.estimate?.point,
    metric: (id, name) => ok(id)?.metrics?.[name]?.value,
    throughput: (id) => ok(id)?.throughput?.perSecond.point,
  };
}

function compare(actual: number, op: GoalDefinition['comparison'], target: number): boolean {
  switch (op) {
    case '<': return actual < target;
    case '<=': return actual <= target;
    case '>': return actual > target;
    case '>=': return actual >= target;
  }
}

/** A goal whose benchmarks did not all run ok is `unknown`, never silently met. */
export function evaluateGoal(goal: GoalDefinition, results: readonly BenchmarkResult[]): GoalResult {
  const base = { name: goal.name, description: goal.description, target: goal.target, unit: goal.unit, benchmarks: goal.benchmarks };
  const missing = goal.benchmarks.filter((id) => !results.some((r) => r.id === id && r.status === 'ok'));
  if (missing.length) return { ...base, status: 'unknown', reason: `not measured: ${missing.join(', ')}` };
  let actual: number | undefined;
  try {
    actual = goal.actual(goalInput(results));
  } catch (err) {
    return { ...base, status: 'unknown', reason: `goal evaluation failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (actual === undefined || !Number.isFinite(actual)) return { ...base, status: 'unknown', reason: 'no value' };
  return { ...base, actual, status: compare(actual, goal.comparison, goal.target) ? 'met' : 'missed' };
}
