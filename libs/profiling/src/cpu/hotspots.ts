import { formatNs } from '@workflow-bench/bench-kit';
import { CATEGORY_LABELS, FRAME_CATEGORIES, type FrameCategory } from './categories.ts';
import { displayPath, type CallTreeNode } from './call-tree.ts';

/** One function's share of a CPU profile. Times in µs; percentages of the whole profile. */
export interface Hotspot {
  name: string;
  /** Path relative to the workspace root for workspace files, a `node:` URL, or '' for native code. */
  file: string;
  line: number;
  column: number;
  category: FrameCategory;
  selfUs: number;
  totalUs: number;
  selfPct: number;
  totalPct: number;
  selfSamples: number;
}

export interface HotspotReport {
  totalUs: number;
  samples: number;
  /** Heaviest first by self time (time on top of the stack). */
  bySelf: Hotspot[];
  /** Heaviest first by total time (time anywhere on the stack; recursion counted once). */
  byTotal: Hotspot[];
  /** Self time per frame category, µs. */
  categories: Record<FrameCategory, number>;
}

export interface HotspotOptions {
  /** Paths are shown relative to this folder (the workspace root). */
  baseDir?: string;
  /** Rows per table (default 25). */
  top?: number;
}

/** Aggregates a merged call tree by function into self and total time. */
export function computeHotspots(root: CallTreeNode, options: HotspotOptions = {}): HotspotReport {
  const top = options.top ?? 25;
  const byKey = new Map<string, Hotspot>();
  const categories = Object.fromEntries(FRAME_CATEGORIES.map((c) => [c, 0])) as Record<FrameCategory, number>;
  const active = new Map<string, number>();
  let samples = 0;

  // Iterative depth-first walk keeping a count of each function on the current stack, so a
  // recursive function's total is the time of its outermost activation only.
  type Step = { node: CallTreeNode; leaving: boolean };
  const steps: Step[] = root.children.map((node) => ({ node, leaving: false })).reverse();
  while (steps.length > 0) {
    const { node, leaving } = steps.pop()!;
    if (leaving) {
      const n = active.get(node.key)! - 1;
      if (n === 0) active.delete(node.key);
      else active.set(node.key, n);
      continue;
    }
    let h = byKey.get(node.key);
    if (!h) {
      h = {
        name: node.name,
        file: displayPath(node.url, options.baseDir),
        line: node.line,
        column: node.column,
        category: node.category,
        selfUs: 0,
        totalUs: 0,
        selfPct: 0,
        totalPct: 0,
        selfSamples: 0,
      };
      byKey.set(node.key, h);
    }
    h.selfUs += node.self;
    h.selfSamples += node.selfSamples;
    samples += node.selfSamples;
    categories[node.category] += node.self;
    if (!active.has(node.key)) h.totalUs += node.total;
    active.set(node.key, (active.get(node.key) ?? 0) + 1);
    steps.push({ node, leaving: true });
    for (let i = node.children.length - 1; i >= 0; i--) steps.push({ node: node.children[i]!, leaving: false });
  }
  // The root's own samples (rare) still count towards the whole.
  samples += root.selfSamples;
  const totalUs = root.total;
  const all = [...byKey.values()];
  for (const h of all) {
    h.selfPct = totalUs > 0 ? (100 * h.selfUs) / totalUs : 0;
    h.totalPct = totalUs > 0 ? (100 * h.totalUs) / totalUs : 0;
  }
  const bySelf = [...all].filter((h) => h.selfUs > 0).sort((a, b) => b.selfUs - a.selfUs || a.name.localeCompare(b.name));
  const byTotal = [...all].sort((a, b) => b.totalUs - a.totalUs || a.name.localeCompare(b.name));
  return { totalUs, samples, bySelf: bySelf.slice(0, top), byTotal: byTotal.slice(0, top), categories };
}

export function hotspotLocation(h: Pick<Hotspot, 'file' | 'line' | 'column'>): string {
  if (!h.file) return '(native)';
  return h.line > 0 ? `${h.file}:${h.line}:${h.column}` : h.file;
}

/** The heaviest function by self time that is not idle time: the one-line summary of a profile. */
export function topHotspot(report: HotspotReport): Hotspot | undefined {
  return report.bySelf.find((h) => h.category !== 'idle') ?? report.bySelf[0];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(rows: Hotspot[], first: 'self' | 'total'): string {
  const head = '| # | function | self | self % | total | total % | location | kind |\n|---:|---|---:|---:|---:|---:|---|---|';
  const body = rows.map(
    (h, i) =>
      `| ${i + 1} | \`${cell(h.name)}\` | ${formatNs(h.selfUs * 1000)} | ${h.selfPct.toFixed(1)} | ${formatNs(h.totalUs * 1000)} | ${h.totalPct.toFixed(1)} | ${cell(hotspotLocation(h))} | ${CATEGORY_LABELS[h.category]} |`,
  );
  return [`Sorted by ${first} time.`, '', head, ...body].join('\n');
}

/** The hotspot report as Markdown: summary, time by kind of code, top functions by self and total. */
export function renderHotspotsMarkdown(report: HotspotReport, heading: string, notes: string[] = []): string {
  const top = topHotspot(report);
  const lines = [`# ${heading}`, ''];
  lines.push(`Profile: ${formatNs(report.totalUs * 1000)} over ${report.samples} samples.`);
  if (top) lines.push(`Top hotspot (self): \`${top.name}\` at ${hotspotLocation(top)}, ${top.selfPct.toFixed(1)} % of the time.`);
  for (const n of notes) lines.push(n);
  lines.push('', '## Time by kind of code', '', '| kind | self | % |', '|---|---:|---:|');
  for (const c of FRAME_CATEGORIES) {
    const us = report.categories[c];
    if (us > 0) lines.push(`| ${CATEGORY_LABELS[c]} | ${formatNs(us * 1000)} | ${((100 * us) / (report.totalUs || 1)).toFixed(1)} |`);
  }
  lines.push('', '## Top functions by self time', '', table(report.bySelf, 'self'));
  lines.push('', '## Top functions by total time', '', table(report.byTotal, 'total'), '');
  return lines.join('\n');
}
