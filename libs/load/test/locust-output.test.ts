import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseThresholds } from '../src/driver/thresholds.ts';
import { CsvFormatError } from '../src/tools/csv.ts';
import { lostWorkerRequests, parseLocustCsv, type LocustOutput, type LocustRunFacts } from '../src/tools/locust-results.ts';
import { locustLogSpanS, parseLocustPrintedSummary } from '../src/tools/locust-summary.ts';
import { workerCountsIn } from '../src/tools/locust.ts';

/** Real python3-locust 2.12.1 output: see test/fixtures/locust-2.12/README.md for the commands. */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', 'locust-2.12', name), 'utf8');
const run = (prefix: string, withPrinted = true): LocustOutput => ({
  stats: fixture(`${prefix}_stats.csv`),
  history: fixture(`${prefix}_stats_history.csv`),
  failures: fixture(`${prefix}_failures.csv`),
  ...(withPrinted ? { printed: fixture(`${prefix}_output.txt`) } : {}),
});

describe("Locust's printed final summary", () => {
  it('reads every row, the percentile table and the error report', () => {
    const s = parseLocustPrintedSummary(fixture('stock13_output.txt'))!;
    expect(s.aggregated).toMatchObject({ type: '', name: 'Aggregated', requests: 513, failures: 92, mean: 13, min: 1, max: 123, median: 9, requestsPerSecond: 41.98, failuresPerSecond: 7.53 });
    expect(s.entries.map((e) => `${e.type} ${e.name} ${e.requests}`)).toEqual(['GET status 305', 'GET status-unknown 92', 'POST submit 116']);
    expect([...s.aggregated.percentiles]).toEqual([[50, 9], [66, 13], [75, 16], [80, 19], [90, 32], [95, 43], [98, 65], [99, 75], [99.9, 120], [99.99, 120], [100, 120]]);
    expect(s.entries[2].percentiles.get(95)).toBe(74);
    expect([...s.errors]).toEqual([["GET status-unknown: HTTPError('404 Client Error: Not Found for url: status-unknown')", 92]]);
  });

  it('is absent from output that has no statistics table', () => {
    expect(parseLocustPrintedSummary('Traceback (most recent call last):\n  ...\nImportError: x')).toBeUndefined();
  });

  it("gives the load's span from Locust's log lines", () => {
    expect(locustLogSpanS(fixture('stock13_output.txt'))).toBeCloseTo(12.236, 3);
    expect(locustLogSpanS(fixture('distributed_output.txt'))).toBeUndefined(); // --loglevel WARNING
  });
});

