import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/main.ts';
import { mdCode, mdText } from '../src/report/markdown-text.ts';
import { CORE_SPECS, ENVIRONMENT, makeWorkspace, syntheticResults, writeResults } from './support/fixtures.ts';

async function run(root: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Partial<CliIo> = { cwd: root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), detectGpus: async () => [] };
  return { code: await main(args, io), stdout, stderr };
}

/** Markdown as GitHub renders it (CommonMark + GFM tables), raw HTML passed through so any that leaks is visible. */
const render = (md: string) => micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });

/** The elements our own Markdown produces; anything else in the rendered report came from the input. */
const OWN_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'ul', 'li', 'strong', 'em', 'a', 'hr', 'blockquote', 'details', 'summary']);

function foreignMarkup(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const [tag, , name, attrs] = m;
    if (!OWN_TAGS.has(name.toLowerCase())) found.push(tag);
    else if (name === 'a' ? !/^ href="[^"]*"$/.test(attrs) || /href="\s*javascript:/i.test(attrs) : !/^( align="\w+")?( \/)?$/.test(attrs)) found.push(tag);
  }
  return found;
}

const HOSTILE = {
  cpu: 'AMD <img src=x onerror=alert(1)> EPYC',
  gpu: '<script>alert(2)</script>',
  os: 'Linux [click](javascript:alert(3)) **bold** | cell',
  project: '<b>proj</b>',
  id: '<b>proj</b>/g/`<img src=y onerror=alert(4)>`|x',
  reason: '<iframe src=//evil></iframe>\nsecond line',
};

describe('bench-report: a benchmark with status ok but no samples (issue 15)', () => {
  it('is bad input: exit 2 naming the file and the id, and the previous report is kept', async () => {
    const root = makeWorkspace({ core: syntheticResults('core', CORE_SPECS, { seed: 1 }) });
    expect((await run(root, ['report', '--skip-history'])).code).toBe(0);
    const before = readFileSync(join(root, 'reports', 'benchmark_report.md'), 'utf8');
    const results = syntheticResults('core', CORE_SPECS, { seed: 2 });
    results.benchmarks[2] = { ...results.benchmarks[2], samples: [], iterations: [] }; // the estimate and stats are still there
    writeResults(root, 'core', results);
    for (const command of ['report', 'compare']) {
      const r = await run(root, [command]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/libs\/core\/bench-results\/latest\.json: benchmarks\[2\]\.samples: benchmark "core\/tma-parse\/medium" has status "ok" but no samples/);
    }
    expect(readFileSync(join(root, 'reports', 'benchmark_report.md'), 'utf8')).toBe(before);
  });

  it('a baseline entry with a measured part but no samples is bad input too', async () => {
    const root = makeWorkspace({ core: syntheticResults('core', CORE_SPECS, { seed: 1 }) });
    expect((await run(root, ['save-baseline', 'baselines/b.json'])).code).toBe(0);
    const file = join(root, 'baselines', 'b.json');
    const b = JSON.parse(readFileSync(file, 'utf8'));
    b.benchmarks[1].measured.samples = [];
    delete b.benchmarks[1].measured.roundSampleCounts;
    writeFileSync(file, JSON.stringify(b));
    const r = await run(root, ['compare', '--baseline', 'baselines/b.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/b\.json: benchmarks\[1\]\.measured\.samples: entry "core\/tma-parse\/small" has a measured part but no samples/);
  });
});

describe('bench-report Markdown: text from the inputs never becomes HTML, a link or a table cell (issue 15)', () => {
  it('escapes CPU, GPU, OS, project names, ids, reasons and target labels in benchmark_report.md and pr-comment.md', async () => {
    const environment = { ...ENVIRONMENT, cpuModel: HOSTILE.cpu, os: HOSTILE.os, gpus: [{ vendor: 'ACME <u>', model: HOSTILE.gpu, vramMiB: null }] };
    const results = syntheticResults(HOSTILE.project, [{ id: HOSTILE.id, value: 1000 }, { id: `${HOSTILE.project}/g/skipped`, value: 1, status: 'skipped' }], { seed: 3, environment });
    results.benchmarks[1].reason = HOSTILE.reason;
    const other = syntheticResults('other', [{ id: 'other/g/x', value: 5 }], { seed: 4, environment: { ...ENVIRONMENT, cpuModel: '<marquee>other</marquee>', hardwareFingerprint: 'fp-<x>' } });
    const root = makeWorkspace({ evil: results, other });
    mkdirSync(join(root, 'baselines'), { recursive: true });
    const target = { value: 1, unit: 'ns', comparison: '<', label: '<svg onload=alert(5)> < 1 ns' };
    const baseline = { format: 'workflow-bench-baseline', schemaVersion: 1, name: 'x', description: '', savedAt: null, environment: null, gitSha: null, benchmarks: [{ id: HOSTILE.id, target }] };
    writeFileSync(join(root, 'baselines', 'b.json'), JSON.stringify(baseline));

    const r = await run(root, ['report', '--skip-history', '--baseline', 'baselines/b.json']);
    expect(r.stderr).toBe('');
    for (const name of ['benchmark_report.md', 'pr-comment.md']) {
      const md = readFileSync(join(root, 'reports', name), 'utf8');
      const html = render(md);
      expect(foreignMarkup(html), name).toEqual([]);
      // Tables keep their shape: every body row of a table has as many cells as its header.
      for (const table of html.split('<table>').slice(1)) {
        const header = (table.split('</thead>')[0].match(/<th[ >]/g) ?? []).length;
        for (const row of table.split('</thead>')[1].split('</table>')[0].split('<tr>').slice(1)) expect((row.match(/<td[ >]/g) ?? []).length, name).toBe(header);
      }
    }
    const html = render(readFileSync(join(root, 'reports', 'benchmark_report.md'), 'utf8'));
    // The text itself is still there, shown as text.
    expect(html).toContain('AMD &lt;img src=x onerror=alert(1)&gt; EPYC');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('Linux [click](javascript:alert(3)) **bold** | cell');
    expect(html).toContain('&lt;b&gt;proj&lt;/b&gt;');
    expect(html).toContain('&lt;iframe src=//evil&gt;&lt;/iframe&gt; second line');
    expect(html).toContain('&lt;marquee&gt;other&lt;/marquee&gt;');
    expect(html).toContain('<code>&lt;b&gt;proj&lt;/b&gt;/g/`&lt;img src=y onerror=alert(4)&gt;`|x</code>');
  });

  it('mdText and mdCode: one rule for the whole class of input, checked against the renderer', () => {
    const samples = ['<a href=x>', '&amp;', '[a](b)', '![i](x)', '*e*', '_e_', '`c`', '~~s~~', 'a|b', 'x\\', '<!-- c -->', '<https://evil>', 'see https://x.y z', 'www.evil.com', 'x@y.org', '@team', 'a\nb', 'baseline_cpu_only'];
    for (const s of samples) {
      const shown = render(`| h |\n|---|\n| ${mdText(s)} |`).match(/<td>(.*)<\/td>/s)![1];
      const expected = s.replace(/\n/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      expect(shown, s).toBe(expected);
      const code = render(`| h |\n|---|\n| ${mdCode(s, 'table')} |`).match(/<td>(.*)<\/td>/s)![1];
      expect(code, s).toBe(`<code>${expected}</code>`);
      expect(render(`x ${mdCode(s, 'text')} y`), s).toBe(`<p>x <code>${expected}</code> y</p>`);
    }
  });
});
