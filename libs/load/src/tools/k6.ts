import { build } from 'esbuild';
import { execa } from 'execa';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadResult } from '../results/load-result.ts';
import type { TestType } from '../profiles/test-types.ts';
import { parseK6Summary } from './k6-summary.ts';
import { findExecutable } from '@workflow-bench/bench-kit';

export const K6_INSTALL_HINT = 'k6 not installed: see https://grafana.com/docs/k6/latest/set-up/install-k6/ (Debian/Ubuntu: the dl.k6.io apt repository, package k6)';

export const K6_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'k6');
export type K6Script = TestType | 'burst' | 'sustained';
export const K6_SCRIPTS: readonly K6Script[] = ['smoke', 'load', 'stress', 'spike', 'soak', 'burst', 'sustained'];

export function k6Path(): string | undefined {
  return findExecutable('k6');
}

/**
 * Bundles the TypeScript k6 scripts (k6/src/<name>.ts) into plain ES modules with esbuild;
 * `k6` and `k6/*` stay external (k6 provides them at run time).
 */
export async function bundleK6Scripts(outdir: string, scripts: readonly K6Script[] = K6_SCRIPTS): Promise<Record<K6Script, string>> {
  await build({
    entryPoints: scripts.map((s) => join(K6_DIR, 'src', `${s}.ts`)),
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    external: ['k6', 'k6/*'],
    logLevel: 'silent',
  });
  return Object.fromEntries(scripts.map((s) => [s, join(outdir, `${s}.js`)])) as Record<K6Script, string>;
}

export interface K6RunOptions {
  script: K6Script;
  url: string;
  /** SCENARIO for the test-type scripts (workflow, submit, status, feedback, mixed). */
  scenario?: string;
  /** Multiplies stage durations of the test-type scripts. */
  timeScale?: number;
  tmaTexts?: readonly string[];
  env?: Record<string, string>;
  timeoutS?: number;
}

/** Bundles and runs one k6 script with --summary-export (the legacy shape), returning the common result. */
export async function runK6(o: K6RunOptions): Promise<LoadResult & { k6ExitCode: number }> {
  const bin = k6Path();
  if (!bin) throw new Error(K6_INSTALL_HINT);
  const dir = await mkdtemp(join(tmpdir(), 'wb-k6-'));
  try {
    const scripts = await bundleK6Scripts(join(dir, 'dist'), [o.script]);
    const env: Record<string, string> = { BASE_URL: o.url, SCENARIO: o.scenario ?? 'workflow', ...o.env };
    if (o.timeScale !== undefined) env.TIME_SCALE = String(o.timeScale);
    if (o.tmaTexts) {
      env.TMA_BODIES = join(dir, 'tma-texts.json');
      await writeFile(env.TMA_BODIES, JSON.stringify(o.tmaTexts));
    }
    const summary = join(dir, 'summary.json');
    const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    const r = await execa(bin, ['run', '--quiet', '--no-color', '--summary-export', summary, ...envArgs, scripts[o.script]], {
      // The legacy export: k6 ≥ 1.5's machine-readable summary has no thresholds or per-endpoint
      // sub-metrics. An environment variable, not the flag, so a k6 older than 1.5 is not refused.
      env: { K6_NEW_MACHINE_READABLE_SUMMARY: 'false' },
      reject: false,
      timeout: (o.timeoutS ?? 600) * 1000,
      forceKillAfterDelay: 5000,
      all: true,
    });
    // k6 exits 99 when thresholds fail: still a result to report.
    const json = await readFile(summary, 'utf8').catch(() => undefined);
    if (json === undefined) throw new Error(`k6 exited with ${r.exitCode ?? r.signal} and wrote no summary:\n${(r.all ?? '').slice(-3000)}`);
    return { ...parseK6Summary(json, { scenario: `k6 ${o.script} (${env.SCENARIO})` }), k6ExitCode: r.exitCode ?? -1 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
