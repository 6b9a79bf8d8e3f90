/**
 * The core server as a process, driven by hand (raw frames, a stdout nobody reads, a stdout that
 * is closed), for what only a real child shows: exit codes, clean-up, memory.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IpcClient } from '../src/client/ipc-client.ts';
import { CORE_SERVER_SCRIPT, spawnTsScript, type ServerProcess } from '../src/client/spawn-server.ts';
import { createCodec } from '../src/codec/create-codec.ts';
import { createFraming } from '../src/framing/create-framing.ts';
import { serverArgsToArgv } from '../src/server/server-args.ts';
import { readInput } from '../src/transport/input-source.ts';
import { openOutputChannel, type OutputChannel } from '../src/transport/socket-pair.ts';

const codec = createCodec('msgpack');
const framing = createFraming('length');
const frameOf = (value: unknown) => Buffer.concat(framing.frame(codec.encodeParts(value)) as Uint8Array[]);
const args = (frameTimeoutMs = 30_000) => serverArgsToArgv({ framing: 'length', codec: 'msgpack', maxFrameBytes: 16 << 20, frameTimeoutMs });

/** Resident memory of a process, from /proc (Linux). */
function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match![1]) * 1024;
}

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function start(options: { env?: Record<string, string>; frameTimeoutMs?: number } = {}): Promise<{ child: ServerProcess; channel: OutputChannel }> {
  const channel = await openOutputChannel();
  const child = spawnTsScript(CORE_SERVER_SCRIPT, args(options.frameTimeoutMs), { env: options.env, stdout: channel.childEnd });
  channel.childEnd.destroy();
  cleanup.push(async () => {
    child.kill('SIGKILL');
    await child;
    channel.close();
  });
  return { child, channel };
}

describe('core server process', () => {
  it('shuts down cleanly when the client closes its stdout: exit 0, LMDB temp folder removed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ipc-closed-stdout-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const { child, channel } = await start({ env: { TMPDIR: dir } });
    const client = new IpcClient({ input: channel.input, output: child.stdin, framing: 'length', codec: 'msgpack', timeoutMs: 60_000, onInputEnd: () => {} });
    expect(await client.call('appendEvents', { streamId: 'tma-1', events: [{ type: 'TmaSubmitted', data: {} }] })).toMatchObject({ version: 1 });
    expect((await readdir(dir)).some((name) => name.startsWith('core-events-'))).toBe(true);
    // The client stops listening: the server finds out on its next answer.
    channel.close();
    child.stdin.write(frameOf({ id: 99, method: 'ping' }));
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(result.signal).toBeUndefined();
    expect((await readdir(dir)).filter((name) => name.startsWith('core-events-'))).toEqual([]);
  }, 60_000);

  it('answers a frame that stops half-way with frame-timeout and exits 2', async () => {
    const { child, channel } = await start({ frameTimeoutMs: 300 });
    const received: Buffer[] = [];
    readInput(channel.input, { data: (chunk) => received.push(Buffer.from(chunk)), end: () => {} });
    child.stdin.write(Buffer.concat([frameOf({ id: 1, method: 'ping' }), Buffer.from([0, 0, 0, 50, 0x83])]));
    const result = await child;
    expect(result.exitCode).toBe(2);
    const replies = framing.createDecoder().push(Buffer.concat(received)).map((f) => codec.decode(f as Uint8Array));
    expect(replies).toEqual([{ id: 1, result: 'pong' }, { id: null, error: { code: 'frame-timeout', message: expect.any(String) } }]);
  }, 60_000);

  it('answers parse-error to a msgpack frame holding the reserved byte 0xC1, and closes (exit 2)', async () => {
    const { child, channel } = await start();
    const received: Buffer[] = [];
    readInput(channel.input, { data: (chunk) => received.push(Buffer.from(chunk)), end: () => {} });
    // {id: 1, method: 'ping', params: 0xC1}
    const payload = Buffer.concat([Buffer.from(codec.encode({ id: 1, method: 'ping', params: null })).subarray(0, -1), Buffer.from([0xc1])]);
    child.stdin.write(Buffer.concat([Buffer.from([0, 0, 0, payload.length]), payload]));
    expect((await child).exitCode).toBe(2);
    const replies = framing.createDecoder().push(Buffer.concat(received)).map((f) => codec.decode(f as Uint8Array));
    expect(replies).toEqual([{ id: null, error: { code: 'parse-error', message: expect.stringMatching(/0xC1/) } }]);
  }, 60_000);

  it('stops reading when its client stops reading (memory stays bounded), and catches up when it reads again', async () => {
    const { child, channel } = await start();
    const decoder = framing.createDecoder();
    const replies: { id: number; result: unknown }[] = [];
    let arrived: (() => void) | undefined;
    const reader = readInput(channel.input, {
      data: (chunk) => {
        for (const frame of decoder.push(chunk)) replies.push(codec.decode(frame as Uint8Array) as { id: number; result: unknown });
        arrived?.();
      },
      end: () => arrived?.(),
    });
    const until = async (count: number) => {
      while (replies.length < count) await new Promise<void>((resolve) => (arrived = resolve));
    };
    // Started, and its baseline memory taken, once a ping has been answered.
    child.stdin.write(frameOf({ id: 1, method: 'ping' }));
    await until(1);
    const baseline = rssBytes(child.pid!);
    reader.pause(); // the client stops reading the server's output
    const requests = 96;
    const payload = Buffer.alloc(1 << 20, 0x42);
    for (let i = 0; i < requests; i++) child.stdin.write(frameOf({ id: 1000 + i, method: 'echo', params: payload }));
    // Wait until the server no longer drains its stdin: the client's queue stops shrinking.
    let last = -1;
    for (let stable = 0; stable < 5; ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const queued = child.stdin.writableLength;
      stable = queued === last ? stable + 1 : 0;
      last = queued;
    }
    // Of the 96 MiB sent, the server took in no more than its high-water mark and the pipes' buffers...
    expect(child.stdin.writableLength).toBeGreaterThan(64 << 20);
    // ...and its memory grew by far less than what was sent (without back-pressure: all of it).
    expect(rssBytes(child.pid!) - baseline).toBeLessThan(48 << 20);
    // Reading again: every answer comes, whole.
    reader.resume();
    await until(1 + requests);
    expect(replies.slice(1).every((reply) => (reply.result as Uint8Array).length === payload.length)).toBe(true);
    expect(replies.slice(1).map((reply) => reply.id)).toEqual(Array.from({ length: requests }, (_, i) => 1000 + i));
    reader.stop();
  }, 180_000);
});
