import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArtefactIndex } from '../src/artefact-index.ts';
import { readCpuProfile } from '../src/cpu/cpuprofile.ts';
import type { HotspotReport } from '../src/cpu/hotspots.ts';
import { profileCpu } from '../src/profile-cpu.ts';
import { fixtureRequest, svgFrames } from './helpers.ts';

describe('profileCpu on a workload with a known hot function', () => {
  it('puts fixtureHotSpin at the top of the hotspot report and the flame graph', { timeout: 120_000 }, async () => {
    const req = fixtureRequest('fixture/cpu/hot', { callgrind: 'never' });
    const entries = await profileCpu(req);
    const byKind = Object.fromEntries(entries.map((e) => [e.kind, e]));
    expect(byKind.cpuprofile?.status).toBe('ok');

    // The .cpuprofile is a valid V8 profile with source-mapped positions.
    const profile = readCpuProfile(join(req.out, 'cpu', 'fixture.cpu.hot.cpuprofile'));
    const hotNode = profile.nodes.find((n) => n.callFrame.functionName === 'fixtureHotSpin')!;
    expect(hotNode.callFrame.url).toMatch(/cpu\.bench\.ts$/);
    expect(hotNode.callFrame.lineNumber + 1).toBe(4);

    const hotspots = JSON.parse(readFileSync(join(req.out, 'cpu', 'fixture.cpu.hot.hotspots.json'), 'utf8')) as HotspotReport;
    expect(hotspots.bySelf[0]).toMatchObject({ name: 'fixtureHotSpin', file: 'libs/profiling/test/fixtures/bench/cpu.bench.ts', line: 4 });
    const md = readFileSync(join(req.out, 'cpu', 'fixture.cpu.hot.hotspots.md'), 'utf8');
    expect(md).toContain('Top hotspot (self): `fixtureHotSpin` at libs/profiling/test/fixtures/bench/cpu.bench.ts:4');
    expect(byKind.hotspots?.summary).toMatch(/^top: fixtureHotSpin at libs\/profiling\/test\/fixtures\/bench\/cpu\.bench\.ts:4:/);

    // In the flame graph the hot function is the widest frame that is not one of its callers.
    const frames = svgFrames(readFileSync(join(req.out, 'cpu', 'fixture.cpu.hot.flamegraph.svg'), 'utf8'));
    const hot = frames.filter((f) => f.name === 'fixtureHotSpin').sort((a, b) => b.w - a.w)[0]!;
    expect(hot.w).toBeGreaterThan(0.4);
    const widestLeafish = frames.filter((f) => f.depth >= hot.depth).sort((a, b) => b.w - a.w)[0]!;
    expect(widestLeafish.name).toBe('fixtureHotSpin');
    expect(hot.title).toContain('libs/profiling/test/fixtures/bench/cpu.bench.ts:4');

    // perf stat: counters are unsupported on these machines, so the entry says why it skipped.
    expect(['ok', 'skipped']).toContain(byKind['perf-stat']?.status);
    if (byKind['perf-stat']?.status === 'skipped') expect(byKind['perf-stat'].summary).toMatch(/not (available|installed)|cannot count/);
    expect(byKind.callgrind).toMatchObject({ status: 'skipped', path: null });

    const index = readArtefactIndex(join(req.out, 'index.json'));
    expect(index.artefacts.map((a) => a.kind).sort()).toEqual(['callgrind', 'cpuprofile', 'flamegraph', 'hotspots', 'perf-stat']);
    expect(index.artefacts.find((a) => a.kind === 'flamegraph')?.path).toBe('profiling/cpu/fixture.cpu.hot.flamegraph.svg');
  });

  it('records a benchmark that skips itself as skipped, with its reason', { timeout: 120_000 }, async () => {
    const req = fixtureRequest('fixture/cpu/skips');
    const entries = await profileCpu(req);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'cpuprofile', status: 'skipped', path: null });
    expect(entries[0]!.summary).toContain('faketool not installed');
  });
});
