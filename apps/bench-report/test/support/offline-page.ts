import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

/** Debian's Chromium; the browser tests skip without it. */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface OfflinePage {
  page: Page;
  /** Page errors, console errors and dialogs (dismissed), in order. */
  errors: string[];
  /** Every non-file: URL the page asked for (each refused). */
  external: string[];
}

/**
 * Opens a report file in headless Chromium with the network refused, waits until the page marks
 * its charts rendered (`body[data-charts-rendered]`), hands the page to `use`, and closes the
 * browser whatever happens.
 */
export async function withOfflinePage<T>(file: string, use: (opened: OfflinePage) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    const external: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith('file:')) return route.continue();
      external.push(route.request().url());
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-charts-rendered]', { timeout: 20_000 });
    return await use({ page, errors, external });
  } finally {
    await browser.close();
  }
}

/** Ids of the canvases matching `selector` that hold at least one non-transparent pixel. */
export function drawnCanvases(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    // Runs in the page; typed minimally because this project compiles without the DOM lib.
    type Canvas = { id: string; width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
    const document = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } }).document;
    return (Array.from(document.querySelectorAll(sel)) as Canvas[])
      .filter((c) => {
        const ctx = c.getContext('2d');
        if (!ctx || c.width === 0 || c.height === 0) return false;
        const data = ctx.getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
        return false;
      })
      .map((c) => c.id);
  }, selector);
}
