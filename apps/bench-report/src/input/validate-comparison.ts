import {
  COMPARISON_SCHEMA_VERSION,
  type ComparisonFile,
  type PairedBenchmarkResult,
  type PairedRound,
  type RevisionInfo,
  type SampleUnit,
} from '@workflow-bench/bench-kit';
import { Checker } from './checker.ts';
import { validateBenchmark, validateEnvironment, validateTimer } from './validate-results.ts';

const UNITS: readonly SampleUnit[] = ['ns', 'instructions', 'ratio', 'bytes', 'ops/s', 'tokens/s', 'requests/s', 'MiB/s'];

/**
 * Validates a comparison file (`bench-kit run --against <ref>`, contract in bench-kit
 * results/comparison-schema.ts) completely before anything is written: every complaint is a
 * BadInputError naming the file and the field (exit 2).
 */
export function validateComparison(file: string, raw: unknown): ComparisonFile {
  const c = new Checker(file);
  const o = c.object(raw);
  c.at('kind').oneOf(o.kind, ['comparison'] as const);
  const version = c.at('schemaVersion').number(o.schemaVersion);
  if (version !== COMPARISON_SCHEMA_VERSION) {
    c.at('schemaVersion').fail(`unknown comparison schema version ${version} (this bench-report reads version ${COMPARISON_SCHEMA_VERSION})`);
  }
  const benchmarks = c.at('benchmarks').array(o.benchmarks).map((b, i) => validatePaired(c.at('benchmarks').at(i), b));
  const seen = new Map<string, number>();
  benchmarks.forEach((b, i) => {
    const first = seen.get(b.id);
    if (first !== undefined) c.at('benchmarks').at(i).at('id').fail(`duplicate id ${JSON.stringify(b.id)} (also benchmarks[${first}])`);
    seen.set(b.id, i);
  });
  return {
    schemaVersion: version,
    kind: 'comparison',
    project: c.at('project').string(o.project),
    createdAt: c.at('createdAt').string(o.createdAt),
    mode: c.at('mode').oneOf(o.mode, ['quick', 'full'] as const),
    measure: c.at('measure').oneOf(o.measure, ['time'] as const),
    rounds: c.at('rounds').positive(o.rounds),
    seed: c.at('seed').number(o.seed),
    filter: o.filter === null || o.filter === undefined ? null : c.at('filter').string(o.filter),
    base: validateRevision(c.at('base'), o.base),
    head: validateRevision(c.at('head'), o.head),
    environment: validateEnvironment(c.at('environment'), o.environment),
    timer: validateTimer(c.at('timer'), o.timer),
    benchmarks,
    durationMs: c.at('durationMs').nonNegative(o.durationMs),
  };
}

function validateRevision(c: Checker, raw: unknown): RevisionInfo {
  const o = c.object(raw);
  return {
    ref: c.at('ref').string(o.ref),
    commit: c.at('commit').string(o.commit),
    ...(o.dirty !== undefined ? { dirty: c.at('dirty').boolean(o.dirty) } : {}),
    root: c.at('root').string(o.root),
  };
}

function validatePaired(c: Checker, raw: unknown): PairedBenchmarkResult {
  const o = c.object(raw);
  const id = c.at('id').string(o.id);
  if (id.trim() === '') c.at('id').fail('must not be empty');
  const presence = c.at('presence').oneOf(o.presence, ['both', 'head-only', 'base-only'] as const);
  const status = c.at('status').oneOf(o.status, ['ok', 'failed', 'skipped'] as const);
  const rounds = c.at('rounds').array(o.rounds).map((r, i) => validateRound(c.at('rounds').at(i), r));
  if (presence === 'both' && status === 'ok' && rounds.length === 0) c.at('rounds').fail('an id measured ok on both sides needs its paired rounds');
  return {
    id,
    project: c.at('project').string(o.project),
    group: c.at('group').string(o.group),
    ...(o.name !== undefined ? { name: c.at('name').string(o.name) } : {}),
    ...(o.param !== undefined ? { param: c.at('param').string(o.param) } : {}),
    presence,
    status,
    ...(o.reason !== undefined ? { reason: c.at('reason').string(o.reason) } : {}),
    ...(o.error !== undefined ? { error: c.at('error').string(o.error) } : {}),
    ...(o.side !== undefined ? { side: c.at('side').oneOf(o.side, ['base', 'head'] as const) } : {}),
    kind: c.at('kind').oneOf(o.kind, ['timed', 'custom'] as const),
    unit: c.at('unit').oneOf(o.unit, UNITS),
    lowerIsBetter: c.at('lowerIsBetter').boolean(o.lowerIsBetter),
    ...(o.base !== undefined ? { base: validateBenchmark(c.at('base'), o.base) } : {}),
    ...(o.head !== undefined ? { head: validateBenchmark(c.at('head'), o.head) } : {}),
    rounds,
    warnings: c.at('warnings').array(o.warnings ?? []).map((w, i) => c.at('warnings').at(i).string(w)),
    durationMs: c.at('durationMs').nonNegative(o.durationMs),
  };
}

function validateRound(c: Checker, raw: unknown): PairedRound {
  const o = c.object(raw);
  const base = c.at('base').numbers(o.base, (cc, v) => cc.positive(v));
  const head = c.at('head').numbers(o.head, (cc, v) => cc.positive(v));
  const baseIterations = c.at('baseIterations').numbers(o.baseIterations, (cc, v) => cc.positive(v));
  const headIterations = c.at('headIterations').numbers(o.headIterations, (cc, v) => cc.positive(v));
  if (baseIterations.length !== base.length) c.at('baseIterations').fail(`has ${baseIterations.length} entries for ${base.length} base values`);
  if (headIterations.length !== head.length) c.at('headIterations').fail(`has ${headIterations.length} entries for ${head.length} head values`);
  const quadOrder = c.at('quadOrder').array(o.quadOrder).map((q, i) => c.at('quadOrder').at(i).oneOf(q, ['ABBA', 'BAAB'] as const));
  const quads = Math.min(Math.floor(base.length / 2), Math.floor(head.length / 2));
  if (quadOrder.length > quads) c.at('quadOrder').fail(`names ${quadOrder.length} quads but base and head hold ${quads} (2 values a side per quad)`);
  const process = c.at('process').positive(o.process);
  if (!Number.isInteger(process)) c.at('process').fail(`expected a whole process number, got ${process}`);
  // The clock the values were taken on (absent in files older than it: wall time).
  const clock = o.clock === undefined ? {} : { clock: c.at('clock').oneOf(o.clock, ['wall', 'cpu', 'least'] as const) };
  return { process, firstSide: c.at('firstSide').oneOf(o.firstSide, ['base', 'head'] as const), base, head, baseIterations, headIterations, quadOrder, ...clock };
}
