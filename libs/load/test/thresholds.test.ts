import { describe, expect, it } from 'vitest';
import { compare, evaluateThresholds, parseThreshold, parseThresholdArgument, parseThresholds, ThresholdSyntaxError } from '../src/driver/thresholds.ts';

describe('k6-style thresholds', () => {
  it('parses percentiles, rates, counts and tag filters', () => {
    expect(parseThreshold('http_req_duration', 'p(95)<500')).toMatchObject({ metric: 'http_req_duration', aggregation: { kind: 'percentile', p: 95 }, operator: '<', value: 500 });
    expect(parseThreshold('http_req_duration', 'p(99.9) <= 1500')).toMatchObject({ aggregation: { kind: 'percentile', p: 99.9 }, operator: '<=' });
    expect(parseThreshold('http_req_failed', 'rate<0.01')).toMatchObject({ aggregation: { kind: 'rate' }, value: 0.01 });
    expect(parseThreshold('dropped_iterations', 'count==0')).toMatchObject({ aggregation: { kind: 'count' }, operator: '==' });
    expect(parseThreshold('http_req_duration{name:submit}', 'med<100')).toMatchObject({ metric: 'http_req_duration', tags: { name: 'submit' } });
    expect(parseThresholdArgument('http_req_duration{name:submit}:p(99)<800')).toMatchObject({ key: 'http_req_duration{name:submit}', expression: 'p(99)<800' });
  });

  it('rejects bad thresholds with a typed error naming the metric and expression', () => {
    expect(() => parseThreshold('http_req_duration', 'p95<500')).toThrow(ThresholdSyntaxError);
    expect(() => parseThreshold('http_req_duration', 'rate<0.1')).toThrow(/trend/);
    expect(() => parseThreshold('http_req_failed', 'p(95)<1')).toThrow(/rate/);
    expect(() => parseThreshold('no_such_metric', 'count<1')).toThrow(/unknown metric/);
    expect(() => parseThreshold('http_req_duration', 'p(101)<5')).toThrow(/percentile/);
    expect(() => parseThresholdArgument('p(95)<500')).toThrow(ThresholdSyntaxError);
  });

  it('evaluates against observed values; missing data fails', () => {
    const t = parseThresholds({ http_req_duration: ['p(95)<500', 'max<100'], http_req_failed: ['rate<0.01'], http_reqs: ['count>0'] });
    const values: Record<string, number> = { 'http_req_duration:percentile': 200, 'http_req_duration:max': 150, 'http_req_failed:rate': 0, 'http_reqs:count': 10 };
    const out = evaluateThresholds(t, (m, _tags, agg) => values[`${m}:${agg.kind}`]);
    expect(out.map((o) => o.passed)).toEqual([true, false, true, true]);
    expect(evaluateThresholds(t, () => undefined).every((o) => !o.passed)).toBe(true);
  });

  it('compares with every operator', () => {
    expect([compare(1, '<', 2), compare(2, '<=', 2), compare(3, '>', 2), compare(2, '>=', 2), compare(2, '==', 2), compare(2, '===', 2), compare(1, '!=', 2)]).toEqual(Array(7).fill(true));
  });
});
