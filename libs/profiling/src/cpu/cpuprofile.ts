import { readFileSync } from 'node:fs';

/** A V8 call frame as in Chrome DevTools protocol `Runtime.CallFrame` (0-based positions). */
export interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** A node of a V8 CPU profile (`Profiler.ProfileNode`). */
export interface CpuProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}

/**
 * A `.cpuprofile` file (`Profiler.Profile`): what Chrome DevTools, speedscope and `node --cpu-prof`
 * read and write. `samples[i]` is the leaf node id of sample i, taken `timeDeltas[i]` µs after the
 * previous one; `startTime`/`endTime` are in µs.
 */
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Checks the shape of a parsed `.cpuprofile`, naming `source` and the bad field on failure. */
export function asCpuProfile(value: unknown, source = 'cpu profile'): CpuProfile {
  const p = value as Partial<CpuProfile> | null;
  if (typeof p !== 'object' || p === null) throw new Error(`${source}: not a JSON object`);
  if (!Array.isArray(p.nodes) || p.nodes.length === 0) throw new Error(`${source}: field "nodes" must be a non-empty array`);
  if (typeof p.startTime !== 'number' || typeof p.endTime !== 'number') {
    throw new Error(`${source}: fields "startTime" and "endTime" must be numbers (µs)`);
  }
  p.nodes.forEach((n, i) => {
    if (typeof n?.id !== 'number' || typeof n.callFrame?.functionName !== 'string') {
      throw new Error(`${source}: nodes[${i}] needs a numeric "id" and a "callFrame" with "functionName"`);
    }
  });
  if (p.samples !== undefined && (!Array.isArray(p.timeDeltas) || p.timeDeltas.length !== p.samples.length)) {
    throw new Error(`${source}: "timeDeltas" must be an array as long as "samples"`);
  }
  return p as CpuProfile;
}

export function readCpuProfile(path: string): CpuProfile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: cannot read as JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return asCpuProfile(parsed, path);
}
