import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { drawnCanvases, HAS_CHROMIUM, withOfflinePage } from './support/offline-page.ts';
import { CORE_SPECS, DATABASE_SPECS, makeWorkspace, syntheticInstructionResults, syntheticResults, writeResults } from './support/fixtures.ts';


async function buildReportWithHistory(): Promise<string> {
  const root = makeWorkspace({ core: syntheticResults('core', CORE_SPECS, { seed: 1, rounds: 2 }), database: syntheticResults('database', DATABASE_SPECS, { seed: 2 }) });
  // core also has instruction counts (instructions.json) for the same ids.
  writeResults(root, 'core', syntheticInstructionResults('core', CORE_SPECS, { seed: 3 }), 'instructions.json');
  const quiet = { cwd: root, stdout: () => {}, stderr: () => {}, detectGpus: async () => [] };
  expect(await main(['save-baseline', 'baselines/b.json'], quiet)).toBe(0);
  for (const [i, factor] of [1, 1.02, 1.3].entries()) {
    writeResults(root, 'core', syntheticResults('core', CORE_SPECS.map((s) => ({ ...s, value: s.value * factor })), { seed: 10 + i, rounds: 2 }));
    writeResults(root, 'core', syntheticInstructionResults('core', CORE_SPECS.map((s) => ({ ...s, value: s.value * factor })), { seed: 20 + i }), 'instructions.json');
    await main(['report', '--baseline', 'baselines/b.json'], { ...quiet, now: () => new Date(Date.UTC(2026, 0, 1 + i)) });
  }
  return join(root, 'reports', 'benchmark_report.html');
}

describe('HTML report', () => {
  it('is one self-contained file: no external scripts, styles or fetches', async () => {
    const html = readFileSync(await buildReportWithHistory(), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).toMatch(/Chart\.js v4/);
    expect(html).toMatch(/id="report-data"/);
  });

  it.skipIf(!HAS_CHROMIUM)('renders every chart in headless Chromium, offline', async () => {
    const file = await buildReportWithHistory();
    await withOfflinePage(file, async ({ page, errors, external }) => {
      const drawn = await drawnCanvases(page, 'canvas');
      const info = await page.evaluate(() => {
        // Runs in the page; typed minimally here because this project compiles without the DOM lib.
        type Doc = { querySelectorAll(sel: string): ArrayLike<unknown>; body: { dataset: Record<string, string | undefined> } };
        const document = (globalThis as unknown as { document: Doc }).document;
        return {
          rendered: Number(document.body.dataset.chartsRendered),
          canvases: document.querySelectorAll('canvas').length,
          regressedBadges: document.querySelectorAll('.badge.regressed').length,
          instructionCards: document.querySelectorAll('.bench .measure.instructions').length,
        };
      });
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
      // 13 ok results (5 core wall time + 5 core instructions + 3 database) × (histogram + trend)
      // + the comparison chart; the skipped database benchmark has none.
      const expected = 2 * (2 * CORE_SPECS.length + DATABASE_SPECS.filter((s) => s.status === undefined).length) + 1;
      expect(expected).toBe(27);
      expect(info.canvases).toBe(expected);
      expect(info.rendered).toBe(expected);
      expect(drawn).toHaveLength(expected);
      expect(drawn).toContain('comparison-chart');
      expect(info.regressedBadges).toBeGreaterThan(0);
      expect(info.instructionCards).toBe(CORE_SPECS.length);
    });
  }, 60_000);
});
