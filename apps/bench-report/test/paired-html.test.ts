import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComparisonFile } from '@workflow-bench/bench-kit';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { CORE_SPECS, makeWorkspace, syntheticResults } from './support/fixtures.ts';
import { drawnCanvases, HAS_CHROMIUM, withOfflinePage } from './support/offline-page.ts';
import { comparison } from './support/paired-comparison.ts';


/** An id that would run script if it reached the page unescaped. */
const HOSTILE_ID = 'ipc/<img src=x onerror=alert(1)>/"quoted"&amp';

function writeComparison(root: string, project: string, content: ComparisonFile) {
  const dir = join(root, 'libs', project, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'comparison.json'), JSON.stringify(content));
}

/**
 * A workspace with core's results (so the ordinary report is there too) and two comparison files:
 * core (6 ids, tma-parse/medium 20% slower, one new and one removed id) and ipc (3 ids, one of them
 * hostile, nothing changed). Returns the report directory.
 */
async function buildReport(): Promise<string> {
  const root = makeWorkspace({ core: syntheticResults('core', CORE_SPECS, { seed: 1, rounds: 2 }), ipc: null });
  writeComparison(root, 'core', comparison(3, 0.2));
  const ipc = comparison(4, 0, ['ipc/echo/small', 'ipc/echo/large', HOSTILE_ID]);
  writeComparison(root, 'ipc', { ...ipc, project: 'ipc', benchmarks: ipc.benchmarks.filter((b) => b.presence === 'both') });
  const io = { cwd: root, stdout: () => {}, stderr: () => {}, detectGpus: async () => [], now: () => new Date('2026-02-03T04:05:06.000Z') };
  expect(await main(['report', '--skip-history'], io)).toBe(0);
  return join(root, 'reports');
}

/** The cells of every row of the table that follows `heading` in a Markdown document. */
function markdownTable(md: string, heading: string): string[][] {
  const lines = md.slice(md.indexOf(heading)).split('\n');
  const start = lines.findIndex((l) => l.startsWith('| benchmark'));
  const rows: string[][] = [];
  for (let i = start; i < lines.length && lines[i].startsWith('|'); i++) {
    if (i === start + 1) continue;
    rows.push(lines[i].slice(1, -1).split(' | ').map((c) => c.trim()));
  }
  return rows;
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

describe('HTML report: paired comparisons (--against)', () => {
  it('per comparison file: revisions, the verdict table with the Markdown columns and wording, new/removed ids, reasons, one card per compared id', async () => {
    const dir = await buildReport();
    const html = readFileSync(join(dir, 'benchmark_report.html'), 'utf8');
    const md = readFileSync(join(dir, 'benchmark_report.md'), 'utf8');
    const section = html.slice(html.indexOf('<section id="paired">'), html.indexOf('</section>', html.indexOf('<section id="paired">')));
    expect(section).toMatch(/<h2>Paired comparison \(--against\)<\/h2>/);
    const files = section.split('<div class="paired-file">').slice(1);
    expect(files).toHaveLength(2);
    expect(text(files[0].slice(0, files[0].indexOf('</h3>')))).toBe('core: head HEAD (uncommitted changes included) vs base main (3f14d46), 6 fresh processes, quick, wall time');
    expect(files[0]).toMatch(/1 regressed · 0 improved · \d unchanged · \d inconclusive/);

    // Same columns as the Markdown table, and every row's cells say the same (the Markdown verdict carries its icon).
    const mdRows = markdownTable(md, '#### Paired comparison');
    const htmlRows = files.flatMap((f) => [...f.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => text(c[1]))));
    const header = ['benchmark', 'base', 'head', 'Δ (95% CI)', 'p (BH)', 'processes', 'verdict'];
    expect(mdRows[0]).toEqual(header);
    expect(htmlRows.filter((r) => r[0] === 'benchmark')).toEqual([header, header]);
    const htmlData = htmlRows.filter((r) => r[0] !== 'benchmark');
    const mdData = mdRows.slice(1).map((r) => [r[0].replace(/^`+ ?| ?`+$/g, ''), ...r.slice(1, 6), r[6].replace(/^\S+ /, '')]);
    expect(htmlData).toEqual(mdData);
    expect(htmlData.find((r) => r[0] === 'core/tma-parse/medium')?.[6]).toBe('regressed');

    // One-sided ids are listed, not judged; every verdict that is not unchanged says why.
    expect(text(files[0])).toMatch(/core\/new\/thing: new/);
    expect(text(files[0])).toMatch(/core\/old\/thing: removed/);
    expect(text(files[0])).toMatch(/core\/tma-parse\/medium: regressed: BH-adjusted p = .* noise floor; rests on time \(ns\)/);
    // A card with both charts for each of the 6 + 3 compared ids.
    expect(section.match(/<canvas id="paired-dist-\d+"><\/canvas>/g)).toHaveLength(9);
    expect(section.match(/<canvas id="paired-diff-\d+"><\/canvas>/g)).toHaveLength(9);
  });

  it('stays self-contained and escapes what the comparison files say', async () => {
    const html = readFileSync(join(await buildReport(), 'benchmark_report.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('ipc/&lt;img src=x onerror=alert(1)&gt;/&quot;quoted&quot;&amp;amp');
    // In the embedded data the id is JSON with < escaped, so it cannot end the script element.
    const data = html.slice(html.indexOf('id="report-data">'), html.indexOf('</script>', html.indexOf('id="report-data">')));
    expect(data).toContain('ipc/\\u003cimg src=x onerror=alert(1)>');
  });

  it.skipIf(!HAS_CHROMIUM)('draws every paired chart in headless Chromium, offline, with no errors', async () => {
    const file = join(await buildReport(), 'benchmark_report.html');
    await withOfflinePage(file, async ({ page, errors, external }) => {
      const drawn = await drawnCanvases(page, '#paired canvas');
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
      expect(drawn).toHaveLength(18);
      expect(drawn).toContain('paired-diff-0');
      expect(drawn).toContain('paired-dist-8');
    });
  }, 60_000);
});
