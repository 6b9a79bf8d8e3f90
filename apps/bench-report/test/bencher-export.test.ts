import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { BENCHER_BUILT_IN, bencherMeasure } from '../src/report/exports.ts';
import { makeWorkspace, syntheticResults, type BenchSpec } from './support/fixtures.ts';

/** Bencher's own list of built-in measures (slug and units), taken from its source. */
const upstream = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'bencher', 'built-in-measures.json'), 'utf8')) as {
  measures: { slug: string; units: string }[];
};
const builtIn = new Map(upstream.measures.map((m) => [m.slug, m.units]));

/** What each of our units means, in the words Bencher uses for its measures' units. */
const OUR_UNITS: Record<string, string> = {
  ns: 'nanoseconds (ns)',
  'ops/s': 'operations / second (ops/s)',
  'requests/s': 'operations / second (ops/s)', // one request is the operation
  'tokens/s': 'operations / second (ops/s)', // one generated token is the operation
  instructions: 'instructions',
};

const SPECS: BenchSpec[] = [
  { id: 'p/latency/x', value: 20_000 },
  { id: 'p/ops/x', value: 8000, unit: 'ops/s', lowerIsBetter: false },
  { id: 'p/requests/x', value: 900, unit: 'requests/s', lowerIsBetter: false },
  { id: 'p/tokens/x', value: 40, unit: 'tokens/s', lowerIsBetter: false },
  { id: 'p/bandwidth/x', value: 300, unit: 'MiB/s', lowerIsBetter: false },
  { id: 'p/memory/x', value: 3e6, unit: 'bytes' },
  { id: 'p/ratio/x', value: 1.2, unit: 'ratio' },
];

describe('Bencher export uses Bencher’s built-in measures where one fits (issue 19 §4)', () => {
  it('each unit mapped to a built-in goes to the built-in slug whose units are that unit', () => {
    for (const [unit, slug] of Object.entries(BENCHER_BUILT_IN)) {
      expect(builtIn.has(slug!), `${unit} → ${slug}: not a Bencher built-in`).toBe(true);
      expect(builtIn.get(slug!), `${unit} → ${slug}`).toBe(OUR_UNITS[unit]);
    }
    expect(bencherMeasure('ops/s')).toBe('throughput');
    expect(bencherMeasure('ns')).toBe('latency');
  });

  it('units with no built-in keep a slug of their own, which is never a built-in slug', () => {
    for (const unit of ['MiB/s', 'bytes', 'ratio'] as const) expect(builtIn.has(bencherMeasure(unit)), unit).toBe(false);
    expect(bencherMeasure('MiB/s')).toBe('mib-per-s');
  });

  it('bencher.json from a report: built-in slugs, BMF shape (value required, numbers), slugs within 64 characters', async () => {
    const root = makeWorkspace({ p: syntheticResults('p', SPECS, { seed: 1 }) });
    expect(await main(['report', '--skip-history'], { cwd: root, stdout: () => {}, stderr: () => {}, detectGpus: async () => [] })).toBe(0);
    const bmf = JSON.parse(readFileSync(join(root, 'reports', 'bencher.json'), 'utf8')) as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.fromEntries(Object.entries(bmf).map(([id, measures]) => [id, Object.keys(measures)]))).toEqual({
      'p/latency/x': ['latency'],
      'p/ops/x': ['throughput'],
      'p/requests/x': ['throughput'],
      'p/tokens/x': ['throughput'],
      'p/bandwidth/x': ['mib-per-s'],
      'p/memory/x': ['bytes'],
      'p/ratio/x': ['ratio'],
    });
    for (const [id, measures] of Object.entries(bmf)) {
      expect(id.length).toBeLessThanOrEqual(1024);
      for (const [slug, metric] of Object.entries(measures)) {
        expect(slug).toMatch(/^[a-z0-9-]{1,64}$/);
        expect(typeof metric.value).toBe('number');
        for (const key of Object.keys(metric)) expect(['value', 'lower_value', 'upper_value']).toContain(key);
        expect(metric.lower_value as number).toBeLessThanOrEqual(metric.value as number);
        expect(metric.upper_value as number).toBeGreaterThanOrEqual(metric.value as number);
      }
    }
  });
});
