import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/main.ts';
import type { Report } from '../src/report/report-model.ts';
import { CORE_SPECS, makeWorkspace, syntheticResults } from './support/fixtures.ts';

async function run(root: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Partial<CliIo> = { cwd: root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), detectGpus: async () => [] };
  return { code: await main(args, io), stdout, stderr };
}

const BENCH = 'core/pii-detect/large';
const at = '2026-11-29T20:18:19.000Z';
const entry = (kind: string, area: string, status: string, path: string | null, summary: string) => ({ kind, area, lib: 'core', bench: BENCH, status, path, createdAt: at, summary });

/** A workspace with core results and a profiling index as libs/profiling writes it (files for most entries). */
function workspaceWithIndex(index: unknown | string) {
  const root = makeWorkspace({ core: syntheticResults('core', CORE_SPECS, { seed: 1 }) });
  const dir = join(root, 'reports', 'profiling');
  for (const sub of ['cpu', 'memory']) mkdirSync(join(dir, sub), { recursive: true });
  for (const f of ['cpu/core.pii-detect.large.flamegraph.svg', 'cpu/core.pii-detect.large.cpuprofile', 'cpu/core.pii-detect.large.hotspots.md', 'memory/core.pii-detect.large.leak-check.json', 'memory/core.pii-detect.large.heapprofile']) {
    writeFileSync(join(dir, f), 'x');
  }
  writeFileSync(join(dir, 'index.json'), typeof index === 'string' ? index : JSON.stringify(index));
  return root;
}

const GOOD = {
  schemaVersion: 1,
  updatedAt: at,
  artefacts: [
    entry('cpuprofile', 'cpu', 'ok', 'profiling/cpu/core.pii-detect.large.cpuprofile', '336 repetitions in 1.06 s, 551 samples'),
    entry('flamegraph', 'cpu', 'ok', 'profiling/cpu/core.pii-detect.large.flamegraph.svg', 'top: detectPii at libs/core/src/pii/detect.ts:68:17, 39.8 % self'),
    entry('hotspots', 'cpu', 'ok', 'profiling/cpu/core.pii-detect.large.hotspots.md', 'detectPii 39.8 % self'),
    entry('gpu-samples', 'gpu', 'skipped', null, 'nvidia-smi not found: no NVIDIA GPU (install the NVIDIA driver)'),
    entry('heapprofile', 'memory', 'ok', 'profiling/memory/core.pii-detect.large.heapprofile', 'top allocation site: tokenize'),
    entry('leak-check', 'memory', 'flagged', 'profiling/memory/core.pii-detect.large.leak-check.json', 'heapUsed grows 3.2 MiB per round'),
    entry('memory-csv', 'memory', 'ok', 'profiling/memory/core.pii-detect.large.memory.csv', 'peak RSS 120 MiB'), // file deleted since
    entry('flamegraph', 'cpu', 'ok', 'javascript:alert(1)', 'hostile'),
    entry('teapot', 'cpu', 'ok', 'profiling/cpu/x.svg', 'unknown kind'),
  ],
};

