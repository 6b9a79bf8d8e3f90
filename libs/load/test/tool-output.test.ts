import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/tools/csv.ts';
import { parseK6Summary, K6SummaryError } from '../src/tools/k6-summary.ts';
import { parseWrkOutput, WrkOutputError } from '../src/tools/wrk.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('CSV', () => {
  it('handles quotes, doubled quotes, commas and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, ""y""",2\n')).toEqual([['a', 'b'], ['x, "y"', '2']]);
  });
});

describe('k6 --summary-export (legacy format)', () => {
  it('reads metrics, and a threshold value of true means it FAILED', () => {
    const r = parseK6Summary(fixture('k6-summary.json'), { scenario: 'k6 smoke' });
    expect(r).toMatchObject({ tool: 'k6', requests: 480, failures: 2, iterations: 120, droppedIterations: 3 });
    expect(r.requestsPerSecond).toBeCloseTo(47.52);
    expect(r.latencyMs).toMatchObject({ p50: 30.5, p90: 88.1, p95: 120.7, p99: 480.2, max: 912.4 });
    const byExpr = Object.fromEntries(r.thresholds.map((t) => [`${t.metric} ${t.expression}`, t]));
    expect(byExpr['http_req_duration p(95)<500']).toMatchObject({ passed: true, actual: 120.7 });
    expect(byExpr['http_req_duration p(99)<300']).toMatchObject({ passed: false, actual: 480.2 });
    expect(byExpr['http_req_failed rate<0.01']).toMatchObject({ passed: true });
    expect(byExpr['http_reqs count>1000']).toMatchObject({ passed: false, actual: 480 });
    expect(byExpr['http_req_duration{name:submit} p(95)<200']).toMatchObject({ passed: true });
    expect(r.endpoints.submit.latencyMs.p99).toBe(700.2);
  });

  it('rejects files that are not a summary export', () => {
    expect(() => parseK6Summary('{', { scenario: 'x' })).toThrow(K6SummaryError);
    expect(() => parseK6Summary('{"metrics":{}}', { scenario: 'x' })).toThrow(/http_reqs/);
  });
});

describe('wrk output', () => {
  it('reads rate, percentiles (µs/ms units) and errors', () => {
    const w = parseWrkOutput(fixture('wrk-output.txt'));
    expect(w).toMatchObject({ requests: 62331, durationS: 3, requestsPerSecond: 20768.54, non2xx3xx: 4, socketErrors: { connect: 0, read: 2, write: 0, timeout: 1 } });
    expect(w.latencyMs).toMatchObject({ p50: 2.27, p90: 2.98, p99: 5.87, max: 21.3 });
    expect(() => parseWrkOutput('nothing')).toThrow(WrkOutputError);
  });
});
