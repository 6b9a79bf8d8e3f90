import { formatNs } from '@workflow-bench/bench-kit';
import { CATEGORY_LABELS, FRAME_CATEGORIES, type FrameCategory } from './categories.ts';
import { displayPath, type CallTreeNode } from './call-tree.ts';

export interface FlamegraphOptions {
  title?: string;
  /** A second header line, e.g. the benchmark id and when it ran. */
  subtitle?: string;
  /** Image width in px (default 1200). */
  width?: number;
  /** Height of one stack level in px (default 17). */
  frameHeight?: number;
  /** Frames narrower than this many px are left out, so the image stays readable (default 0.5). */
  minWidthPx?: number;
  /** File paths in hover titles are shown relative to this folder. */
  baseDir?: string;
}

const FONT_SIZE = 12;
/** Average glyph width of the 12 px sans-serif labels, used to truncate labels to their box. */
const CHAR_PX = 7;
const PAD = 10;
const HEADER = 62;
const FOOTER = 26;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A stable number in [0, 1) from a name, so a function keeps its colour between renders. */
function hashUnit(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return ((h >>> 0) % 1000) / 1000;
}

const PALETTE: Record<FrameCategory, [[number, number], [number, number], [number, number]]> = {
  js: [[215, 255], [70, 170], [0, 50]],
  deps: [[205, 235], [175, 215], [50, 90]],
  node: [[80, 130], [175, 215], [80, 125]],
  native: [[90, 140], [150, 190], [215, 250]],
  gc: [[170, 205], [110, 145], [215, 245]],
  idle: [[185, 210], [185, 210], [185, 210]],
};

export function frameColour(category: FrameCategory, name: string): string {
  const v = hashUnit(name);
  const [r, g, b] = PALETTE[category].map(([lo, hi]) => Math.round(lo + (hi - lo) * v));
  return `rgb(${r},${g},${b})`;
}

/** Cuts a label to what fits in `px` pixels, or '' when not even 3 characters fit. */
export function fitLabel(label: string, px: number): string {
  const max = Math.floor((px - 6) / CHAR_PX);
  if (max < 3) return '';
  return label.length <= max ? label : `${label.slice(0, max - 2)}..`;
}

interface Placed {
  node: CallTreeNode;
  /** Start and width as fractions of the whole profile. */
  x: number;
  w: number;
  depth: number;
}

function place(root: CallTreeNode, minFraction: number): { frames: Placed[]; maxDepth: number } {
  const frames: Placed[] = [];
  let maxDepth = 0;
  const total = root.total || 1;
  const stack: Placed[] = [{ node: root, x: 0, w: 1, depth: 0 }];
  while (stack.length > 0) {
    const p = stack.pop()!;
    frames.push(p);
    maxDepth = Math.max(maxDepth, p.depth);
    let x = p.x;
    for (const child of p.node.children) {
      const w = child.total / total;
      if (w >= minFraction) stack.push({ node: child, x, w, depth: p.depth + 1 });
      x += w;
    }
  }
  return { frames, maxDepth };
}

function hoverTitle(node: CallTreeNode, total: number, baseDir: string | undefined): string {
  const file = displayPath(node.url, baseDir);
  const where = file ? `${file}${node.line > 0 ? `:${node.line}:${node.column}` : ''}` : '(native)';
  const pct = (us: number): string => `${((100 * us) / (total || 1)).toFixed(2)} %`;
  return [
    `${node.name} — ${where}`,
    `total ${formatNs(node.total * 1000)} (${pct(node.total)}), self ${formatNs(node.self * 1000)} (${pct(node.self)}), ${node.selfSamples} samples on top`,
    CATEGORY_LABELS[node.category],
  ].join('\n');
}

