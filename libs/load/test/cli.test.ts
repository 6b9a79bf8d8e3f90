import { createServer } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { remoteTargetNotice, UsageError } from '../src/cli/cli-common.ts';
import { isLoopbackHost, isLoopbackUrl } from '../src/driver/loopback.ts';
import { nonLoopbackAddress } from './support/non-loopback-address.ts';

const CLI = join(import.meta.dirname, '..', 'bin', 'load.ts');
const cli = (args: string[]) => execa('node', ['--import', 'tsx', CLI, ...args], { reject: false, timeout: 60_000 });
const network = nonLoopbackAddress();
afterAll(() => {
  if ('remove' in network) network.remove();
});

/** A port on `host` with nothing listening: load sent there is refused at once and goes nowhere else. */
function closedPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('loopback targets', () => {
  it('knows loopback hosts, and this machine’s other addresses are not', () => {
    for (const h of ['localhost', '127.0.0.1', '127.3.4.5', '::1', '[::1]', 'api.localhost']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '192.0.2.2', '10.0.0.1', 'example.org', '::', '128.0.0.1']) expect(isLoopbackHost(h), h).toBe(false);
    expect(isLoopbackUrl('http://127.0.0.1:3000/x')).toBe(true);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });

  it('another host needs an explicit bound, and the notice names it', () => {
    expect(remoteTargetNotice('http://127.0.0.1:3000', {})).toBeUndefined();
    expect(() => remoteTargetNotice('http://staging.example:3000', { duration: undefined, 'max-requests': undefined })).toThrow(UsageError);
    expect(() => remoteTargetNotice('http://staging.example:3000', { duration: undefined })).toThrow(/not a loopback address.*--duration/);
    expect(remoteTargetNotice('http://staging.example:3000', { duration: 30, 'max-requests': undefined })).toBe(
      'load: target http://staging.example:3000 is NOT a loopback address: sending load to another host, bounded by --duration 30',
    );
    expect(() => remoteTargetNotice('ftp://x', {})).toThrow(/only http/);
  });
});

describe('load CLI: subcommands, usage, other hosts', () => {
  it('every subcommand has --help (exit 0, usage on stdout) and refuses an unknown flag (exit 2, usage on stderr)', async () => {
    for (const sub of [[], ['locust'], ['locust-worker']]) {
      const help = await cli([...sub, '--help']);
      expect(help.exitCode, sub.join(' ')).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`usage: load ${sub.join(' ')}`));
      const bad = await cli([...sub, '--wokers', '2']);
      expect(bad.exitCode, sub.join(' ')).toBe(2);
      expect(bad.stderr).toMatch(/--wokers/);
      expect(bad.stderr).toMatch(new RegExp(`usage: load ${sub.join(' ')}`));
    }
  });

  it('locust: refuses an unbounded non-loopback target, remote workers on a loopback master, and a worker without a master', async () => {
    const r = await cli(['locust', '--url', 'http://staging.example:3000']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/not a loopback address: load to another host needs an explicit bound \(--duration or --max-requests\)/);
    const w = await cli(['locust', '--expect-workers', '2']);
    expect(w.exitCode).toBe(2);
    expect(w.stderr).toMatch(/workers on other hosts: give --master-bind-host/);
    const m = await cli(['locust-worker']);
    expect(m.exitCode).toBe(2);
    expect(m.stderr).toMatch(/--master-host is required/);
  });

  it.skipIf('skip' in network)('a non-loopback target with --duration is announced on the first line (this machine’s own address, a closed port)', async () => {
    if (!('address' in network)) return;
    const url = `http://${network.address}:${await closedPort(network.address)}`;
    const r = await cli(['--url', url, '--scenario', 'status', '--seeded', '1', '--duration', '0.5']);
    expect(r.stderr.split('\n')[0]).toBe(`load: target ${url} is NOT a loopback address: sending load to another host, bounded by --duration 0.5`);
    expect(r.exitCode).not.toBe(0); // nothing listens there
    const unbounded = await cli(['--url', url, '--scenario', 'status']);
    expect(unbounded.exitCode).toBe(2);
  });
});
