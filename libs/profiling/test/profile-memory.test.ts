import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHeapProfile } from '../src/memory/heap-profile.ts';
import { judgeLeak } from '../src/memory/leak-check.ts';
import { parseMemoryCsv } from '../src/memory/sampler.ts';
import { profileMemory } from '../src/profile-memory.ts';
import { runWorkloadProcess } from '../src/workload/spawn.ts';
import { fixtureProject, fixtureRequest, workspaceRoot } from './helpers.ts';

const MiB = 1024 * 1024;

async function leakRounds(id: string): Promise<number[]> {
  const { report } = await runWorkloadProcess({
    cwd: workspaceRoot,
    nodeFlags: ['--expose-gc'],
    request: { project: fixtureProject.name, root: fixtureProject.root, id, seconds: 0.8, quick: true, leak: { rounds: 6 } },
  });
  expect(report.leak?.heapAfterGc).toHaveLength(6);
  return report.leak!.heapAfterGc;
}

describe('leak check on real workloads', () => {
  it('flags the deliberately leaking fixture', { timeout: 120_000 }, async () => {
    const verdict = judgeLeak(await leakRounds('fixture/memory/leaky'));
    expect(verdict.leak).toBe(true);
    expect(verdict.summary).toMatch(/^LEAK/);
  });

  it('passes the clean fixture', { timeout: 120_000 }, async () => {
    const verdict = judgeLeak(await leakRounds('fixture/memory/clean'));
    expect(verdict.leak).toBe(false);
  });
});

describe('profileMemory', () => {
  it('writes a plausible memory CSV, a heap profile and memory by size', { timeout: 120_000 }, async () => {
    const req = fixtureRequest('fixture/memory/buffer/medium', { leakRounds: 0, nativeMemory: false, seconds: 0.6 });
    const entries = await profileMemory(req);
    const kinds = entries.map((e) => `${e.kind}:${e.bench}:${e.status}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'memory-csv:fixture/memory/buffer/medium:ok',
        'heapprofile:fixture/memory/buffer/medium:ok',
        'memory-csv:fixture/memory/buffer/small:ok',
        'memory-csv:fixture/memory/buffer/large:ok',
        'memory-by-size:fixture/memory/buffer/medium:ok',
        'native-memory:fixture/memory/buffer/medium:skipped',
      ]),
    );

    const samples = parseMemoryCsv(readFileSync(join(req.out, 'memory', 'fixture.memory.buffer.medium.memory.csv'), 'utf8'));
    expect(samples.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < samples.length; i++) expect(samples[i]!.tMs).toBeGreaterThan(samples[i - 1]!.tMs);
    for (const s of samples) {
      expect(s.rss).toBeGreaterThan(10 * MiB);
      expect(s.rss).toBeLessThan(8 * 1024 * MiB);
      expect(s.heapUsed).toBeGreaterThan(0);
      expect(s.heapUsed).toBeLessThanOrEqual(s.heapTotal);
      expect(s.arrayBuffers).toBeLessThanOrEqual(s.external);
    }
    // The medium workload holds an 8 MB Float64Array while it runs.
    expect(Math.max(...samples.map((s) => s.arrayBuffers))).toBeGreaterThanOrEqual(8_000_000);

    const bySize = JSON.parse(readFileSync(join(req.out, 'memory', 'fixture.memory.buffer.by-size.json'), 'utf8')) as {
      sizes: { size: string; memory: { peakArrayBuffers: number } }[];
    };
    expect(bySize.sizes.map((s) => s.size)).toEqual(['small', 'medium', 'large']);
    const peaks = bySize.sizes.map((s) => s.memory.peakArrayBuffers);
    expect(peaks[0]).toBeLessThan(peaks[1]!);
    expect(peaks[1]).toBeLessThan(peaks[2]!);
    expect(readFileSync(join(req.out, 'memory', 'fixture.memory.buffer.by-size.md'), 'utf8')).toContain('| large |');

    const heap = readHeapProfile(join(req.out, 'memory', 'fixture.memory.buffer.medium.heapprofile'));
    expect(heap.head.children.length).toBeGreaterThan(0);
    expect(existsSync(join(req.out, 'index.json'))).toBe(true);
  });

  it('runs a custom benchmark once and flags nothing on a clean leak check', { timeout: 120_000 }, async () => {
    const req = fixtureRequest('fixture/memory/once', { leakRounds: 4, nativeMemory: false, seconds: 0.4 });
    const entries = await profileMemory(req);
    expect(entries.find((e) => e.kind === 'leak-check')?.status).toBe('ok');
    expect(entries.find((e) => e.kind === 'memory-by-size')).toBeUndefined();
  });
});
