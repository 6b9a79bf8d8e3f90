import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { writeJsonAtomic } from '@workflow-bench/bench-kit';

export const ARTEFACT_INDEX_VERSION = 1;

export type ProfilingArea = 'cpu' | 'memory' | 'gpu';

export type ArtefactKind =
  | 'cpuprofile'
  | 'flamegraph'
  | 'hotspots'
  | 'perf-stat'
  | 'callgrind'
  | 'memory-csv'
  | 'memory-by-size'
  | 'heapprofile'
  | 'leak-check'
  | 'native-memory'
  | 'gpu-samples'
  | 'gpu-vram'
  | 'nsys'
  | 'ncu';

/**
 * One entry of `reports/profiling/index.json`. `path` is relative to the reports folder (the
 * parent of the profiling output folder), with `/` separators, or null when nothing was written
 * (a skipped tool). `summary` is one line fit for a table cell.
 */
export interface ArtefactEntry {
  kind: ArtefactKind;
  area: ProfilingArea;
  lib: string;
  bench: string;
  /** `flagged`: the artefact reports a problem (e.g. a leak); `skipped`: tool or GPU absent. */
  status: 'ok' | 'skipped' | 'flagged';
  path: string | null;
  createdAt: string;
  summary: string;
  /** Headline figures for machines (bytes, µs, percentages; the key says which). */
  metrics?: Record<string, number>;
}

export interface ArtefactIndex {
  schemaVersion: typeof ARTEFACT_INDEX_VERSION;
  updatedAt: string;
  artefacts: ArtefactEntry[];
}

/** The path the index stores for an artefact file: relative to the parent of the output folder. */
export function indexPath(outDir: string, file: string): string {
  return relative(dirname(outDir), file).split(sep).join('/');
}

export function readArtefactIndex(path: string): ArtefactIndex {
  if (!existsSync(path)) return { schemaVersion: ARTEFACT_INDEX_VERSION, updatedAt: new Date(0).toISOString(), artefacts: [] };
  let parsed: Partial<ArtefactIndex>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<ArtefactIndex>;
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (parsed.schemaVersion !== ARTEFACT_INDEX_VERSION || !Array.isArray(parsed.artefacts)) {
    throw new Error(`${path}: expected schemaVersion ${ARTEFACT_INDEX_VERSION} and an "artefacts" array`);
  }
  return parsed as ArtefactIndex;
}

const LOCK_STALE_MS = 60_000;

/** Serialises read-modify-write of the index between concurrent profiling runs. */
async function withLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  await mkdir(dirname(file), { recursive: true });
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const handle = await open(lock, 'wx');
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > LOCK_STALE_MS) await rm(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`${lock}: held by another profiling run for over 15 s`);
      else await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { force: true });
  }
}

/**
 * Adds entries to `<outDir>/index.json` (written atomically). An entry replaces an earlier one
 * of the same kind for the same benchmark, so the index always describes the latest artefacts.
 */
export async function recordArtefacts(outDir: string, entries: readonly ArtefactEntry[]): Promise<ArtefactIndex> {
  const file = join(outDir, 'index.json');
  return withLock(file, async () => {
    const index = readArtefactIndex(file);
    const fresh = new Set(entries.map((e) => `${e.kind}\u0000${e.bench}`));
    const kept = index.artefacts.filter((e) => !fresh.has(`${e.kind}\u0000${e.bench}`));
    const artefacts = [...kept, ...entries].sort(
      (a, b) => a.lib.localeCompare(b.lib) || a.bench.localeCompare(b.bench) || a.area.localeCompare(b.area) || a.kind.localeCompare(b.kind),
    );
    const next: ArtefactIndex = { schemaVersion: ARTEFACT_INDEX_VERSION, updatedAt: new Date().toISOString(), artefacts };
    await writeJsonAtomic(file, next);
    return next;
  });
}
