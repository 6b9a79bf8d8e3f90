import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { EnvironmentInfo, GpuInfo } from '@workflow-bench/bench-kit';
import { RESULTS_FILE_NAMES } from '../workspace/discover.ts';
import { BadInputError } from './bad-input-error.ts';
import { assembleRun, loadResultsFiles, type LoadedRun, type LoadOptions } from './load-results.ts';

/** One machine of a hardware matrix: every results file whose environment has its fingerprint. */
export interface Machine {
  /** Safe as a folder name; stable across runs of the same hardware (from the fingerprint). */
  slug: string;
  /** For people: CPU and GPUs, e.g. `AMD EPYC 7B13 · NVIDIA GeForce RTX 3080`. */
  name: string;
  hardwareFingerprint: string;
  environment: EnvironmentInfo;
  /** GPUs seen in any of its results files: what selects its baseline. */
  gpus: GpuInfo[];
  /** The top-level folders of the results dir its files came from (one per CI job, usually). */
  folders: string[];
  run: LoadedRun;
}

/** Folders a results tree may hold that never contain results (and may be huge). */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.bench-cache', 'history', 'profiling']);
const MAX_DEPTH = 8;

/**
 * Every `latest.json` / `instructions.json` under `dir`, e.g. what `actions/download-artifact`
 * leaves: `artifacts/<job>/<lib>/bench-results/latest.json`. Sorted, so the order is stable.
 */
export function findResultsFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new BadInputError(at, undefined, code === 'ENOENT' ? 'folder not found' : `cannot read the folder (${code ?? String(err)})`);
    }
    for (const e of entries) {
      if (e.isDirectory() && depth < MAX_DEPTH && !SKIPPED_DIRS.has(e.name)) walk(join(at, e.name), depth + 1);
      else if (e.isFile() && (RESULTS_FILE_NAMES as readonly string[]).includes(e.name)) found.push(join(at, e.name));
    }
  };
  walk(dir, 0);
  if (found.length === 0) throw new BadInputError(dir, undefined, `no results files (${RESULTS_FILE_NAMES.join(', ')}) in it or its subfolders`);
  return found.sort();
}

/**
 * Loads every results file under `dir` and groups them by the hardware fingerprint their
 * environment records: each group is one machine, checked for duplicate ids on its own (the same
 * id on two machines is the point of a matrix).
 */
export function loadMachines(workspaceRoot: string, dir: string, options: LoadOptions = {}): Machine[] {
  const paths = findResultsFiles(dir);
  const loaded = loadResultsFiles(workspaceRoot, paths, options);
  const groups = new Map<string, { files: typeof loaded; folders: Set<string> }>();
  loaded.forEach((l, i) => {
    const fp = l.results.environment.hardwareFingerprint;
    const g = groups.get(fp) ?? { files: [], folders: new Set<string>() };
    g.files.push(l);
    g.folders.add(relative(dir, paths[i]).split(sep)[0]);
    groups.set(fp, g);
  });
  const slugs = new Set<string>();
  return [...groups].map(([fingerprint, g]) => {
    const environment = g.files[0].results.environment;
    const gpus = uniqueGpus(g.files.flatMap((f) => f.results.environment.gpus));
    // The fingerprint is input: only safe characters reach a folder name.
    const base = fingerprint.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64) || 'machine';
    let slug = base;
    for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
    slugs.add(slug);
    const folders = [...g.folders].sort();
    return { slug, name: machineName(environment, gpus), hardwareFingerprint: fingerprint, environment, gpus, folders, run: assembleRun(g.files) };
  });
}

function uniqueGpus(gpus: GpuInfo[]): GpuInfo[] {
  const seen = new Map<string, GpuInfo>();
  for (const g of gpus) seen.set(`${g.vendor}\u0000${g.model}`, g);
  return [...seen.values()];
}

function machineName(e: EnvironmentInfo, gpus: GpuInfo[]): string {
  return [e.cpuModel, ...gpus.map((g) => `${g.vendor} ${g.model}`.trim())].join(' · ');
}