describe('Profiling section (reports/profiling/index.json)', () => {
  it('lists each artefact with kind, lib, bench, summary, created time and a relative link; skipped parts with their reason; bad entries left out with a warning', async () => {
    const root = workspaceWithIndex(GOOD);
    const r = await run(root, ['report', '--skip-history']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: reports\/profiling\/index\.json: artefacts\[7\]\.path: "javascript:alert\(1\)" is not a relative path inside the reports folder; entry left out/);
    expect(r.stderr).toMatch(/artefacts\[8\]\.kind: unknown kind "teapot"/);
    expect(r.stderr).toMatch(/artefacts\[6\]\.path: profiling\/memory\/core\.pii-detect\.large\.memory\.csv does not exist/);

    const report = JSON.parse(readFileSync(join(root, 'reports', 'benchmark_report.json'), 'utf8')) as Report;
    expect(report.profiling!.status).toBe('ok');
    expect(report.profiling!.artefacts.map((a) => a.kind)).toEqual(['cpuprofile', 'flamegraph', 'hotspots', 'gpu-samples', 'heapprofile', 'leak-check', 'memory-csv']);
    for (const a of report.profiling!.artefacts) if (a.exists) expect(existsSync(join(root, 'reports', a.href!)), a.href!).toBe(true);

    const html = readFileSync(join(root, 'reports', 'benchmark_report.html'), 'utf8');
    const section = html.slice(html.indexOf('<section id="profiling">'), html.indexOf('</section>', html.indexOf('<section id="profiling">')));
    expect(section).toContain('<a href="profiling/cpu/core.pii-detect.large.flamegraph.svg">flame graph (SVG)</a>');
    expect(section).toContain('<a href="profiling/cpu/core.pii-detect.large.cpuprofile">.cpuprofile</a>');
    expect(section).toContain('<a href="profiling/cpu/core.pii-detect.large.hotspots.md">hotspot report</a>');
    expect(section).toContain('<a href="profiling/memory/core.pii-detect.large.heapprofile">heap profile</a>');
    expect(section).toMatch(/memory CSV<\/a> <span class="reason">\(missing\)<\/span>/);
    expect(section).toMatch(/<td>gpu-samples<\/td><td>core<\/td><td><code>core\/pii-detect\/large<\/code><\/td><td><span class="badge unknown">skipped<\/span><\/td><td class="reason">nvidia-smi not found/);
    expect(section).toMatch(/leak check<\/a> <span class="badge missed">flagged<\/span>/);
    expect(section).toContain('2026-11-29 20:18:19');
    expect(section).toMatch(/class="warning">⚠ reports\/profiling\/index\.json: artefacts\[7\]/);
    expect(html).not.toContain('href="javascript:');

    const md = readFileSync(join(root, 'reports', 'benchmark_report.md'), 'utf8');
    expect(md).toMatch(/## Profiling[\s\S]*- `core\/pii-detect\/large` \(core\): \[\.cpuprofile\]\(profiling\/cpu\/core\.pii-detect\.large\.cpuprofile\) · \[flame graph \(SVG\)\]\(profiling\/cpu\/core\.pii-detect\.large\.flamegraph\.svg\)/);
    expect(md).toContain('GPU CSV skipped: nvidia-smi not found');
    expect(md).toMatch(/⚠ \[leak check\]\([^)]+\): heapUsed grows/);
  });

  it('links stay relative when the report is written elsewhere', async () => {
    const root = workspaceWithIndex(GOOD);
    expect((await run(root, ['report', '--skip-history', '--output-dir', 'out/ci'])).code).toBe(0);
    const html = readFileSync(join(root, 'out', 'ci', 'benchmark_report.html'), 'utf8');
    expect(html).toContain('<a href="../../reports/profiling/cpu/core.pii-detect.large.flamegraph.svg">');
    expect(existsSync(join(root, 'out', 'ci', '../../reports/profiling/cpu/core.pii-detect.large.flamegraph.svg'))).toBe(true);
  });

  it('no index: the section says how to produce one', async () => {
    const root = makeWorkspace({ core: syntheticResults('core', CORE_SPECS, { seed: 1 }) });
    const r = await run(root, ['report', '--skip-history']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const hint = 'npx nx run profiling:profile --lib=core --bench=core/pii-detect/large';
    expect(readFileSync(join(root, 'reports', 'benchmark_report.md'), 'utf8')).toMatch(/## Profiling\n\nNo profiling artefacts: reports\/profiling\/index\.json does not exist\. Produce some with `npx nx run profiling:profile --lib=core --bench=core\/pii-detect\/large`/);
    expect(readFileSync(join(root, 'reports', 'benchmark_report.html'), 'utf8')).toContain(`<code>${hint}</code>`);
  });

  for (const [name, content, message] of [
    ['truncated JSON', JSON.stringify(GOOD).slice(0, 200), /not valid JSON/],
    ['an unknown schema version', JSON.stringify({ ...GOOD, schemaVersion: 7 }), /unknown schemaVersion 7/],
    ['no artefacts array', JSON.stringify({ schemaVersion: 1 }), /"artefacts" is not an array/],
  ] as const) {
    it(`an index with ${name} is a warning in the report, not bad input (exit 0)`, async () => {
      const root = workspaceWithIndex(content);
      const r = await run(root, ['report', '--skip-history', '--detect-regressions']);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(message);
      const report = JSON.parse(readFileSync(join(root, 'reports', 'benchmark_report.json'), 'utf8')) as Report;
      expect(report.profiling!.status).toBe('invalid');
      expect(readFileSync(join(root, 'reports', 'benchmark_report.md'), 'utf8')).toMatch(new RegExp(`## Profiling\\n\\n> ⚠ reports/profiling/index\\.json: .*${message.source}`));
      expect(readFileSync(join(root, 'reports', 'benchmark_report.html'), 'utf8')).toMatch(/<p class="warning">⚠ reports\/profiling\/index\.json: /);
    });
  }

  it('reads the index libs/profiling wrote in this workspace, when there is one', async () => {
    const real = join(import.meta.dirname, '..', '..', '..', 'reports', 'profiling', 'index.json');
    if (!existsSync(real)) return;
    const root = makeWorkspace({ core: syntheticResults('core', CORE_SPECS, { seed: 1 }) });
    const r = await run(root, ['report', '--skip-history', '--profiling-index', real]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(root, 'reports', 'benchmark_report.json'), 'utf8')) as Report;
    expect(report.profiling!.status).toBe('ok');
    expect(r.stderr).not.toMatch(/entry left out/);
  });
});
