import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { resultsFileName } from '../src/results/file-names.ts';
import type { ResultsFile } from '../src/results/schema.ts';
import { runProject } from '../src/runner/run.ts';
import { BENCH_KIT_ENTRY, tempProject } from './support/temp-project.ts';

const quiet = () => new PassThrough().resume();

describe('a --filter run keeps the other ids\' last results (issue 15)', () => {
  it('writes to a file named for the filter; latest.json keeps the last full run', async () => {
    const root = tempProject({
      'bench/two.bench.ts': `
import { defineSuite } from ${BENCH_KIT_ENTRY};
export default defineSuite('two', (s) => {
  for (const name of ['hash', 'parse']) s.bench(name, { kind: 'custom', measure: () => ({ unit: 'ratio', samples: [1, 2, 3], lowerIsBetter: false }) });
});
`,
    });
    const full = await runProject({ project: 'p', root, quick: true, progress: quiet() });
    expect(full.path).toBe(join(root, 'bench-results', 'latest.json'));
    const before = readFileSync(full.path, 'utf8');
    expect((JSON.parse(before) as ResultsFile).benchmarks.map((b) => b.id)).toEqual(['p/two/hash', 'p/two/parse']);

    const filtered = await runProject({ project: 'p', root, quick: true, filter: 'hash', progress: quiet() });
    expect(filtered.path).toBe(join(root, 'bench-results', 'latest.filter-hash.json'));
    expect(readFileSync(full.path, 'utf8')).toBe(before);
    const subset = JSON.parse(readFileSync(filtered.path, 'utf8')) as ResultsFile;
    expect(subset.filter).toBe('hash');
    expect(subset.benchmarks.map((b) => b.id)).toEqual(['p/two/hash']);
    expect(readdirSync(join(root, 'bench-results')).sort()).toEqual(['latest.filter-hash.json', 'latest.json']);
  });

  it('names the file for the filter, distinct for filters that sanitise alike', () => {
    expect(resultsFileName('latest.json', null)).toBe('latest.json');
    expect(resultsFileName('latest.json', 'hash')).toBe('latest.filter-hash.json');
    expect(resultsFileName('instructions.json', 'core/tma-parse/medium')).toMatch(/^instructions\.filter-core_tma-parse_medium-[0-9a-f]{8}\.json$/);
    expect(resultsFileName('latest.json', 'core/hash')).not.toBe(resultsFileName('latest.json', 'core_hash'));
    expect(resultsFileName('latest.json', '/^core\\/(pii|anon)/')).toMatch(/^latest\.filter-core_pii_anon-[0-9a-f]{8}\.json$/);
  });
});
