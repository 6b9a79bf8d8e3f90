#!/usr/bin/env node
// `npm test`: every project's vitest suite through Nx, then one closing line
// `N passed, N failed, N skipped` summed from each project's JSON report (vitest's own closing
// lines are per project, and CI reads a single line).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const reports = [];
for (const area of ['libs', 'apps', 'tools']) {
  const dir = join(root, area);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) reports.push(join(dir, name, 'test-results', 'vitest.json'));
}
const extra = process.argv.slice(2);
const skipCache = process.env.CI ? ['--skip-nx-cache'] : [];
for (const r of reports) rmSync(r, { force: true });

const nx = spawnSync('npx', ['nx', 'run-many', '-t', 'test', '--parallel=2', '--outputStyle=static', ...skipCache, ...extra], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NX_DAEMON: process.env.NX_DAEMON ?? 'false' },
});

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const r of reports) {
  if (!existsSync(r)) {
    const project = r.split('/').slice(-3)[0];
    if (existsSync(join(r, '..', '..', 'project.json'))) missing.push(project);
    continue;
  }
  const json = JSON.parse(readFileSync(r, 'utf8'));
  passed += json.numPassedTests ?? 0;
  failed += json.numFailedTests ?? 0;
  skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
}
if (missing.length) console.log(`no test report from: ${missing.join(', ')}`);
const status = nx.status ?? 1;
// A project whose run failed without a report (e.g. a compile error) still counts as a failure.
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status);
