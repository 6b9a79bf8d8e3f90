import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArguments, resolveForeignOptions, UsageError, type DeclaredOptions } from '../src/cli/arguments.ts';
import { didYouMean, editDistance } from '../src/cli/did-you-mean.ts';
import { defineSuite } from '../src/define/suite.ts';
import { BENCH_KIT_ENTRY, runCli, tempProject } from './support/temp-project.ts';

/** A project whose one benchmark leaves a marker file when it runs, and which declares --model. */
function markerProject(): { root: string; marker: string } {
  const root = tempProject({
    'bench/mark.bench.ts': `
import { writeFileSync } from 'node:fs';
import { defineSuite } from ${BENCH_KIT_ENTRY};
export default defineSuite('mark', (s) => {
  s.option('model', { type: 'string', valueName: 'file', description: 'a model file' });
  s.option('cold', { type: 'boolean', description: 'start cold' });
  s.bench('hash', {
    kind: 'custom',
    measure: () => {
      writeFileSync(process.env.MARKER_FILE!, process.argv.slice(3).join(' ') || '(none)');
      return { unit: 'ratio', samples: [1, 1, 1], lowerIsBetter: false };
    },
  });
});
`,
  });
  return { root, marker: join(root, 'ran.txt') };
}

const declared = (entries: Record<string, 'string' | 'boolean'>): DeclaredOptions =>
  new Map(Object.entries(entries).map(([name, type]) => [name, { declaration: { type, description: name }, files: ['x.bench.ts'] }]));

describe('did you mean', () => {
  it('suggests the option within a small edit distance, closest first', () => {
    expect(editDistance('filtr', 'filter')).toBe(1);
    expect(editDistance('fitler', 'filter')).toBe(1);
    expect(didYouMean('filtr', ['filter', 'project', 'root'])).toEqual(['filter']);
    expect(didYouMean('sample', ['samples', 'seconds'])).toEqual(['samples']);
    expect(didYouMean('modle', ['model', 'measure'])).toEqual(['model']);
    expect(didYouMean('zzz', ['filter', 'project'])).toEqual([]);
  });
});

describe('command-line options', () => {
  it('keeps options that are not bench-kit\'s aside, and accepts them only when a suite declares them', () => {
    const parsed = parseArguments(['run', '--project', 'p', '--model', 'x.gguf', '--cold', '--quick']);
    expect(parsed.values).toEqual({ project: 'p', quick: true });
    expect(resolveForeignOptions(parsed, declared({ model: 'string', cold: 'boolean' }), { project: 'p' })).toEqual(['--model=x.gguf', '--cold']);
    expect(() => resolveForeignOptions(parsed, declared({ cold: 'boolean' }), { project: 'p' })).toThrow(/unknown option --model/);
  });

  it('refuses a typo with the nearest names, a value-less string option and stray arguments', () => {
    expect(() => resolveForeignOptions(parseArguments(['run', '--filtr=hash']), new Map(), { project: 'p' })).toThrow(/unknown option --filtr \(did you mean --filter\?\)/);
    expect(() => parseArguments(['run', '--filter', '--quick'])).toThrow(UsageError);
    expect(() => parseArguments(['run', '--quick=yes'])).toThrow(/takes no value/);
    expect(() => parseArguments(['runn'])).toThrow(/unknown command "runn" \(did you mean run\?\)/);
    expect(() => resolveForeignOptions(parseArguments(['run', 'extra']), new Map(), {})).toThrow(/unexpected argument "extra"/);
  });

  it('rejects bad declarations in the suite itself', () => {
    expect(() => defineSuite('g', (s) => s.option('--model', { type: 'string', description: '' }))).toThrow(/invalid name/);
    expect(() => defineSuite('g', (s) => s.compare('p/g/a', 'p/g/a'))).toThrow(/different anchor/);
    expect(defineSuite('g', (s) => s.compare('p/g/a', { ratioTo: 'wrk' })).comparisons).toEqual([{ subject: 'p/g/a', ratioTo: 'wrk' }]);
  });
});

describe('the CLI refuses what no suite declares (issue 15: a typo must never run the wrong thing)', () => {
  it('--filtr=hash exits 2 with a did-you-mean and runs nothing, writes nothing', async () => {
    const { root, marker } = markerProject();
    const r = await runCli(['run', '--project', 'p', '--root', root, '--quick', '--filtr=hash'], { MARKER_FILE: marker });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option --filtr (did you mean --filter?)');
    expect(r.stderr).toContain('Usage:');
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(root, 'bench-results'))).toBe(false);
  });

  it('passes a declared option to the benchmark processes as --name=value', async () => {
    const { root, marker } = markerProject();
    const r = await runCli(['run', '--project', 'p', '--root', root, '--quick', '--model', 'x.gguf', '--cold'], { MARKER_FILE: marker });
    expect(r.code).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('--model=x.gguf --cold');
  });

  it('--help lists bench-kit\'s options and the project\'s declared ones, exit 0', async () => {
    const { root } = markerProject();
    const r = await runCli(['--help', '--project', 'p', '--root', root]);
    expect(r.code).toBe(0);
    for (const flag of ['--quick', '--filter <pattern>', '--rounds <n>', '--samples <n>', '--against <ref>', '--json <file>', '--markdown <file>']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toMatch(/Options the p benchmarks declare[^\n]*\n\s+--model <file>\s+a model file \(mark\.bench\.ts\)\n\s+--cold\s+start cold/);
  });
});
