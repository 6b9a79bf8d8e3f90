import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Starting node with tsx and the pipeline's imports takes seconds on a busy machine. */
const SLOW = 90_000;

function run(bin: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = fileURLToPath(new URL(`../bin/${bin}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), SLOW - 5_000);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.each(['mark-one.ts', 'integration-bench.ts'])('bin/%s', (bin) => {
  it('--help prints the usage on stdout and exits 0, running nothing', async () => {
    const r = await run(bin, ['--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^usage: /);
    expect(r.stderr).toBe('');
  }, SLOW);

  it('an unknown flag prints what is wrong and the usage on stderr, and exits 2', async () => {
    const r = await run(bin, ['--modle-size', 'tiny']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'--modle-size'");
    expect(r.stderr).toContain('usage: ');
    expect(r.stdout).toBe('');
  }, SLOW);

  it('a bad value prints the usage too, and exits 2', async () => {
    const r = await run(bin, ['--model-size', 'huge']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--model-size');
    expect(r.stderr).toContain('usage: ');
  }, SLOW);
});
