import type { SampleUnit } from '@workflow-bench/bench-kit';
import { Checker } from '../input/checker.ts';
import { capSamples } from '../input/sample-cap.ts';
import { validateEstimate, validateRoundSampleCounts, validateStats } from '../input/validate-results.ts';
import { measureKey, measureOf } from '../measure/measure-key.ts';
import { BASELINE_FORMAT, BASELINE_SCHEMA_VERSION, type BaselineEntry, type BaselineFile } from './baseline-file.ts';

const UNITS: readonly SampleUnit[] = ['ns', 'instructions', 'ratio', 'bytes', 'ops/s', 'tokens/s', 'requests/s', 'MiB/s'];

/** Validates a parsed baseline file in full (see validateResults for the philosophy). */
export function validateBaseline(file: string, raw: unknown): BaselineFile {
  const c = new Checker(file);
  const o = c.object(raw);
  if (o.format !== BASELINE_FORMAT) c.at('format').fail(`expected ${JSON.stringify(BASELINE_FORMAT)} (is this a baseline file?)`);
  const version = c.at('schemaVersion').number(o.schemaVersion);
  if (version !== BASELINE_SCHEMA_VERSION) {
    c.at('schemaVersion').fail(`unknown schema version ${version} (this bench-report reads version ${BASELINE_SCHEMA_VERSION})`);
  }
  const entries = c.at('benchmarks').array(o.benchmarks).map((e, i) => validateEntry(c.at('benchmarks').at(i), e));
  const seen = new Map<string, number>();
  // (id, measure) is the key: one id may have a wall-time entry and an instruction-count entry.
  entries.forEach((e, i) => {
    const measure = e.measure;
    const key = measureKey(e.id, measure);
    const first = seen.get(key);
    if (first !== undefined) c.at('benchmarks').at(i).at('id').fail(`duplicate id ${JSON.stringify(e.id)} for measure ${measure} (also benchmarks[${first}])`);
    seen.set(key, i);
  });
  return {
    format: BASELINE_FORMAT,
    schemaVersion: version,
    name: c.at('name').string(o.name),
    description: o.description === undefined ? '' : c.at('description').string(o.description),
    savedAt: o.savedAt === null || o.savedAt === undefined ? null : c.at('savedAt').string(o.savedAt),
    // The environment is informational (fingerprint comparison); only its shape is checked.
    environment: o.environment === null || o.environment === undefined ? null : (c.at('environment').object(o.environment) as unknown as BaselineFile['environment']),
    gitSha: o.gitSha === null || o.gitSha === undefined ? null : c.at('gitSha').string(o.gitSha),
    benchmarks: entries,
  };
}

function validateEntry(c: Checker, raw: unknown): BaselineEntry {
  const o = c.object(raw);
  // `measure` is filled in below once the measured part and target are known.
  const e: Omit<BaselineEntry, 'measure'> & { measure?: BaselineEntry['measure'] } = { id: c.at('id').string(o.id) };
  if (o.measure !== undefined) e.measure = c.at('measure').oneOf(o.measure, ['time', 'instructions'] as const);
  if (o.description !== undefined) e.description = c.at('description').string(o.description);
  if (o.thresholdPercent !== undefined) e.thresholdPercent = c.at('thresholdPercent').positive(o.thresholdPercent);
  if (o.required !== undefined) e.required = c.at('required').boolean(o.required);
  if (o.target !== undefined) {
    const tc = c.at('target');
    const t = tc.object(o.target);
    e.target = {
      value: tc.at('value').positive(t.value),
      unit: tc.at('unit').string(t.unit),
      ...(t.metric !== undefined ? { metric: tc.at('metric').string(t.metric) } : {}),
      comparison: tc.at('comparison').oneOf(t.comparison, ['<', '>'] as const),
      label: t.label === undefined ? '' : tc.at('label').string(t.label),
    };
  }
  if (o.measured !== undefined) {
    const mc = c.at('measured');
    const m = mc.object(o.measured);
    e.measured = {
      unit: mc.at('unit').oneOf(m.unit, UNITS),
      lowerIsBetter: mc.at('lowerIsBetter').boolean(m.lowerIsBetter),
      measure: mc.at('measure').oneOf(m.measure, ['time', 'instructions', 'custom'] as const),
      samples: mc.at('samples').numbers(m.samples, (cc, v) => cc.nonNegative(v)),
      rounds: mc.at('rounds').positive(m.rounds),
      mode: mc.at('mode').oneOf(m.mode, ['quick', 'full'] as const),
      createdAt: mc.at('createdAt').string(m.createdAt),
    };
    if (m.file !== undefined) e.measured.file = mc.at('file').string(m.file);
    if (m.roundEstimates !== undefined) e.measured.roundEstimates = mc.at('roundEstimates').numbers(m.roundEstimates, (cc, v) => cc.nonNegative(v));
    if (m.roundSampleCounts !== undefined) e.measured.roundSampleCounts = validateRoundSampleCounts(mc.at('roundSampleCounts'), m.roundSampleCounts, e.measured.samples.length);
    if (m.estimate !== undefined) e.measured.estimate = validateEstimate(mc.at('estimate'), m.estimate);
    if (m.stats !== undefined) e.measured.stats = validateStats(mc.at('stats'), m.stats);
    if (m.thinnedFrom !== undefined) {
      const from = mc.at('thinnedFrom').positive(m.thinnedFrom);
      if (!Number.isInteger(from) || from < e.measured.samples.length) mc.at('thinnedFrom').fail(`expected a whole number ≥ the ${e.measured.samples.length} samples kept, got ${from}`);
      e.measured.thinnedFrom = from;
    }
    // A baseline saved before the cap (or by hand) is held to the same bound as results.
    const { series, thinning } = capSamples(e.measured);
    if (thinning) e.measured = { ...series, thinnedFrom: e.measured.thinnedFrom ?? thinning.from };
  }
  if (e.measured && e.measured.samples.length === 0) c.at('measured').at('samples').fail(`entry ${JSON.stringify(e.id)} has a measured part but no samples`);
  if (!e.target && !e.measured) c.fail('an entry needs a target, measured samples, or both');
  if (e.measure && e.measured && measureOf(e.measured) !== e.measure) {
    c.at('measured').at('measure').fail(`entry is for measure ${e.measure} but its samples are ${e.measured.measure} (${e.measured.unit})`);
  }
  // A hand-written entry without `measure`: that of its samples, else of its target (a target
  // is wall time unless it is stated in instructions).
  const measure = e.measure ?? measureOf(e.measured ?? { unit: e.target!.unit, measure: 'time' });
  return { ...e, measure };
}
