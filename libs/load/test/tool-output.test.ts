import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/tools/csv.ts';
import { parseWrkOutput, WrkOutputError } from '../src/tools/wrk.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('CSV', () => {
  it('handles quotes, doubled quotes, commas and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, ""y""",2\n')).toEqual([['a', 'b'], ['x, "y"', '2']]);
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
