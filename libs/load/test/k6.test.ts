import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import { bundleK6Scripts, K6_DIR, K6_SCRIPTS, k6Path } from '../src/tools/k6.ts';
import { ENDPOINT_NAMES } from '../k6/src/lib/endpoints.ts';

describe('k6 scripts', () => {
  it('type-check with @types/k6 (k6/tsconfig.json)', async () => {
    const tsc = join(import.meta.dirname, '..', '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
    const r = await execa('node', [tsc, '-p', join(K6_DIR, 'tsconfig.json')], { reject: false, timeout: 120_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  }, 130_000);

  it('bundle with esbuild into plain ES modules, k6 imports left external', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'k6-bundle-'));
    try {
      const out = await bundleK6Scripts(dir);
      expect(Object.keys(out).sort()).toEqual([...K6_SCRIPTS].sort());
      for (const file of Object.values(out)) {
        const js = await readFile(file, 'utf8');
        expect(js).toMatch(/^import http from "k6\/http";$/m);
        expect(js).toMatch(/export \{[^}]*options/);
        expect(js).toMatch(/export \{[^}]*setup/);
        expect(js).not.toMatch(/: string\[\]/); // types stripped
        expect(js).not.toMatch(/from "\.\.?\//); // shared modules inlined
      }
      expect(await readFile(out.smoke, 'utf8')).toMatch(/http_req_failed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("every script names each endpoint's sub-metric in a threshold, so k6 keeps http_req_duration{name:X} in its export", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'k6-options-'));
    try {
      // Bundle the real scripts with k6's modules stubbed, then read their exported options.
      const stub = 'export default {}; export const check = () => true; export const sleep = () => {};';
      await build({
        entryPoints: K6_SCRIPTS.map((s) => join(K6_DIR, 'src', `${s}.ts`)),
        outdir: dir,
        bundle: true,
        format: 'esm',
        platform: 'neutral',
        outExtension: { '.js': '.mjs' },
        logLevel: 'silent',
        plugins: [{ name: 'k6-stub', setup: (b) => { b.onResolve({ filter: /^k6(\/.*)?$/ }, (a) => ({ path: a.path, namespace: 'k6' })); b.onLoad({ filter: /.*/, namespace: 'k6' }, () => ({ contents: stub })); } }],
      });
      Object.assign(globalThis, { __ENV: {}, open: () => '[]' });
      const source = await readFile(join(K6_DIR, 'src', 'lib', 'marking.ts'), 'utf8');
      // The names the requests are tagged with are exactly the endpoints the thresholds name.
      expect([...source.matchAll(/tags: \{ name: ENDPOINT\.(\w+) \}/g)]).toHaveLength(ENDPOINT_NAMES.length);
      for (const script of K6_SCRIPTS) {
        const { options } = (await import(pathToFileURL(join(dir, `${script}.mjs`)).href)) as { options: { thresholds: Record<string, string[]> } };
        for (const name of ENDPOINT_NAMES) expect(options.thresholds[`http_req_duration{name:${name}}`], `${script}: ${name}`).toEqual(['max>=0']);
        expect(Object.keys(options.thresholds).some((k) => !k.includes('{')), script).toBe(true); // the script's own thresholds stay
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!k6Path())('runs the smoke test against the marking API when k6 is installed', async () => {
    const { startMarkingApiProcess } = await import('../src/tools/marking-api-process.ts');
    const { runK6 } = await import('../src/tools/k6.ts');
    const server = await startMarkingApiProcess({ env: { DATABASE_URL: '' } });
    try {
      const r = await runK6({ script: 'smoke', url: server.url, timeScale: 0.3 });
      expect(r.requests).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
