import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/embedded-server-process.ts', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs the fixture; `signal` is sent once it has printed its data dir. */
function runFixture(mode: string, signal?: NodeJS.Signals): Promise<{ code: number | null; dataDir: string; pid: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (signal !== undefined && out.includes('\n')) child.kill(signal);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    // Never leave a fixture (and its server) behind if it hangs: SIGTERM makes it clean up.
    const guard = setTimeout(() => child.kill('SIGTERM'), 80_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      const [dataDir, pid] = out.trim().split(' ');
      if (dataDir === undefined || pid === undefined) reject(new Error(`fixture printed nothing: ${err}`));
      else resolve({ code, dataDir, pid: Number(pid) });
    });
  });
}

async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

describe.concurrent('embedded PostgreSQL is stopped and removed however its process ends', () => {
  it.each([
    ['the event loop drains (exit code kept)', 'exit-code', undefined, 3],
    ['an uncaught error', 'throw', undefined, 1],
    ['Ctrl-C (SIGINT)', 'wait', 'SIGINT', 130],
    ['SIGTERM', 'wait', 'SIGTERM', 143],
  ] as const)('%s', { timeout: 90_000 }, async (_name, mode, signal, expectedCode) => {
    const { code, dataDir, pid } = await runFixture(mode, signal);
    expect(code).toBe(expectedCode);
    expect(existsSync(dataDir)).toBe(false);
    expect(await eventually(() => !alive(pid))).toBe(true);
  });
});
