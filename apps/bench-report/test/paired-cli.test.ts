import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/main.ts';
import { PR_COMMENT_MARKER } from '../src/report/markdown.ts';
import { makeWorkspace } from './support/fixtures.ts';
import { comparison } from './support/paired-comparison.ts';

async function run(root: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Partial<CliIo> = { cwd: root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), detectGpus: async () => [], now: () => new Date('2026-02-03T04:05:06.000Z') };
  return { code: await main(args, io), stdout, stderr };
}

function writeComparison(root: string, content: unknown) {
  const dir = join(root, 'libs', 'core', 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'comparison.json'), JSON.stringify(content));
}

describe('paired comparisons (--against) in bench-report', () => {
  it('compare --results <comparison.json>: 20% slower is regressed with exit 1; new and removed ids listed', async () => {
    const root = makeWorkspace({});
    const file = join(root, 'cmp.json');
    writeFileSync(file, JSON.stringify(comparison(1, 0.2)));
    const r = await run(root, ['compare', '--results', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Paired: core, head HEAD \(uncommitted changes included\) vs base main \(3f14d46\), 6 processes/);
    expect(r.stdout).toMatch(/core\/tma-parse\/medium .* regressed/);
    expect(r.stdout).toMatch(/core\/new\/thing: new/);
    expect(r.stdout).toMatch(/core\/old\/thing: removed/);
    expect(r.stdout).toMatch(/FAIL \(paired\): 1 regressed/);
  });

  it('the same code compared with itself: no regression, exit 0 (discovered beside latest.json)', async () => {
    const root = makeWorkspace({ core: null });
    writeComparison(root, comparison(2, 0));
    const r = await run(root, ['compare']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PASS \(paired\): 0 regressed/);
  });

  it('report puts the paired table into benchmark_report.md and pr-comment.md (marker first)', async () => {
    const root = makeWorkspace({ core: null });
    writeComparison(root, comparison(3, 0.2));
    const r = await run(root, ['report', '--skip-history']);
    expect(r.code).toBe(0);
    const pr = readFileSync(join(root, 'reports', 'pr-comment.md'), 'utf8');
    expect(pr.startsWith(PR_COMMENT_MARKER)).toBe(true);
    expect(pr).toMatch(/#### Paired comparison \(--against\)/);
    expect(pr).toMatch(/`core\/tma-parse\/medium` .*regressed/);
    expect(readFileSync(join(root, 'reports', 'benchmark_report.md'), 'utf8')).toMatch(/#### Paired comparison/);
    expect((await run(root, ['report', '--skip-history', '--detect-regressions'])).code).toBe(1);
  });

  it('a bad comparison file is exit 2 naming the file and the field, and nothing is written', async () => {
    const root = makeWorkspace({});
    const bad = comparison(4, 0) as unknown as { benchmarks: { rounds: { quadOrder: string[] }[] }[] };
    bad.benchmarks[0].rounds[1].quadOrder[0] = 'ABAB';
    const file = join(root, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = await run(root, ['compare', '--results', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: benchmarks\[0\]\.rounds\[1\]\.quadOrder\[0\]: expected one of "ABBA", "BAAB"/);
    const wrongVersion = { ...comparison(4, 0), schemaVersion: 99 };
    writeFileSync(file, JSON.stringify(wrongVersion));
    const v = await run(root, ['report', '--results', file]);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/schemaVersion: unknown comparison schema version 99/);
  });
});
