import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CoreClient, type CoreClientOptions } from '../src/client/core-client.ts';
import { IpcChildExitedError, IpcProtocolError, IpcTimeoutError } from '../src/errors.ts';

const FAULT_SERVER = fileURLToPath(new URL('./fixtures/fault-server.ts', import.meta.url));
const spawnFaulty = (options: CoreClientOptions = {}) => CoreClient.spawn({ serverScript: FAULT_SERVER, timeoutMs: 10_000, ...options });

// Each test has its own child; running them concurrently overlaps the children's start-up.
describe.concurrent('a child process that misbehaves', () => {
  it('crashes mid-request: exactly the requests in flight reject with IpcChildExitedError, earlier ones succeeded', async () => {
    const client = await spawnFaulty();
    expect(await client.call('ping')).toBe('pong');
    const inFlight = [client.call('hang'), client.call('crash', { code: 3 }), client.call('hang')];
    for (const call of inFlight) {
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IpcChildExitedError);
      expect(error).toMatchObject({ exitCode: 3 });
    }
    await expect(client.call('ping')).rejects.toBeInstanceOf(IpcChildExitedError);
  }, 30_000);

  it('dies in the middle of writing a frame: in-flight requests reject with IpcChildExitedError', async () => {
    const client = await spawnFaulty();
    await expect(client.call('crashMidFrame')).rejects.toMatchObject({ name: 'IpcChildExitedError', exitCode: 4 });
  }, 30_000);

  it('never answers: that request times out, the others succeed', async () => {
    const client = await spawnFaulty({ framing: 'ndjson', codec: 'json' });
    try {
      const hung = client.call('hang', undefined, { timeoutMs: 100 });
      const pings = Promise.all([client.call('ping'), client.call('ping')]);
      await expect(hung).rejects.toBeInstanceOf(IpcTimeoutError);
      expect(await pings).toEqual(['pong', 'pong']);
    } finally {
      await client.close();
    }
  }, 30_000);

  it('writes garbage on a length-prefixed stdout: requests in flight reject with IpcProtocolError and the child is stopped', async () => {
    const client = await spawnFaulty();
    const hung = client.call('hang');
    const garbage = client.call('garbage', { hex: 'deadbeefdeadbeef' });
    await expect(hung).rejects.toBeInstanceOf(IpcProtocolError);
    await expect(garbage).rejects.toMatchObject({ code: 'frame-too-large' });
    await client.child; // killed, not left running
    await expect(client.call('ping')).rejects.toBeInstanceOf(IpcProtocolError);
  }, 30_000);

  it('writes a garbage line on NDJSON stdout: it is reported and skipped; requests still succeed', async () => {
    const reported: IpcProtocolError[] = [];
    const client = await spawnFaulty({ framing: 'ndjson', codec: 'json', onProtocolError: (e) => reported.push(e) });
    try {
      const line = Buffer.from('<html>oops</html>\n').toString('hex');
      expect(await client.call('garbage', { hex: line })).toBe('sent');
      expect(await client.call('ping')).toBe('pong');
      expect(reported.map((e) => e.code)).toEqual(['parse-error']);
    } finally {
      await client.close();
    }
  }, 30_000);

  it('a server that cannot start fails spawn with IpcChildExitedError carrying its stderr', async () => {
    const error = await CoreClient.spawn({ serverScript: fileURLToPath(new URL('./fixtures/does-not-exist.ts', import.meta.url)) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcChildExitedError);
    expect((error as IpcChildExitedError).stderrTail).toMatch(/does-not-exist|Cannot find/);
  }, 30_000);

  it('answers an oversized frame with an error and closes cleanly (exit code 2)', async () => {
    const client = await spawnFaulty({ maxFrameBytes: 1024 });
    expect(await client.ping()).toBe('pong');
    // The client refuses to send oversized frames itself, so write a raw corrupt header.
    client.child.stdin.write(Buffer.from([0x7f, 0xff, 0xff, 0xff]));
    const result = await client.child;
    expect(result.exitCode).toBe(2);
    await expect(client.call('ping')).rejects.toBeInstanceOf(IpcChildExitedError);
  }, 30_000);
});
