import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildCallTree } from '../src/cpu/call-tree.ts';
import type { CpuProfile } from '../src/cpu/cpuprofile.ts';
import { renderFlamegraphSvg } from '../src/cpu/flamegraph-svg.ts';
import { tempOut } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';

function profile(): CpuProfile {
  const f = (id: number, functionName: string, children: number[] = []) => ({
    id,
    callFrame: { functionName, scriptId: '1', url: 'file:///w/src/a.ts', lineNumber: id, columnNumber: 0 },
    children,
  });
  const nodes = [f(1, '(root)', [2, 5]), f(2, 'main', [3, 4]), f(3, 'parseDocument', []), f(4, 'hashBlock', []), f(5, 'other', [])];
  const samples = [...Array(600).fill(3), ...Array(300).fill(4), ...Array(100).fill(5)];
  return { nodes, startTime: 0, endTime: (samples.length + 1) * 10, samples, timeDeltas: samples.map(() => 10) };
}

describe.skipIf(!existsSync(CHROMIUM))('flame graph in headless Chromium', () => {
  it('renders without script errors, zooms on click and searches', { timeout: 120_000 }, async () => {
    const dir = tempOut();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'flame.svg');
    writeFileSync(file, renderFlamegraphSvg(buildCallTree(profile())));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'], headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 400 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(file).href);
      const width = (name: string) => page.locator(`g.f[data-n="${name}"] rect`).getAttribute('width').then(Number);
      expect(await width('hashBlock')).toBeCloseTo(0.3 * 1180, 0);

      await page.locator('g.f[data-n="hashBlock"] rect').click();
      expect(await width('hashBlock')).toBeCloseTo(1180, 0);
      expect(await page.locator('g.f[data-n="parseDocument"]').isHidden()).toBe(true);
      expect(await page.locator('g.f[data-n="main"]').getAttribute('class')).toContain('anc');
      await page.locator('#unzoom').click();
      expect(await width('parseDocument')).toBeCloseTo(0.6 * 1180, 0);

      page.once('dialog', (d) => void d.accept('parse|hash'));
      await page.locator('#search').click();
      await expect.poll(() => page.locator('#matched').textContent()).toBe('Matched "parse|hash": 90.0 %');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
