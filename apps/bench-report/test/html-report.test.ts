import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { CORE_SPECS, DATABASE_SPECS, makeWorkspace, syntheticInstructionResults, syntheticResults, writeResults } from './support/fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

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

  it.skipIf(!existsSync(CHROMIUM))('renders every chart in headless Chromium, offline', async () => {
    const file = await buildReportWithHistory();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const external: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.route('**/*', (route) => {
        if (route.request().url().startsWith('file:')) return route.continue();
        external.push(route.request().url());
        return route.abort();
      });
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-charts-rendered]', { timeout: 20_000 });
      const info = await page.evaluate(() => {
        // Runs in the page; typed minimally here because this project compiles without the DOM lib.
        type Canvas = { id: string; width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
        type Doc = { querySelectorAll(sel: string): ArrayLike<unknown>; body: { dataset: Record<string, string | undefined> } };
        const document = (globalThis as unknown as { document: Doc }).document;
        const canvases = Array.from(document.querySelectorAll('canvas')) as Canvas[];
        // A canvas counts as drawn when some pixel is not transparent.
        const drawn = canvases.filter((c) => {
          const ctx = c.getContext('2d');
          if (!ctx || c.width === 0 || c.height === 0) return false;
          const data = ctx.getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
          return false;
        });
        return {
          rendered: Number(document.body.dataset.chartsRendered),
          canvases: canvases.length,
          drawn: drawn.map((c) => c.id),
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
      expect(info.drawn).toHaveLength(expected);
      expect(info.drawn).toContain('comparison-chart');
      expect(info.regressedBadges).toBeGreaterThan(0);
      expect(info.instructionCards).toBe(CORE_SPECS.length);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
