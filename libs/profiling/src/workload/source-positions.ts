import { findSourceMap, type SourceMap } from 'node:module';

interface HasCallFrame {
  callFrame: { url: string; lineNumber: number; columnNumber: number };
}

/**
 * Rewrites profile call frames from positions in the code V8 ran to positions in the source
 * files their URLs name. tsx compiles TypeScript to single-line-ish JavaScript, so without this
 * every frame of a `.ts` file would claim line 1. Uses the source maps Node keeps for loaded
 * modules (tsx turns source maps on), so it must run inside the process that ran the workload.
 */
export function remapToSource(nodes: readonly HasCallFrame[]): number {
  const maps = new Map<string, SourceMap | undefined>();
  let remapped = 0;
  for (const { callFrame } of nodes) {
    const url = callFrame.url;
    if (!url.startsWith('file://') || callFrame.lineNumber < 0) continue;
    if (!maps.has(url)) {
      let map: SourceMap | undefined;
      try {
        map = findSourceMap(url);
      } catch {
        map = undefined;
      }
      maps.set(url, map);
    }
    const map = maps.get(url);
    if (!map) continue;
    const entry = map.findEntry(callFrame.lineNumber, callFrame.columnNumber) as Partial<{
      originalSource: string;
      originalLine: number;
      originalColumn: number;
    }>;
    if (typeof entry.originalLine !== 'number' || typeof entry.originalColumn !== 'number') continue;
    if (entry.originalSource && entry.originalSource.startsWith('file://')) callFrame.url = entry.originalSource;
    callFrame.lineNumber = entry.originalLine;
    callFrame.columnNumber = entry.originalColumn;
    remapped++;
  }
  return remapped;
}
