import { describe, expect, it } from 'vitest';
import { summariseSelfcheck, type SelfcheckRound } from '../src/selfcheck/selfcheck.ts';
import type { ToolName } from '../src/selfcheck/tools.ts';

function rounds(byTool: Partial<Record<ToolName, number[]>>): SelfcheckRound[] {
  const count = Math.max(...Object.values(byTool).map((v) => v!.length));
  return Array.from({ length: count }, (_, i) => new Map([['w', new Map(Object.entries(byTool).map(([tool, v]) => [tool as ToolName, v![i]!]))]]));
}

describe('selfcheck summary', () => {
  it('pairs each tool with the plain loop of the same round, so a slow phase of the machine cancels', () => {
    // The machine halves its pace after the plain loop of round 3: medians taken apart would say
    // bench-kit is 47.5% faster than the plain loop; every same-round pair says 5% slower but one.
    const cells = summariseSelfcheck(rounds({ plain: [100, 100, 200, 200, 200], 'bench-kit': [105, 105, 105, 210, 210] }));
    const benchKit = cells.find((c) => c.tool === 'bench-kit')!;
    expect(benchKit.median).toBe(105);
    expect(benchKit.deviation).toBeCloseTo(0.05, 10);
    expect(benchKit.deviationRange[0]).toBeCloseTo(-0.475, 10);
    expect(benchKit.deviationRange[1]).toBeCloseTo(0.05, 10);
    const plain = cells.find((c) => c.tool === 'plain')!;
    expect(plain.deviation).toBe(0);
    expect(plain.spread).toBeCloseTo(0.5, 10);
  });

  it('leaves out a tool with no estimates and a round without a plain loop', () => {
    const cells = summariseSelfcheck([
      new Map([['w', new Map<ToolName, number>([['plain', 10], ['mitata', 11]])]]),
      new Map([['w', new Map<ToolName, number>([['mitata', 50]])]]),
    ]);
    expect(cells.map((c) => c.tool)).toEqual(['plain', 'mitata']);
    expect(cells[1]!.deviation).toBeCloseTo(0.1, 10);
    expect(cells[1]!.perProcess).toEqual([11, 50]);
  });
});
