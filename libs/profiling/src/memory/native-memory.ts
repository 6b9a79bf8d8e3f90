/** Summary lines of `heaptrack_print` (sizes as heaptrack prints them, e.g. `11.41M`). */
export interface HeaptrackSummary {
  peakHeap?: string;
  peakRss?: string;
  leaked?: string;
  allocationCalls?: number;
  temporaryAllocations?: number;
  /** peakHeap in bytes, reading heaptrack's K/M/G suffixes as powers of 1024. */
  peakHeapBytes?: number;
}

const SUFFIX: Record<string, number> = { B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

export function parseSize(text: string): number | undefined {
  const m = /^([\d.]+)\s*([BKMGT])?/.exec(text.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (SUFFIX[m[2] ?? 'B'] ?? 1));
}

export function parseHeaptrackSummary(text: string): HeaptrackSummary {
  const grab = (re: RegExp): string | undefined => re.exec(text)?.[1]?.trim();
  const peakHeap = grab(/^peak heap memory consumption:\s*(\S+)/m);
  const calls = grab(/^calls to allocation functions:\s*(\d+)/m);
  const temporary = grab(/^temporary memory allocations:\s*(\d+)/m);
  return {
    peakHeap,
    peakRss: grab(/^peak RSS \(including heaptrack overhead\):\s*(\S+)/m),
    leaked: grab(/^total memory leaked:\s*(\S+)/m),
    allocationCalls: calls === undefined ? undefined : Number(calls),
    temporaryAllocations: temporary === undefined ? undefined : Number(temporary),
    peakHeapBytes: peakHeap === undefined ? undefined : parseSize(peakHeap),
  };
}

/** Peak of `mem_heap_B + mem_heap_extra_B` over the snapshots of a massif output file, bytes. */
export function massifPeakBytes(text: string): number | undefined {
  let peak: number | undefined;
  let heap = 0;
  for (const line of text.split(/\r?\n/)) {
    const h = /^mem_heap_B=(\d+)/.exec(line);
    if (h) heap = Number(h[1]);
    const e = /^mem_heap_extra_B=(\d+)/.exec(line);
    if (e) peak = Math.max(peak ?? 0, heap + Number(e[1]));
  }
  return peak;
}
