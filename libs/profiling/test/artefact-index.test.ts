import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexPath, readArtefactIndex, recordArtefacts, type ArtefactEntry } from '../src/artefact-index.ts';
import { tempOut } from './helpers.ts';

const e = (kind: ArtefactEntry['kind'], bench: string, summary: string): ArtefactEntry => ({
  kind,
  area: 'cpu',
  lib: bench.split('/')[0]!,
  bench,
  status: 'ok',
  path: `profiling/cpu/${bench.replace(/\//g, '.')}.${kind}`,
  createdAt: '2025-11-29T20:00:00.000Z',
  summary,
});

describe('artefact index', () => {
  it('stores paths relative to the reports folder', () => {
    expect(indexPath('/w/reports/profiling', '/w/reports/profiling/cpu/a.svg')).toBe('profiling/cpu/a.svg');
  });

  it('adds entries, replacing an earlier one of the same kind and benchmark', async () => {
    const out = tempOut();
    await recordArtefacts(out, [e('flamegraph', 'core/a/large', 'first'), e('hotspots', 'core/a/large', 'h')]);
    await Promise.all([recordArtefacts(out, [e('flamegraph', 'core/a/large', 'second')]), recordArtefacts(out, [e('flamegraph', 'ai/b', 'other')])]);
    const index = readArtefactIndex(join(out, 'index.json'));
    expect(index.schemaVersion).toBe(1);
    expect(index.artefacts.map((a) => `${a.bench} ${a.kind} ${a.summary}`)).toEqual([
      'ai/b flamegraph other',
      'core/a/large flamegraph second',
      'core/a/large hotspots h',
    ]);
    // Atomic writes and the lock leave no temp or lock files behind.
    expect(readdirSync(out)).toEqual(['index.json']);
  });

  it('rejects an index of another format, naming the file', () => {
    const out = tempOut();
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'index.json'), '{"artefacts": 3}');
    expect(() => readArtefactIndex(join(out, 'index.json'))).toThrow(/index.json: expected schemaVersion 1/);
    expect(readArtefactIndex(join(out, 'missing.json')).artefacts).toEqual([]);
  });
});
