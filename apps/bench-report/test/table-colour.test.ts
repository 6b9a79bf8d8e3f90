import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { painter, PLAIN } from '@workflow-bench/bench-kit';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { renderTable } from '../src/cli/table.ts';
import type { Report } from '../src/report/report-model.ts';
import { CORE_SPECS, makeWorkspace, syntheticResults, writeResults } from './support/fixtures.ts';

const io = (root: string) => ({ cwd: root, stdout: () => undefined, stderr: () => undefined, detectGpus: async () => [], now: () => new Date('2026-02-03T04:05:06.000Z') });

describe('the terminal table in colour (issue 20)', () => {
  it('colours a regression red and the verdict line, and is the plain table once the escapes are removed', async () => {
    const root = makeWorkspace({ core: syntheticResults('core', CORE_SPECS, { seed: 10, rounds: 3 }) });
    expect(await main(['save-baseline', 'baselines/mine.json'], io(root))).toBe(0);
    writeResults(root, 'core', syntheticResults('core', CORE_SPECS.map((s) => (s.id === 'core/tma-parse/medium' ? { ...s, value: s.value * 1.3 } : s)), { seed: 12, rounds: 3 }));
    await main(['report', '--baseline', 'baselines/mine.json'], io(root));
    const report = JSON.parse(readFileSync(join(root, 'reports', 'benchmark_report.json'), 'utf8')) as Report;
    const coloured = renderTable(report, painter(true));
    expect(coloured).toContain('\x1b[1m\x1b[31mregressed');
    expect(coloured).toMatch(/\x1b\[1m\x1b\[31mFAIL/);
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(renderTable(report, PLAIN));
    expect(renderTable(report, PLAIN)).not.toMatch(/\x1b\[/);
  });
});
