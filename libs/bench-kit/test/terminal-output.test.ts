import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { relativeSummaries } from '../src/analysis/relative.ts';
import { renderHelp } from '../src/cli/help.ts';
import { colourEnabled, painter, PLAIN } from '../src/report/colour.ts';
import { renderRunMarkdown } from '../src/report/markdown.ts';
import { renderRunSummary } from '../src/report/run-summary.ts';
import type { GoalResult } from '../src/results/schema.ts';
import { expectRun } from '../src/runner/expected-duration.ts';
import { Progress } from '../src/runner/progress.ts';
import type { RawBenchmark } from '../src/runner/protocol.ts';
import { customResult, notOkResult, resultsFile, timedResult } from './support/results-fixture.ts';

const ESCAPES = /\x1b\[[0-9;]*m/g;

/** One run's results: ok timed benchmarks and their anchors, a ratio benchmark, a warning, a skip, a failure, goals. */
function fixture() {
  const wrapped = timedResult('demo/hash/64KiB', 41_000, 1);
  const raw = timedResult('demo/hash-raw/64KiB', 43_500, 2);
  const ratio = customResult('demo/driver-calibration', [0.91, 0.94, 0.92, 0.9, 0.93, 0.95], 'ratio', false);
  const noisy = timedResult('demo/parse/large', 2_300_000, 3);
  noisy.warnings.push('high relative spread: MAD is 12.0% of the median; compare with care or use more rounds');
  const skipped = notOkResult('demo/k6', 'skipped', 'k6 is not installed: see https://grafana.com/docs/k6/');
  const failed = notOkResult('demo/pg/write', 'failed', 'connection refused');
  const goals: GoalResult[] = [
    { name: 'hash 64KiB >= 90% of raw', description: '', status: 'met', actual: 1.06, target: 0.9, unit: 'ratio', benchmarks: [wrapped.id, raw.id] },
    { name: 'pg write < 10 ms', description: '', status: 'unknown', target: 10_000_000, unit: 'ns', benchmarks: [failed.id], reason: 'demo/pg/write did not run ok' },
  ];
  const file = resultsFile([wrapped, raw, ratio, noisy, skipped, failed], { goals });
  const relative = relativeSummaries(
    [
      { subject: wrapped.id, anchor: raw.id },
      { subject: ratio.id, ratioTo: 'wrk' },
      { subject: failed.id, anchor: wrapped.id },
    ],
    file.benchmarks,
  );
  return { file, relative };
}

/** A scripted run through Progress on a non-terminal stream, with a fake clock. */
function progressTranscript(): string {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  let now = 0;
  const raw = (id: string, status: RawBenchmark['status'], perIteration: number, reason?: string): RawBenchmark => ({
    id, group: id.split('/')[1], status, ...(reason ? { reason } : {}), kind: 'timed', unit: 'ns', lowerIsBetter: true, samplingMode: 'linear',
    values: status === 'ok' ? [perIteration * 100, perIteration * 200] : [], iterations: status === 'ok' ? [100, 200] : [], statistic: 'slope', warnings: [], durationMs: 0,
  });
  const expectation = expectRun({
    files: [{ instances: ['demo/hash/64KiB', 'demo/hash-raw/64KiB', 'demo/k6', 'demo/pg/write'].map((id) => ({ id, group: id.split('/')[1], definition: { fn: () => 0 }, outputs: [{ key: undefined, id, group: id.split('/')[1] }] })) }],
    rounds: 1,
    quick: true,
    measure: 'time',
    history: { durations: new Map([['demo/k6', 4000], ['demo/pg/write', 9000]]), label: 'the last quick run, 2026-01-01 10:00 UTC' },
  });
  const p = new Progress(out, 4, { expectation, paint: PLAIN, live: false, now: () => now });
  p.header('demo: 1 bench file(s), 4 benchmark(s) (quick)');
  p.fileStarted();
  now += 1500;
  p.start('demo/hash/64KiB');
  now += 900;
  p.finish(raw('demo/hash/64KiB', 'ok', 41_000));
  p.start('demo/hash-raw/64KiB');
  now += 11_000;
  p.phase('demo/hash-raw/64KiB', 'sampling', 9, 15);
  now += 400;
  p.finish(raw('demo/hash-raw/64KiB', 'ok', 43_500));
  p.start('demo/k6');
  now += 100;
  p.finish(raw('demo/k6', 'skipped', 0, 'k6 is not installed'));
  p.start('demo/pg/write');
  p.message('demo/pg/write', 'starting PostgreSQL');
  now += 3000;
  p.finish(raw('demo/pg/write', 'failed', 0, 'connection refused\n    at connect'));
  p.relative(fixture().relative);
  p.end();
  return text;
}

describe('plain terminal output (non-TTY, no colour): snapshots (issue 20)', () => {
  it('progress lines: expected duration, time left corrected as it goes, ok/skipped/failed, relative lines', async () => {
    await expect(progressTranscript()).toMatchFileSnapshot('__snapshots__/progress.plain.txt');
  });

  it('the end-of-run summary: table, relative summaries, warnings, goals, failures, totals, exports', async () => {
    const { file, relative } = fixture();
    const text = renderRunSummary(file, { relative, paint: PLAIN, resultsPath: 'libs/demo/bench-results/latest.json', exports: ['run.md'] });
    await expect(text).toMatchFileSnapshot('__snapshots__/summary.plain.txt');
  });

  it('the Markdown export of one run', async () => {
    const { file, relative } = fixture();
    await expect(renderRunMarkdown(file, relative)).toMatchFileSnapshot('__snapshots__/run.md');
  });

  it('the help with a project\'s declared options', async () => {
    const options = new Map([['model', { declaration: { type: 'string' as const, valueName: 'file.gguf', description: 'a GGUF model instead of the generated ones' }, files: ['llama.bench.ts'] }]]);
    await expect(renderHelp([{ project: 'ai', options, loadErrors: [] }, { project: 'core', options: new Map(), loadErrors: [] }])).toMatchFileSnapshot('__snapshots__/help.txt');
  });

  it('colour is the same text plus escapes, and only where NO_COLOR / FORCE_COLOR / CI / the terminal allow', () => {
    const { file, relative } = fixture();
    const coloured = renderRunSummary(file, { relative, paint: painter(true), resultsPath: 'x.json' });
    expect(coloured).toMatch(ESCAPES);
    expect(coloured.replace(ESCAPES, '')).toBe(renderRunSummary(file, { relative, paint: PLAIN, resultsPath: 'x.json' }));
    const tty = { isTTY: true };
    expect(colourEnabled(tty, {})).toBe(true);
    expect(colourEnabled({ isTTY: false }, {})).toBe(false);
    expect(colourEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled(tty, { CI: 'true' })).toBe(false);
    expect(colourEnabled(tty, { TERM: 'dumb' })).toBe(false);
    expect(colourEnabled({ isTTY: false }, { FORCE_COLOR: '1', CI: 'true' })).toBe(true);
    expect(colourEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colourEnabled(tty, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
  });
});
