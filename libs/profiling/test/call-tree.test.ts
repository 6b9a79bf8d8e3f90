import { describe, expect, it } from 'vitest';
import { buildCallTree, selfTimes } from '../src/cpu/call-tree.ts';
import type { CpuProfile, CpuProfileNode } from '../src/cpu/cpuprofile.ts';
import { asCpuProfile } from '../src/cpu/cpuprofile.ts';
import { computeHotspots, renderHotspotsMarkdown, topHotspot } from '../src/cpu/hotspots.ts';
import { categorise } from '../src/cpu/categories.ts';

const frame = (id: number, functionName: string, children: number[] = [], url = 'file:///w/src/a.ts', line = 10): CpuProfileNode => ({
  id,
  callFrame: { functionName, scriptId: '1', url, lineNumber: line, columnNumber: 2 },
  children,
});

/**
 * root → main → hot (x2 nodes with the same frame: must merge), main → cold,
 * main → rec → rec (recursion), root → (garbage collector). Every sample lasts 100 µs.
 */
function syntheticProfile(): CpuProfile {
  const nodes = [
    frame(1, '(root)', [2, 9], ''),
    frame(2, 'main', [3, 4, 5, 6], 'file:///w/src/main.ts', 0),
    frame(3, 'hot', [], 'file:///w/src/hot.ts', 4),
    frame(4, 'hot', [], 'file:///w/src/hot.ts', 4),
    frame(5, 'cold', [], 'file:///w/src/cold.ts', 1),
    frame(6, 'rec', [7], 'file:///w/src/rec.ts', 0),
    frame(7, 'rec', [], 'file:///w/src/rec.ts', 0),
    frame(9, '(garbage collector)', [], ''),
  ];
  const samples = [...Array(50).fill(3), ...Array(30).fill(4), ...Array(10).fill(5), ...Array(4).fill(6), ...Array(4).fill(7), 9, 9];
  return { nodes, startTime: 0, endTime: (samples.length + 1) * 100, samples, timeDeltas: samples.map(() => 100) };
}

describe('call tree', () => {
  it('gives each sample the time until the next one', () => {
    const { time, samples } = selfTimes(syntheticProfile());
    expect(time.get(3)).toBe(5000);
    expect(samples.get(3)).toBe(50);
    // The last sample lasts until endTime.
    expect(time.get(9)).toBe(100 + 100);
  });

  it('merges identical stacks and orders callees heaviest first', () => {
    const root = buildCallTree(syntheticProfile());
    expect(root.total).toBe(10_000);
    const main = root.children[0]!;
    expect(main.name).toBe('main');
    expect(main.children.map((c) => c.name)).toEqual(['hot', 'cold', 'rec']);
    const hot = main.children[0]!;
    expect(hot.self).toBe(8000);
    expect(hot.selfSamples).toBe(80);
    expect(hot.line).toBe(5);
    expect(hot.category).toBe('js');
  });

  it('ranks hotspots by self and total, counting recursion once', () => {
    const report = computeHotspots(buildCallTree(syntheticProfile()), { baseDir: '/w' });
    expect(report.bySelf[0]).toMatchObject({ name: 'hot', file: 'src/hot.ts', line: 5, selfUs: 8000, selfPct: 80 });
    expect(report.byTotal[0]).toMatchObject({ name: 'main', totalPct: 98 });
    const rec = report.byTotal.find((h) => h.name === 'rec')!;
    expect(rec.totalUs).toBe(800);
    expect(rec.selfUs).toBe(800);
    expect(report.categories.gc).toBe(200);
    expect(topHotspot(report)?.name).toBe('hot');
    const md = renderHotspotsMarkdown(report, 'CPU hotspots: synthetic');
    expect(md).toContain('Top hotspot (self): `hot` at src/hot.ts:5:3');
    expect(md.split('\n').find((l) => l.startsWith('| 1 |'))).toContain('`hot`');
  });

  it('falls back to hit counts when a profile has no samples', () => {
    const p = syntheticProfile();
    const withHits: CpuProfile = { nodes: p.nodes.map((n) => ({ ...n, hitCount: n.id === 3 ? 3 : n.id === 5 ? 1 : 0 })), startTime: 0, endTime: 4000 };
    const root = buildCallTree(withHits);
    expect(root.children[0]!.children[0]).toMatchObject({ name: 'hot', self: 3000 });
  });

  it('rejects malformed profiles naming the field', () => {
    expect(() => asCpuProfile({ nodes: [] }, 'x.cpuprofile')).toThrow(/x.cpuprofile: field "nodes"/);
    expect(() => asCpuProfile({ nodes: [frame(1, 'a')], startTime: 0, endTime: 1, samples: [1] }, 'y')).toThrow(/timeDeltas/);
  });

  it('categorises frames', () => {
    expect(categorise('(garbage collector)', '')).toBe('gc');
    expect(categorise('(idle)', '')).toBe('idle');
    expect(categorise('readFileSync', 'node:fs')).toBe('node');
    expect(categorise('sqrt', '')).toBe('native');
    expect(categorise('parse', 'file:///w/node_modules/x/index.js')).toBe('deps');
    expect(categorise('parse', 'file:///w/src/x.ts')).toBe('js');
  });
});
