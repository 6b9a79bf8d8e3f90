import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { K6SummaryError, parseK6Summary, readK6Summary } from '../src/tools/k6-summary.ts';

/** k6's own test fixtures and the k6-summary schema repository's example: see test/fixtures/k6-upstream/README.md. */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', 'k6-upstream', name), 'utf8');
const outcomes = (json: string) =>
  parseK6Summary(json, { scenario: 'x' })
    .thresholds.map((t) => [t.metric, t.expression, t.passed, t.actual])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('k6 summaries, the shape told by content', () => {
  it('--summary-export (legacy): flat stats, a threshold value of true means it FAILED', () => {
    const r = parseK6Summary(fixture('summary-export.json'), { scenario: 'k6' });
    expect(r.k6).toEqual({ format: 'summary-export', thresholdsIncluded: true });
    expect(r).toMatchObject({ requests: 3, requestsPerSecond: 3, durationS: 1, failures: 0 });
    expect(outcomes(fixture('summary-export.json'))).toEqual([
      ['checks', 'rate>70', true, 0.75],
      ['http_reqs', 'rate<100', false, 3],
      ['my_trend', 'my_trend<1000', false, undefined],
    ]);
  });

  it('handleSummary data: type/contains/values, thresholds as {ok}, duration from state: the same outcomes as the export of the same run', () => {
    const r = parseK6Summary(fixture('handle-summary.json'), { scenario: 'k6' });
    expect(r.k6).toEqual({ format: 'handle-summary', thresholdsIncluded: true });
    expect(r).toMatchObject({ requests: 3, durationS: 1 });
    expect(outcomes(fixture('handle-summary.json'))).toEqual(outcomes(fixture('summary-export.json')));
  });

  it('the machine-readable summary as k6 writes it (snake_case, Rate as matches/total, Trend p90/p95)', () => {
    const s = readK6Summary(JSON.parse(fixture('machine-readable.json')));
    expect(s).toMatchObject({ format: 'machine-readable', k6Version: '2.2.0', schemaVersion: '1.0.0', durationS: 0.0317 });
    expect(s.metrics.get('iteration_duration')?.values).toMatchObject({ p90: 0.412, p95: 0.412 });
    expect([...s.metrics.keys()]).toEqual(['iteration_duration', 'iterations', 'data_sent', 'data_received', 'custom_iterations']);
    // That run made no HTTP request: said so, not read as zero requests.
    expect(() => parseK6Summary(fixture('machine-readable.json'), { scenario: 'k6' })).toThrow(/no 'http_reqs' metric/);
  });

  it('the machine-readable summary in the schema repository’s spelling: requests, failures from the rate, no thresholds', () => {
    const r = parseK6Summary(fixture('schema-repo-example-v1-basic.json'), { scenario: 'k6' });
    expect(r.k6).toEqual({ format: 'machine-readable', k6Version: '1.1.0', schemaVersion: '1.0.0', thresholdsIncluded: false });
    // Its http_req_failed says passes 1470, fails 30, rate 0.02: the rate (k6's true fraction) gives 30.
    expect(r).toMatchObject({ requests: 1500, failures: 30, durationS: 60, requestsPerSecond: 24.79, iterations: 1500, thresholds: [], endpoints: {} });
    expect(r.latencyMs).toMatchObject({ p50: 234.56, p90: 387.65, p95: 421.32, p99: 445.12, max: 456.78 });
  });

  it('sub-metrics named by a threshold become per-endpoint figures (k6’s naming, `metric{tag:value}`)', () => {
    // The upstream handleSummary data with its trend renamed to a per-endpoint sub-metric.
    const data = JSON.parse(fixture('handle-summary.json')) as { metrics: Record<string, unknown> };
    data.metrics['http_req_duration{name:submit}'] = data.metrics.my_trend;
    delete data.metrics.my_trend;
    const r = parseK6Summary(JSON.stringify(data), { scenario: 'k6' });
    expect(r.endpoints.submit).toMatchObject({ requests: 3, latencyMs: { p50: 15, p90: 19, p95: 19.5, p99: 19.9, max: 20 } });
  });

  it('refuses what is none of the three, naming what is wrong', () => {
    const bad = (json: string) => () => parseK6Summary(json, { scenario: 'k6' });
    expect(bad('{')).toThrow(K6SummaryError);
    expect(bad('{}')).toThrow(/no 'metrics' object and no 'results.metrics' array/);
    expect(bad('[1]')).toThrow(/not a JSON object/);
    expect(bad('{"version":"2.0.0","results":{"metrics":[]}}')).toThrow(/version 2\.0\.0: only 1\.x/);
    expect(bad('{"metrics":{"http_reqs":{"type":"counter","values":{"count":1},"thresholds":{"count>0":{"ok":"yes"}}}}}')).toThrow(/metric 'http_reqs': threshold 'count>0'/);
  });
});