/**
 * Renders a merged call tree as a self-contained SVG flame graph (root at the top, callees
 * below, width ∝ time, heaviest callee leftmost). Each frame carries a hover `<title>`; a small
 * inline script adds click-to-zoom, a regex search with the matched share, and a details line.
 * Labels are plain `<text>`, so the browser's find (Ctrl-F) also works.
 */
export function renderFlamegraphSvg(root: CallTreeNode, options: FlamegraphOptions = {}): string {
  const width = options.width ?? 1200;
  const fh = options.frameHeight ?? 17;
  const inner = width - 2 * PAD;
  const minFraction = (options.minWidthPx ?? 0.5) / inner;
  const { frames, maxDepth } = place(root, minFraction);
  const height = HEADER + (maxDepth + 1) * fh + FOOTER;
  const title = options.title ?? 'CPU flame graph';

  const out: string[] = [];
  out.push(`<?xml version="1.0" standalone="no"?>`);
  out.push(
    `<svg version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg" data-inner="${inner}" data-pad="${PAD}" data-char="${CHAR_PX}">`,
  );
  out.push(`<desc>CPU flame graph rendered from a V8 .cpuprofile by @workflow-bench/profiling</desc>`);
  out.push(`<style>
text { font-family: Verdana, "DejaVu Sans", sans-serif; font-size: ${FONT_SIZE}px; fill: #000; }
.f text { pointer-events: none; }
.f rect { stroke: #fff; stroke-width: 0.5; }
.f:hover rect { stroke: #000; stroke-width: 1; cursor: pointer; }
.f.anc rect { opacity: 0.55; }
.button { cursor: pointer; fill: #1a4fa0; text-decoration: underline; }
.hidden { display: none; }
#title { font-size: 17px; font-weight: bold; }
#subtitle, #details, #matched { fill: #333; }
</style>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#fbfbf7"/>`);
  out.push(`<text id="title" x="${width / 2}" y="22" text-anchor="middle">${escapeXml(title)}</text>`);
  const sub = options.subtitle ?? `${formatNs(root.total * 1000)} of CPU time`;
  out.push(`<text id="subtitle" x="${width / 2}" y="39" text-anchor="middle">${escapeXml(sub)}</text>`);
  out.push(`<text id="unzoom" class="button hidden" x="${PAD}" y="22">Reset zoom</text>`);
  out.push(`<text id="search" class="button" x="${width - PAD}" y="22" text-anchor="end">Search</text>`);
  out.push(`<text id="matched" x="${width - PAD}" y="39" text-anchor="end"></text>`);

  // Legend: one swatch per kind of code present in the profile.
  const present = new Set(frames.map((f) => f.node.category));
  let lx = PAD;
  for (const c of FRAME_CATEGORIES) {
    if (!present.has(c)) continue;
    out.push(`<rect x="${lx}" y="46" width="10" height="10" fill="${frameColour(c, c)}"/>`);
    out.push(`<text x="${lx + 14}" y="55">${escapeXml(CATEGORY_LABELS[c])}</text>`);
    lx += 24 + CATEGORY_LABELS[c].length * CHAR_PX;
  }

  out.push(`<g id="frames">`);
  for (const f of frames) {
    const x = PAD + f.x * inner;
    const w = f.w * inner;
    const y = HEADER + f.depth * fh;
    const label = f.depth === 0 ? 'all' : f.node.name;
    out.push(
      `<g class="f" data-x="${f.x.toFixed(7)}" data-w="${f.w.toFixed(7)}" data-d="${f.depth}" data-n="${escapeXml(label)}">` +
        `<title>${escapeXml(f.depth === 0 ? `all — ${formatNs(root.total * 1000)}, ${root.children.length} top-level frames` : hoverTitle(f.node, root.total, options.baseDir))}</title>` +
        `<rect x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${fh - 1}" rx="2" fill="${f.depth === 0 ? 'rgb(200,200,200)' : frameColour(f.node.category, f.node.name)}"/>` +
        `<text x="${(x + 3).toFixed(2)}" y="${y + fh - 5}">${escapeXml(fitLabel(label, w))}</text></g>`,
    );
  }
  out.push(`</g>`);
  out.push(`<text id="details" x="${PAD}" y="${height - 9}"> </text>`);
  out.push(`<script type="text/ecmascript"><![CDATA[${SCRIPT}]]></script>`);
  out.push(`</svg>`);
  return out.join('\n') + '\n';
}

