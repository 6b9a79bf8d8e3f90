import { describe, expect, it } from 'vitest';
import { MetricsCollector } from '../src/driver/metrics-collector.ts';

describe('MetricsCollector', () => {
  it('per-second buckets keep their own latencies across second boundaries (dense current second folded into packed)', () => {
    const m = new MetricsCollector(1000);
    // Second 0: 1 ms latencies; second 1: 10 ms; second 3: 100 ms (second 2 empty).
    for (let i = 0; i < 100; i++) m.recordRequest('a', 200, undefined, 1000 + i * 9, 1000, 1000);
    for (let i = 0; i < 50; i++) m.recordRequest(i % 2 ? 'a' : 'b', 500, undefined, 2000 + i * 19, 10_000, 9_000);
    m.recordDropped(3100);
    for (let i = 0; i < 10; i++) m.recordRequest('a', 0, 'ECONNRESET', 4000 + i, 100_000, 100_000);
    const s = m.intervalStats(4500);
    expect(s.map((x) => x.requests)).toEqual([100, 50, 0, 10]);
    expect(s.map((x) => x.failures)).toEqual([0, 50, 0, 10]);
    expect(s[0].p50Ms).toBeCloseTo(1, 1);
    expect(s[1].maxMs).toBeCloseTo(10, 0);
    expect(s[2]).toMatchObject({ requests: 0, droppedIterations: 1, p50Ms: 0 });
    expect(s[3].p99Ms).toBeCloseTo(100, -1);
    expect(m.requests).toBe(160);
    expect(m.latency.count).toBe(160);
    expect(m.serviceTime.maxMicros()).toBeLessThan(m.latency.maxMicros() + 1000);
    expect(m.endpointStats().b.requests).toBe(25);
    expect(m.endpointStats().a.requests).toBe(135);
    expect(Object.fromEntries(m.errors)).toEqual({ ECONNRESET: 10 });
    // Asking again does not double-count the folded second.
    expect(m.intervalStats(4500).map((x) => x.requests)).toEqual([100, 50, 0, 10]);
    expect(m.intervalStats(4500)[3].p50Ms).toBeCloseTo(100, -1);
  });

  it('users per second are the peak seen in that second, so a run shorter than the once-a-second tick still reports them', () => {
    const m = new MetricsCollector(0);
    for (const [at, users] of [[10, 1], [200, 3], [450, 6], [900, 2], [1500, 4]] as const) m.observeUsers(at, users);
    expect(m.intervalStats(1600).map((x) => x.users)).toEqual([6, 4]);
  });
});
