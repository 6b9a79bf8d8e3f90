import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { relativeSummaries, relativeSummary } from '../src/analysis/relative.ts';
import { formatRelative } from '../src/report/relative.ts';
import { runProject } from '../src/runner/run.ts';
import { customResult, notOkResult, timedResult } from './support/results-fixture.ts';
import { BENCH_KIT_ENTRY, tempProject } from './support/temp-project.ts';

const byId = (...rs: ReturnType<typeof timedResult>[]) => new Map(rs.map((r) => [r.id, r]));

describe('relative summaries (issue 20)', () => {
  it('time: the anchor twice as slow → the subject ran ~2× as fast, with a bootstrap CI around it', () => {
    const s = relativeSummary({ subject: 'p/fast', anchor: 'p/slow' }, byId(timedResult('p/fast', 100, 1), timedResult('p/slow', 200, 2)))!;
    expect(s.ratio!.point).toBeCloseTo(2, 1);
    expect(s.ratio!.lower).toBeLessThan(s.ratio!.point);
    expect(s.ratio!.upper).toBeGreaterThan(s.ratio!.point);
    expect(s.ratio!.lower).toBeGreaterThan(1.9);
    expect(s.ratio!.upper).toBeLessThan(2.1);
    expect(formatRelative(s)).toMatch(/^p\/fast ran 2\.\d\d× \[\d\.\d\d, \d\.\d\d\] as fast as p\/slow$/);
  });

  it('rates (higher is better): subject / anchor; a ratio benchmark: its own estimate against what it names', () => {
    const rates = relativeSummary({ subject: 'p/framed', anchor: 'p/raw' }, byId(customResult('p/framed', [80, 82, 78, 81, 79], 'MiB/s', false), customResult('p/raw', [100, 101, 99, 100, 102], 'MiB/s', false)))!;
    expect(rates.ratio!.point).toBeCloseTo(0.8, 2);
    const ratio = relativeSummary({ subject: 'p/driver', ratioTo: 'wrk' }, byId(customResult('p/driver', [0.9, 0.95, 0.92, 0.93], 'ratio', false)))!;
    expect(formatRelative(ratio)).toMatch(/^p\/driver ran 0\.9\d× \[0\.9\d, 0\.9\d\] as fast as wrk$/);
  });

  it('says why there is no figure when a side failed or the units differ, and leaves out pairs not in the run', () => {
    const failed = relativeSummary({ subject: 'p/a', anchor: 'p/b' }, byId(timedResult('p/a', 10, 1), notOkResult('p/b', 'failed', 'boom')))!;
    expect(formatRelative(failed)).toBe('p/a vs p/b: no relative figure (p/b did not run ok)');
    const units = relativeSummary({ subject: 'p/a', anchor: 'p/r' }, byId(timedResult('p/a', 10, 1), customResult('p/r', [1, 2], 'MiB/s', false)))!;
    expect(units.note).toContain('not comparable');
    expect(relativeSummary({ subject: 'p/a', anchor: 'p/elsewhere' }, byId(timedResult('p/a', 10, 1)))).toBeUndefined();
    expect(relativeSummaries([{ subject: 'p/a', anchor: 'p/b' }, { subject: 'p/a', anchor: 'p/b' }], [timedResult('p/a', 10, 1), timedResult('p/b', 20, 2)])).toHaveLength(1);
  });

  it('prints each declared pair once, after the group that completes it, even when the anchor is in a later bench file', async () => {
    const root = tempProject({
      'bench/a-subject.bench.ts': `import { defineSuite } from ${BENCH_KIT_ENTRY};
export default defineSuite('wrapped', (s) => {
  s.bench({ kind: 'custom', measure: () => ({ unit: 'MiB/s', lowerIsBetter: false, samples: [90, 91, 89, 90, 92] }) });
  s.compare('p/wrapped', 'p/raw');
});
`,
      'bench/b-anchor.bench.ts': `import { defineSuite } from ${BENCH_KIT_ENTRY};
export default defineSuite('raw', (s) => {
  s.bench({ kind: 'custom', measure: () => ({ unit: 'MiB/s', lowerIsBetter: false, samples: [100, 101, 99, 100, 100] }) });
});
`,
    });
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const outcome = await runProject({ project: 'p', root, quick: true, progress: out });
    const lines = text.split('\n');
    const relativeAt = lines.findIndex((l) => l.includes('p/wrapped ran'));
    expect(lines.filter((l) => l.includes('p/wrapped ran'))).toHaveLength(1);
    expect(relativeAt).toBeGreaterThan(lines.findIndex((l) => l.includes('✓ p/raw')));
    expect(lines[relativeAt]).toMatch(/p\/wrapped ran 0\.90× \[0\.\d\d, 0\.\d\d\] as fast as p\/raw/);
    expect(outcome.relative.map((r) => formatRelative(r))).toEqual([lines[relativeAt].trim()]);
    // The results mark the anchor (bench-report reads a move of it as the machine's).
    expect(outcome.results.benchmarks.map((b) => [b.id, b.anchor ?? false])).toEqual([
      ['p/wrapped', false],
      ['p/raw', true],
    ]);
  });
});