/** Click-to-zoom, search and details; plain DOM so it runs wherever the SVG is opened directly. */
const SCRIPT = `
(function () {
  var svg = document.documentElement;
  var inner = +svg.getAttribute('data-inner'), pad = +svg.getAttribute('data-pad'), charPx = +svg.getAttribute('data-char');
  var frames = Array.prototype.slice.call(document.querySelectorAll('g.f'));
  var details = document.getElementById('details'), unzoom = document.getElementById('unzoom');
  var matched = document.getElementById('matched');
  function fit(label, px) { var max = Math.floor((px - 6) / charPx); if (max < 3) return ''; return label.length <= max ? label : label.slice(0, max - 2) + '..'; }
  function layout(x0, w0, d0) {
    var eps = 1e-9;
    frames.forEach(function (g) {
      var x = +g.getAttribute('data-x'), w = +g.getAttribute('data-w'), d = +g.getAttribute('data-d');
      var nx, nw, anc = false;
      if (d < d0) { if (x <= x0 + eps && x + w >= x0 + w0 - eps) { nx = 0; nw = 1; anc = true; } else { g.style.display = 'none'; return; } }
      else if (x >= x0 - eps && x + w <= x0 + w0 + eps) { nx = (x - x0) / w0; nw = w / w0; }
      else { g.style.display = 'none'; return; }
      g.style.display = '';
      var px = pad + nx * inner, pw = nw * inner;
      var r = g.querySelector('rect'), t = g.querySelector('text');
      r.setAttribute('x', px.toFixed(2)); r.setAttribute('width', pw.toFixed(2));
      t.setAttribute('x', (px + 3).toFixed(2)); t.textContent = fit(g.getAttribute('data-n'), pw);
      if (anc) g.classList.add('anc'); else g.classList.remove('anc');
    });
  }
  frames.forEach(function (g) {
    g.addEventListener('click', function () {
      layout(+g.getAttribute('data-x'), +g.getAttribute('data-w'), +g.getAttribute('data-d'));
      unzoom.classList.remove('hidden');
    });
    g.addEventListener('mouseover', function () { details.textContent = g.querySelector('title').textContent.split('\\n').slice(0, 2).join(' | '); });
    g.addEventListener('mouseout', function () { details.textContent = ' '; });
  });
  unzoom.addEventListener('click', function () { layout(0, 1, 0); unzoom.classList.add('hidden'); });
  document.getElementById('search').addEventListener('click', function () {
    var term = window.prompt('Search function names (regular expression; empty clears):', '');
    if (term === null) return;
    var re = null;
    try { re = term ? new RegExp(term) : null; } catch (e) { window.alert('Not a valid regular expression: ' + e.message); return; }
    var spans = [];
    frames.forEach(function (g) {
      var r = g.querySelector('rect');
      if (re && +g.getAttribute('data-d') > 0 && re.test(g.getAttribute('data-n'))) {
        r.style.fill = 'rgb(230,0,230)';
        spans.push([+g.getAttribute('data-x'), +g.getAttribute('data-x') + +g.getAttribute('data-w')]);
      } else r.style.fill = '';
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var sum = 0, end = -1;
    spans.forEach(function (s) { if (s[0] >= end) { sum += s[1] - s[0]; end = s[1]; } else if (s[1] > end) { sum += s[1] - end; end = s[1]; } });
    matched.textContent = re ? 'Matched ' + JSON.stringify(term) + ': ' + (100 * sum).toFixed(1) + ' %' : '';
  });
})();
`;
