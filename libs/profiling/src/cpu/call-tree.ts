import { fileURLToPath } from 'node:url';
import { relative, sep } from 'node:path';
import type { CpuProfile, CpuProfileNode } from './cpuprofile.ts';
import { categorise, type FrameCategory } from './categories.ts';

/**
 * A call tree with identical stacks merged: children with the same function (name, script,
 * position) under the same parent are one node. Times are in µs.
 */
export interface CallTreeNode {
  /** Identifies the function: name, URL and 0-based position. */
  key: string;
  name: string;
  url: string;
  /** 1-based line and column in the file, 0 when unknown. */
  line: number;
  column: number;
  category: FrameCategory;
  /** Time with this frame on top of the stack. */
  self: number;
  /** Time with this frame anywhere on the stack below its parent: self plus children. */
  total: number;
  /** Samples with this frame on top. */
  selfSamples: number;
  children: CallTreeNode[];
}

export function frameKey(name: string, url: string, line: number, column: number): string {
  return `${name}\u0000${url}\u0000${line}\u0000${column}`;
}

/**
 * Time attributed to each profile node (µs). Sample i lasts until the next sample (the last one
 * until `endTime`), which is what DevTools and speedscope show. Profiles without samples fall
 * back to hit counts spread evenly over the duration.
 */
export function selfTimes(profile: CpuProfile): { time: Map<number, number>; samples: Map<number, number> } {
  const time = new Map<number, number>();
  const samples = new Map<number, number>();
  const ids = profile.samples;
  const deltas = profile.timeDeltas;
  if (ids && deltas && ids.length > 0) {
    let t = profile.startTime;
    const stamps = new Array<number>(ids.length);
    for (let i = 0; i < ids.length; i++) {
      t += deltas[i]!;
      stamps[i] = t;
    }
    for (let i = 0; i < ids.length; i++) {
      const next = i + 1 < ids.length ? stamps[i + 1]! : Math.max(profile.endTime, stamps[i]!);
      const id = ids[i]!;
      time.set(id, (time.get(id) ?? 0) + Math.max(0, next - stamps[i]!));
      samples.set(id, (samples.get(id) ?? 0) + 1);
    }
    return { time, samples };
  }
  const hits = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
  const per = hits > 0 ? (profile.endTime - profile.startTime) / hits : 0;
  for (const n of profile.nodes) {
    if (n.hitCount) {
      time.set(n.id, n.hitCount * per);
      samples.set(n.id, n.hitCount);
    }
  }
  return { time, samples };
}

/** Turns a script URL into a path relative to `baseDir` where it is a local file. */
export function displayPath(url: string, baseDir?: string): string {
  if (url === '') return '';
  if (!url.startsWith('file://')) return url;
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return url;
  }
  if (!baseDir) return path;
  const rel = relative(baseDir, path);
  return rel.startsWith('..') ? path : rel.split(sep).join('/');
}

function newNode(node: CpuProfileNode): CallTreeNode {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  return {
    key: frameKey(name, url, lineNumber, columnNumber),
    name,
    url,
    line: lineNumber >= 0 ? lineNumber + 1 : 0,
    column: columnNumber >= 0 ? columnNumber + 1 : 0,
    category: categorise(functionName, url),
    self: 0,
    total: 0,
    selfSamples: 0,
    children: [],
  };
}

/** Builds the merged call tree of a profile; the result is the "(root)" node. */
export function buildCallTree(profile: CpuProfile): CallTreeNode {
  const byId = new Map<number, CpuProfileNode>();
  const hasParent = new Set<number>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) hasParent.add(c);
  }
  const rootNode = profile.nodes.find((n) => !hasParent.has(n.id)) ?? profile.nodes[0]!;
  const { time, samples } = selfTimes(profile);
  const root = newNode(rootNode);

  // Iterative walk: deep recursion in the profiled code must not overflow this stack.
  const stack: { src: CpuProfileNode; dst: CallTreeNode }[] = [{ src: rootNode, dst: root }];
  const childIndex = new Map<CallTreeNode, Map<string, CallTreeNode>>();
  while (stack.length > 0) {
    const { src, dst } = stack.pop()!;
    dst.self += time.get(src.id) ?? 0;
    dst.selfSamples += samples.get(src.id) ?? 0;
    for (const childId of src.children ?? []) {
      const child = byId.get(childId);
      if (!child) continue;
      const fresh = newNode(child);
      let index = childIndex.get(dst);
      if (!index) childIndex.set(dst, (index = new Map()));
      let merged = index.get(fresh.key);
      if (!merged) {
        merged = fresh;
        index.set(fresh.key, merged);
        dst.children.push(merged);
      }
      stack.push({ src: child, dst: merged });
    }
  }
  computeTotals(root);
  return root;
}

/** Fills in `total` bottom-up and orders children heaviest first ("left-heavy"). */
function computeTotals(root: CallTreeNode): void {
  const order: CallTreeNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    order.push(n);
    stack.push(...n.children);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    n.total = n.self + n.children.reduce((s, c) => s + c.total, 0);
    n.children.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  }
}