describe('Locust 2.12 output → common result', () => {
  it('takes the totals Locust printed at exit: _stats.csv trails them (506 of 513 requests)', () => {
    expect(fixture('stock13_stats.csv')).toMatch(/^,Aggregated,506,91,/m);
    const r = parseLocustCsv(run('stock13'), { scenario: 'plain' });
    expect(r).toMatchObject({ tool: 'locust', requests: 513, failures: 92 });
    expect(r.locust).toMatchObject({ totals: 'printed-summary', duration: 'locust-log' });
    expect(Object.keys(r.endpoints)).toEqual(['status', 'status-unknown', 'submit']);
    expect(r.endpoints.submit).toMatchObject({ requests: 116, failures: 0 });
    expect(r.errors).toEqual({ "GET status-unknown: HTTPError('404 Client Error: Not Found for url: status-unknown')": 92 });
    // The duration is the run's (12.2 s by Locust's log), not the history's 10 s.
    expect(r.durationS).toBeCloseTo(12.236, 3);
    expect(r.requestsPerSecond).toBeCloseTo(513 / 12.236, 2);
  });

  it('without the printed output: the last CSV write, and the result says so', () => {
    const r = parseLocustCsv(run('stock13', false), { scenario: 'plain' });
    expect(r).toMatchObject({ requests: 506, failures: 91 });
    expect(r.locust).toMatchObject({ totals: 'last-csv-write', duration: 'locust-rate' });
    expect(r.latencyMs.mean).toBeCloseTo(13.79, 2); // the CSV's precise times
    expect(r.requestsPerSecond).toBeCloseTo(42.108, 3);
    expect(parseLocustCsv(run('stock13', false), { scenario: 'plain', durationS: 12.5 }).locust?.duration).toBe('caller');
  });

  it('marks a history that stops early as partial: flushed every 10 s and not at exit', () => {
    const r = parseLocustCsv(run('stock13'), { scenario: 'plain' });
    expect(r.locust).toMatchObject({ historyPartial: true, intervalPercentiles: 'cumulative' });
    expect(r.locust!.historyCoversS).toBe(10);
    // Per-second requests from the running totals of the rows that were written.
    expect(r.intervals.map((i) => i.requests)).toEqual([37, 48, 48, 43, 38, 46, 43, 35, 38, 46]);
    expect(r.intervals.reduce((s, i) => s + i.requests, 0)).toBe(422);

    const short = parseLocustCsv(run('stock4'), { scenario: 'plain' });
    expect(short).toMatchObject({ requests: 122, intervals: [] });
    expect(fixture('stock4_stats.csv')).toMatch(/^,Aggregated,79,/m);
    expect(short.locust).toMatchObject({ historyPartial: true, historyCoversS: 0 });
  });

  it('--csv-full-history: per-name rows are skipped and the percentiles are named a trailing window', () => {
    const r = parseLocustCsv(run('fullhistory13'), { scenario: 'plain' });
    expect(r.locust?.intervalPercentiles).toBe('trailing-10s');
    expect(r.requests).toBe(537);
    const aggregatedRows = fixture('fullhistory13_stats_history.csv').split('\n').filter((l) => l.includes(',Aggregated,'));
    expect(r.intervals).toHaveLength(aggregatedRows.length - 1);
  });

  it('judges thresholds on the final figures, with the smallest written percentile at or above the asked one', () => {
    const thresholds = parseThresholds({
      http_req_failed: ['rate<0.01'],
      http_req_duration: ['p(95)<500', 'p(97)<60'],
      'http_req_duration{name:submit}': ['p(95)<50'],
      http_reqs: ['count>500'],
    });
    const r = parseLocustCsv(run('stock13'), { scenario: 'plain', thresholds });
    expect(r.thresholds.map((t) => [t.metric, t.expression, t.passed, t.actual])).toEqual([
      ['http_req_failed', 'rate<0.01', false, 92 / 513],
      ['http_req_duration', 'p(95)<500', true, 43],
      ['http_req_duration', 'p(97)<60', false, 65], // Locust's 98% column
      ['http_req_duration{name:submit}', 'p(95)<50', false, 74],
      ['http_reqs', 'count>500', true, 513],
    ]);
  });

  it('a distributed run: duration from the run facts, the workers add up to the master with 0 lost', () => {
    const facts = JSON.parse(fixture('distributed_run_facts.json')) as LocustRunFacts;
    const own = workerCountsIn(`${fixture('distributed_worker1.txt')}\n${fixture('distributed_worker2.txt')}`);
    expect([...own.values()].sort()).toEqual([594, 599]);
    const r = parseLocustCsv({ ...run('distributed'), runFacts: facts, workerOwnCounts: own }, { scenario: 'dist', minIntervalS: 3 });
    expect(r.requests).toBe(1193);
    expect(r.locust).toMatchObject({ totals: 'printed-summary', duration: 'run', historyPartial: false });
    expect(r.durationS).toBeCloseTo(facts.endTime! - facts.startTime!, 6);
    expect(r.locust!.workers!.map((w) => [w.reportedRequests, w.ownRequests])).toEqual([
      [599, 599],
      [594, 594],
    ]);
    expect(lostWorkerRequests(r)).toEqual({ workerSum: 1193, lost: 0, source: 'own' });
    // The CSV's final row has the printed counts, so its precise times are kept.
    expect(r.latencyMs.mean).toBeCloseTo(17.524, 3);
    // Reports arrive every 3 s: intervals of at least 3 s, idle drain seconds dropped, all requests in.
    expect(r.intervals.every((i) => i.second === 0 || i.requests > 0)).toBe(true);
    expect(r.intervals.reduce((s, i) => s + i.requests, 0)).toBe(1193);
    // A worker whose own count is missing: the master's reported counts are used, and said to be.
    expect(lostWorkerRequests({ requests: 1190, locust: { ...r.locust!, workers: [{ id: 'a', reportedRequests: 600 }, { id: 'b', reportedRequests: 593, ownRequests: 593 }] } })).toEqual({ workerSum: 1193, lost: 3, source: 'reported' });
  });

  it('names the file and the column that is missing', () => {
    expect(() => parseLocustCsv({ stats: 'Type,Name\n,Aggregated\n' }, { scenario: 'x' })).toThrow(CsvFormatError);
    expect(() => parseLocustCsv({ stats: 'Type,Name\n,Aggregated\n' }, { scenario: 'x' })).toThrow(/_stats\.csv: missing column/);
  });
});
