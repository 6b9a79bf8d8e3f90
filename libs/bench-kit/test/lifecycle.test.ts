import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { defineSuite } from '../src/define/suite.ts';
import { expandSuite, filterInstances } from '../src/runner/expand.ts';
import { fromCustom } from '../src/runner/measures/custom.ts';
import { runProject } from '../src/runner/run.ts';
import { listBenchmarks } from '../src/runner/workload.ts';

const root = join(import.meta.dirname, 'fixtures-outputs');

describe('benchmark ids', () => {
  it('gives every output of a multi-output benchmark its own id, and unnamed benchmarks group/param ids', async () => {
    expect(await listBenchmarks('p', root)).toEqual([
      'p/multi/framed/1KiB',
      'p/raw/1KiB',
      'p/multi/ratio/1KiB',
      'p/multi/partial',
      'p/multi/partial-missing',
      'p/multi/x',
      'p/multi/throws',
    ]);
  });

  it('keeps an instance when any output matches a filter, with only the matching outputs', () => {
    const suite = defineSuite('g', (s) =>
      s.bench('a', { kind: 'custom', outputs: { one: {}, two: { name: 'b' } }, measure: () => ({ one: { unit: 'ratio', samples: [1], lowerIsBetter: false }, two: { unit: 'ratio', samples: [1], lowerIsBetter: false } }) }),
    );
    const kept = filterInstances(expandSuite('p', suite), (id) => id === 'p/g/b');
    expect(kept).toHaveLength(1);
    expect(kept[0].id).toBe('p/g/b');
    expect(kept[0].outputs.map((o) => o.key)).toEqual(['two']);
  });

  it('refuses duplicate ids across outputs', () => {
    const suite = defineSuite('g', (s) => {
      s.bench('a', { fn: () => 1 });
      s.bench('z', { kind: 'custom', outputs: { x: { name: 'a' } }, measure: () => ({ x: { unit: 'ratio', samples: [1], lowerIsBetter: false } }) });
    });
    expect(() => expandSuite('p', suite)).toThrow(/duplicate benchmark id p\/g\/a/);
  });
});

describe('one lifecycle', () => {
  it('runs set-up and teardown around every measurement, and reports each output on its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-kit-lifecycle-'));
    const logFile = join(dir, 'events.log');
    process.env.LIFECYCLE_LOG = logFile;
    try {
      const outcome = await runProject({ project: 'p', root, quick: true, out: join(dir, 'latest.json'), progress: new PassThrough().resume() });
      const byId = Object.fromEntries(outcome.results.benchmarks.map((b) => [b.id, b]));
      expect(byId['p/multi/framed/1KiB']).toMatchObject({ status: 'ok', unit: 'MiB/s', lowerIsBetter: false });
      expect(byId['p/multi/framed/1KiB'].estimate!.point).toBe(100);
      expect(byId['p/raw/1KiB'].estimate!.point).toBe(200);
      expect(byId['p/raw/1KiB'].group).toBe('raw');
      expect(byId['p/multi/ratio/1KiB'].estimate!.point).toBe(0.5);
      expect(byId['p/multi/partial'].status).toBe('ok');
      expect(byId['p/multi/partial-missing']).toMatchObject({ status: 'failed' });
      expect(byId['p/multi/partial-missing'].reason).toMatch(/no measurement for its output "missing"/);
      expect(byId['p/multi/x'].status).toBe('ok');
      expect(byId['p/multi/throws']).toMatchObject({ status: 'failed', reason: 'measure failed on purpose' });
      expect(outcome.failed).toBe(2);
      expect(readFileSync(logFile, 'utf8').trim().split('\n')).toEqual(['setup framed', 'teardown framed', 'setup throws', 'teardown throws']);
    } finally {
      delete process.env.LIFECYCLE_LOG;
    }
  });
});

describe('custom measurements', () => {
  it('a ratio must say which way is better: a wrong default would turn every regression of a time ratio into an improvement', () => {
    expect(() => fromCustom('p/g/r', { unit: 'ratio', samples: [1.2, 1.3] }, undefined)).toThrow(/p\/g\/r reports a ratio without lowerIsBetter/);
    expect(fromCustom('p/g/r', { unit: 'ratio', samples: [1.2, 1.3], lowerIsBetter: true }, undefined).lowerIsBetter).toBe(true);
    expect(fromCustom('p/g/t', { unit: 'ns', samples: [5] }, undefined).lowerIsBetter).toBe(true);
    expect(fromCustom('p/g/q', { unit: 'requests/s', samples: [5] }, undefined).lowerIsBetter).toBe(false);
  });
});
