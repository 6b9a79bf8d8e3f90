import { readFileSync } from 'node:fs';
import type { CallFrame } from '../cpu/cpuprofile.ts';
import { displayPath } from '../cpu/call-tree.ts';

/** A node of a V8 sampling heap profile (`HeapProfiler.SamplingHeapProfileNode`). */
export interface HeapProfileNode {
  callFrame: CallFrame;
  /** Bytes of sampled allocations made by this function itself. */
  selfSize: number;
  id: number;
  children: HeapProfileNode[];
}

/** A `.heapprofile` file (`HeapProfiler.SamplingHeapProfile`), as Chrome DevTools loads it. */
export interface SamplingHeapProfile {
  head: HeapProfileNode;
  samples?: { size: number; nodeId: number; ordinal: number }[];
}

export interface AllocationSite {
  name: string;
  file: string;
  line: number;
  bytes: number;
  pct: number;
}

export function readHeapProfile(path: string): SamplingHeapProfile {
  let parsed: Partial<SamplingHeapProfile>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<SamplingHeapProfile>;
  } catch (err) {
    throw new Error(`${path}: cannot read as JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!parsed.head || typeof parsed.head.selfSize !== 'number' || !Array.isArray(parsed.head.children)) {
    throw new Error(`${path}: not a sampling heap profile (field "head" with "selfSize" and "children" missing)`);
  }
  return parsed as SamplingHeapProfile;
}

/** Sampled allocation bytes per function, heaviest first. */
export function allocationSites(profile: SamplingHeapProfile, baseDir?: string, top = 15): { total: number; sites: AllocationSite[] } {
  const bySite = new Map<string, AllocationSite>();
  let total = 0;
  const stack = [profile.head];
  while (stack.length > 0) {
    const n = stack.pop()!;
    stack.push(...n.children);
    if (n.selfSize <= 0) continue;
    total += n.selfSize;
    const { functionName, url, lineNumber } = n.callFrame;
    const key = `${functionName}\u0000${url}\u0000${lineNumber}`;
    let site = bySite.get(key);
    if (!site) {
      site = { name: functionName || '(anonymous)', file: displayPath(url, baseDir), line: lineNumber >= 0 ? lineNumber + 1 : 0, bytes: 0, pct: 0 };
      bySite.set(key, site);
    }
    site.bytes += n.selfSize;
  }
  const sites = [...bySite.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top);
  for (const s of sites) s.pct = total > 0 ? (100 * s.bytes) / total : 0;
  return { total, sites };
}
