import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BENCH_ALL_EXIT,
  BenchAllUsageError,
  benchReportBin,
  formatElapsed,
  LinePrefixer,
  MissingToolError,
  parseBenchAllArgs,
  selectProjects,
  verdictOf,
} from '../src/index.ts';

describe('parseBenchAllArgs', () => {
  it('no flag: everything, full sampling', () => {
    expect(parseBenchAllArgs([])).toEqual({ projects: [], quick: false, profiling: false, skipBuild: false, reportArgs: [], help: false });
  });

  it('selectors, quick and profiling', () => {
    const o = parseBenchAllArgs(['--core', '--ai', '--quick', '--profiling', '--project', 'demo', '--report-arg=--baseline', '--report-arg=b.json']);
    expect(o.projects).toEqual(['core', 'ai', 'demo']);
    expect(o).toMatchObject({ quick: true, profiling: true, reportArgs: ['--baseline', 'b.json'] });
  });

  it('rejects unknown flags and bad project names with a usage error', () => {
    expect(() => parseBenchAllArgs(['--rust'])).toThrow(BenchAllUsageError);
    expect(() => parseBenchAllArgs(['--project', '../x'])).toThrow(/not a project name/);
    expect(() => parseBenchAllArgs(['core'])).toThrow(BenchAllUsageError);
  });
});

describe('selectProjects', () => {
  it('all projects with a bench target when nothing is asked', () => {
    expect(selectProjects([], ['load', 'core'])).toEqual({ selected: ['core', 'load'], missing: [] });
  });

  it('the asked ones, naming those without benchmarks', () => {
    expect(selectProjects(['core', 'ai'], ['core', 'load'])).toEqual({ selected: ['core'], missing: ['ai'] });
  });
});

describe('verdictOf (exit code from bench-report)', () => {
  it.each([
    [{ bench: 0, report: 0 }, 'pass', 0],
    [{ bench: 0, report: 1 }, 'regression', 1],
    [{ bench: 0, report: 2 }, 'badInput', 2],
    [{ bench: 0, report: 3 }, 'internal', 3],
    [{ bench: 0, report: null }, 'internal', 3],
    [{ bench: 0, report: undefined }, 'internal', 3],
    // a failed benchmark never passes, even if the report compared only what ran
    [{ bench: 1, report: 0 }, 'regression', 1],
    [{ bench: 1, report: 2 }, 'badInput', 2],
  ] as const)('%o → %s', (statuses, verdict, code) => {
    expect(verdictOf(statuses)).toBe(verdict);
    expect(BENCH_ALL_EXIT[verdictOf(statuses)]).toBe(code);
  });
});

describe('progress output', () => {
  it('formats elapsed time', () => {
    expect(formatElapsed(0)).toBe('00:00');
    expect(formatElapsed(83_900)).toBe('01:23');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
  });

  it('prefixes every complete line, including carriage-return updates, and flushes the rest', () => {
    const out: string[] = [];
    const p = new LinePrefixer(() => '[t] ', (s) => out.push(s));
    p.push('core:bench  a');
    p.push('b\nprogress 1\rprogress 2\r\nlast');
    expect(out).toEqual(['[t] core:bench  ab\n', '[t] progress 1\n', '[t] progress 2\n']);
    p.flush();
    expect(out.at(-1)).toBe('[t] last\n');
  });
});

describe('benchReportBin', () => {
  const ws = (pkg: unknown, files: string[] = []) => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-all-'));
    mkdirSync(join(dir, 'apps', 'bench-report', 'bin'), { recursive: true });
    writeFileSync(join(dir, 'apps', 'bench-report', 'package.json'), JSON.stringify(pkg));
    for (const f of files) writeFileSync(join(dir, 'apps', 'bench-report', f), '');
    return dir;
  };

  it('finds the entry named by package.json bin', () => {
    const dir = ws({ bin: { 'bench-report': './bin/bench-report.ts' } }, ['bin/bench-report.ts']);
    try {
      expect(benchReportBin(dir)).toBe(join(dir, 'apps', 'bench-report', 'bin', 'bench-report.ts'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which file lacks what', () => {
    const none = ws({});
    const dangling = ws({ bin: './bin/missing.ts' });
    try {
      expect(() => benchReportBin(none)).toThrow(MissingToolError);
      expect(() => benchReportBin(none)).toThrow(/package\.json: no "bin" entry/);
      expect(() => benchReportBin(dangling)).toThrow(/bin \.\/bin\/missing\.ts does not exist/);
    } finally {
      rmSync(none, { recursive: true, force: true });
      rmSync(dangling, { recursive: true, force: true });
    }
  });
});
