import { describe, expect, it } from 'vitest';
import { buildCallTree } from '../src/cpu/call-tree.ts';
import type { CpuProfile } from '../src/cpu/cpuprofile.ts';
import { fitLabel, renderFlamegraphSvg } from '../src/cpu/flamegraph-svg.ts';
import { svgFrames } from './helpers.ts';

function profile(): CpuProfile {
  const f = (id: number, functionName: string, children: number[] = []) => ({
    id,
    callFrame: { functionName, scriptId: '1', url: functionName.startsWith('(') ? '' : 'file:///w/src/a.ts', lineNumber: id, columnNumber: 0 },
    children,
  });
  const nodes = [f(1, '(root)', [2]), f(2, 'main', [3, 4, 5]), f(3, 'renderHugeTemplate<T> & "friends"', []), f(4, 'tiny', []), f(5, '(garbage collector)', [])];
  // 9,999 samples in the hot function, 1 in `tiny` (0.01 %: below the minimum width), 100 in GC.
  const samples = [...Array(9999).fill(3), 4, ...Array(100).fill(5)];
  return { nodes, startTime: 0, endTime: (samples.length + 1) * 10, samples, timeDeltas: samples.map(() => 10) };
}

describe('flame graph SVG', () => {
  const svg = renderFlamegraphSvg(buildCallTree(profile()), { title: 'CPU flame graph: test', baseDir: '/w' });

  it('is a self-contained SVG document with a script, no external references', () => {
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('<script type="text/ecmascript"><![CDATA[');
    expect(svg).not.toMatch(/(href|src)="(https?:)?\/\//);
  });

  it('sizes frames by time, heaviest first, and leaves out frames under the minimum width', () => {
    const frames = svgFrames(svg);
    const names = frames.map((f) => f.name);
    expect(names).toContain('all');
    expect(names).not.toContain('tiny');
    const hot = frames.find((f) => f.name.startsWith('renderHugeTemplate'))!;
    expect(hot.depth).toBe(2);
    expect(hot.x).toBe(0);
    expect(hot.w).toBeCloseTo(9999 / 10100, 5);
    expect(frames.find((f) => f.name === '(garbage collector)')!.depth).toBe(2);
  });

  it('escapes names and gives every frame a hover title with file:line and times', () => {
    expect(svg).toContain('data-n="renderHugeTemplate&lt;T&gt; &amp; &quot;friends&quot;"');
    const hot = svgFrames(svg).find((f) => f.name.startsWith('renderHugeTemplate'))!;
    expect(hot.title).toContain('src/a.ts:4:1');
    expect(hot.title).toMatch(/total [\d.]+ ms \(99\.\d\d %\)/);
  });

  it('colours frames by kind of code and shows a legend', () => {
    expect(svg).toContain('garbage collector</text>');
    expect(svg).toContain('JS (workspace)</text>');
  });

  it('truncates labels to the frame width', () => {
    expect(fitLabel('abcdefghijklmnop', 1000)).toBe('abcdefghijklmnop');
    expect(fitLabel('abcdefghijklmnop', 76)).toBe('abcdefgh..');
    expect(fitLabel('abcdefghijklmnop', 20)).toBe('');
  });
});
