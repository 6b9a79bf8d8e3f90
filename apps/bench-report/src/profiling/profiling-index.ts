import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
// Types only: the format is libs/profiling's (README "reports/profiling/index.json"); nothing of
// that package runs here, so reading an index never loads the profilers.
import type { ArtefactEntry, ArtefactIndex, ArtefactKind, ProfilingArea } from '@workflow-bench/profiling';

/** The index version this reader knows; typed so a version bump in libs/profiling fails typecheck here. */
const KNOWN_VERSION: ArtefactIndex['schemaVersion'] = 1;

const KINDS = [
  'cpuprofile', 'flamegraph', 'hotspots', 'perf-stat', 'callgrind', 'memory-csv', 'memory-by-size', 'heapprofile',
  'leak-check', 'native-memory', 'gpu-samples', 'gpu-vram', 'nsys', 'ncu',
] as const satisfies readonly ArtefactKind[];
// Fails to compile when libs/profiling adds a kind this list (and its label) does not know.
const EVERY_KIND_LISTED: Exclude<ArtefactKind, (typeof KINDS)[number]> extends never ? true : never = true;
void EVERY_KIND_LISTED;

/** How a kind's file is named in the report's links. */
export const ARTEFACT_LABEL: Record<ArtefactKind, string> = {
  cpuprofile: '.cpuprofile',
  flamegraph: 'flame graph (SVG)',
  hotspots: 'hotspot report',
  'perf-stat': 'perf stat CSV',
  callgrind: 'callgrind annotation',
  'memory-csv': 'memory CSV',
  'memory-by-size': 'memory by size',
  heapprofile: 'heap profile',
  'leak-check': 'leak check',
  'native-memory': 'native memory',
  'gpu-samples': 'GPU CSV',
  'gpu-vram': 'VRAM before/after',
  nsys: 'Nsight Systems report',
  ncu: 'Nsight Compute report',
};

/** An artefact as the report lists it: the index entry plus a link relative to the report. */
export interface ProfilingArtefact extends ArtefactEntry {
  /** `path` relative to the folder the report is written to (null when nothing was written). */
  href: string | null;
  /** Whether the file named by `path` exists now (a stale index may point at deleted files). */
  exists: boolean;
}

/**
 * The report's Profiling section. Profiling artefacts are optional, so nothing here is bad input:
 * an absent index is `absent` (the report says how to make one), an unreadable one `invalid`, and
 * a bad entry is left out; each problem is a warning shown in the report.
 */
export interface ProfilingSection {
  /** The index file as shown to the user (relative to the workspace root when inside it). */
  index: string;
  status: 'absent' | 'ok' | 'invalid';
  updatedAt: string | null;
  artefacts: ProfilingArtefact[];
  warnings: string[];
}

/** The command the report suggests when there is no index. */
export const PROFILE_HINT = 'npx nx run profiling:profile --lib=core --bench=core/pii-detect/large';

/**
 * Reads `indexFile` leniently. Paths in the index are relative to the parent of the profiling
 * folder (`reports/`); links are made relative to `reportDir`, where the HTML/Markdown are written.
 */
export function loadProfilingSection(indexFile: string, reportDir: string, workspaceRoot: string): ProfilingSection {
  const abs = resolve(indexFile);
  const rel = relative(workspaceRoot, abs);
  const index = rel.startsWith('..') ? abs : rel.split(sep).join('/');
  const section: ProfilingSection = { index, status: 'absent', updatedAt: null, artefacts: [], warnings: [] };
  if (!existsSync(abs)) return section;
  const invalid = (why: string): ProfilingSection => ({ ...section, status: 'invalid', warnings: [`${index}: ${why}; profiling artefacts are not listed (rerun the profiler to rewrite it)`] });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(abs, 'utf8'));
  } catch (err) {
    return invalid(`not valid JSON (${(err as Error).message})`);
  }
  if (!isObject(raw)) return invalid('expected an object');
  if (raw.schemaVersion !== KNOWN_VERSION) return invalid(`unknown schemaVersion ${JSON.stringify(raw.schemaVersion)} (this report reads ${KNOWN_VERSION})`);
  if (!Array.isArray(raw.artefacts)) return invalid('"artefacts" is not an array');
  section.status = 'ok';
  section.updatedAt = typeof raw.updatedAt === 'string' ? raw.updatedAt : null;
  const base = dirname(dirname(abs));
  raw.artefacts.forEach((entry, i) => {
    const checked = checkEntry(entry);
    if (typeof checked === 'string') {
      section.warnings.push(`${index}: artefacts[${i}]${checked}; entry left out`);
      return;
    }
    const file = checked.path === null ? null : join(base, ...checked.path.split('/'));
    const exists = file !== null && existsSync(file);
    if (file !== null && !exists) section.warnings.push(`${index}: artefacts[${i}].path: ${checked.path} does not exist (deleted since it was profiled?)`);
    section.artefacts.push({ ...checked, href: file === null ? null : relative(reportDir, file).split(sep).join('/'), exists });
  });
  return section;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The entry, or what is wrong with it as `.<field>: <problem>`. */
function checkEntry(raw: unknown): ArtefactEntry | string {
  if (!isObject(raw)) return ': expected an object';
  for (const key of ['lib', 'bench', 'createdAt', 'summary'] as const) {
    if (typeof raw[key] !== 'string') return `.${key}: expected a string`;
  }
  if (!(KINDS as readonly string[]).includes(raw.kind as string)) return `.kind: unknown kind ${JSON.stringify(raw.kind)}`;
  if (!['cpu', 'memory', 'gpu'].includes(raw.area as string)) return `.area: expected cpu, memory or gpu, got ${JSON.stringify(raw.area)}`;
  if (!['ok', 'skipped', 'flagged'].includes(raw.status as string)) return `.status: expected ok, skipped or flagged, got ${JSON.stringify(raw.status)}`;
  const path = raw.path;
  if (path !== null && typeof path !== 'string') return '.path: expected a string or null';
  // The path becomes a link in the report: only plain relative paths inside reports/.
  if (typeof path === 'string' && (path === '' || isAbsolute(path) || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.split(/[\\/]/).includes('..'))) {
    return `.path: ${JSON.stringify(path)} is not a relative path inside the reports folder`;
  }
  const entry: ArtefactEntry = {
    kind: raw.kind as ArtefactKind,
    area: raw.area as ProfilingArea,
    lib: raw.lib as string,
    bench: raw.bench as string,
    status: raw.status as ArtefactEntry['status'],
    path: path as string | null,
    createdAt: raw.createdAt as string,
    summary: raw.summary as string,
  };
  if (raw.metrics !== undefined) {
    if (!isObject(raw.metrics) || Object.values(raw.metrics).some((v) => typeof v !== 'number' || !Number.isFinite(v))) return '.metrics: expected an object of finite numbers';
    entry.metrics = raw.metrics as Record<string, number>;
  }
  return entry;
}
