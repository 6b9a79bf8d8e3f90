import { describe, expect, it } from 'vitest';
import { MEMORY_CSV_HEADER, MemorySampler, memoryCsv, parseMemoryCsv, summariseMemory } from '../src/memory/sampler.ts';

describe('MemorySampler', () => {
  it('samples only when an interval has passed, and writes a CSV that reads back', () => {
    let now = 1000;
    let rss = 100;
    const read = () => ({ rss: (rss += 10), heapUsed: 5, heapTotal: 8, external: 3, arrayBuffers: 1 });
    const s = new MemorySampler(50, read, () => now);
    s.start();
    now += 20;
    s.poll(); // too soon
    now += 40;
    s.poll(); // 60 ms after the first sample
    now += 50;
    s.poll();
    now += 5;
    const samples = s.stop();
    expect(samples.map((x) => x.tMs)).toEqual([0, 60, 110, 115]);
    const csv = memoryCsv(samples);
    expect(csv.split('\n')[0]).toBe(MEMORY_CSV_HEADER);
    expect(parseMemoryCsv(csv)).toEqual(samples);
    expect(summariseMemory(samples)).toMatchObject({ samples: 4, peakRss: 140, startRss: 110, endRss: 140, durationMs: 115 });
  });

  it('rejects a bad CSV naming the line', () => {
    expect(() => parseMemoryCsv('t,rss\n', 'x.csv')).toThrow(/x.csv: first line/);
    expect(() => parseMemoryCsv(`${MEMORY_CSV_HEADER}\n1,2,3\n`, 'x.csv')).toThrow(/x.csv: line 2/);
    expect(() => new MemorySampler(0)).toThrow(RangeError);
  });
});
