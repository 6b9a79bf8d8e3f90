import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SERVE = fileURLToPath(new URL('../bin/serve.ts', import.meta.url));
/** Starting node with tsx takes seconds on a busy machine: generous limits, never timing assertions. */
const SLOW = 60_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs bin/serve.ts. With `until`, waits for that text on stdout, then stops the server with
 * SIGTERM (it drains and exits 0); without, waits for the process to exit by itself.
 */
function serve(args: string[], env: NodeJS.ProcessEnv, until?: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVE, ...args], { env: { ...process.env, HOST: undefined, PORT: undefined, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), SLOW - 5_000);
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (until?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('bin/serve.ts', () => {
  it('--help prints the usage and exits 0', async () => {
    const r = await serve(['--help'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: .*serve\.ts/);
    expect(r.stdout).toContain('--request-timeout');
  }, SLOW);

  it.each([[['--bogus']], [['--port', 'abc']], [['--request-timeout', '0']], [['--body-limit', '1e3']]])('%j prints the usage and exits 2', async (args) => {
    const r = await serve(args, {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: ');
    expect(r.stdout).toBe('');
  }, SLOW);

  it('HOST set but empty binds 127.0.0.1, and says nothing about the bind', async () => {
    const r = await serve([], { HOST: '' }, /listening on/);
    expect(r.stdout).toMatch(/^marking-api listening on http:\/\/127\.0\.0\.1:\d+ /m);
    expect(r.stdout).not.toContain('binding');
    expect(r.code).toBe(0);
  }, SLOW);

  it('another bind is stated at start-up, naming where it came from', async () => {
    const r = await serve(['--host', '127.0.0.2'], {}, /listening on/);
    expect(r.stdout).toContain('marking-api: binding 127.0.0.2 as asked by --host');
    expect(r.stdout).toMatch(/listening on http:\/\/127\.0\.0\.2:\d+ /);
    expect(r.code).toBe(0);
  }, SLOW);
});
