import { describe, expect, it } from 'vitest';
import { createCodec } from '../src/codec/create-codec.ts';
import { IpcClientClosedError, IpcProtocolError, IpcTimeoutError } from '../src/errors.ts';
import { createFraming } from '../src/framing/create-framing.ts';
import type { MethodTable } from '../src/server/serve.ts';
import { wire } from './support/in-process.ts';

const methods: MethodTable = {
  ping: () => 'pong',
  hang: () => new Promise(() => {}),
  sleep: (ms) => new Promise((resolve) => setTimeout(() => resolve(ms), ms as number)),
};

describe('IpcClient', () => {
  it('times out exactly the request that gets no answer; others succeed', async () => {
    const { client } = wire('length', 'msgpack', methods);
    const hung = client.call('hang', undefined, { timeoutMs: 50 });
    const ok = client.call('ping');
    await expect(hung).rejects.toBeInstanceOf(IpcTimeoutError);
    await expect(hung).rejects.toMatchObject({ method: 'hang', timeoutMs: 50 });
    expect(await ok).toBe('pong');
    expect(client.inFlight).toBe(0);
  });

  it('drops a response that arrives after its timeout', async () => {
    const { client } = wire('ndjson', 'json', methods);
    await expect(client.call('sleep', 40, { timeoutMs: 5 })).rejects.toBeInstanceOf(IpcTimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await client.call('ping')).toBe('pong');
  });

  it('length-prefixed: garbage from the server rejects every request in flight with a protocol error, and later calls', async () => {
    const { client, toClient } = wire('length', 'msgpack', methods);
    expect(await client.call('ping')).toBe('pong');
    const inFlight = [client.call('hang'), client.call('hang')];
    toClient.write(Buffer.from('HTTP/1.1 200 OK\r\n'));
    for (const call of inFlight) await expect(call).rejects.toMatchObject({ name: 'IpcProtocolError', code: 'frame-too-large' });
    await expect(client.call('ping')).rejects.toBeInstanceOf(IpcProtocolError);
  });

  it('length-prefixed: a well-framed response that is not valid MessagePack fails the stream', async () => {
    const { client, toClient } = wire('length', 'msgpack', methods);
    const pending = client.call('hang');
    toClient.write(Buffer.from([0, 0, 0, 2, 0x92, 0x01]));
    await expect(pending).rejects.toMatchObject({ code: 'parse-error' });
  });

  it('NDJSON: skips garbage lines, reports them, and keeps matching responses', async () => {
    const reported: IpcProtocolError[] = [];
    const { client, toClient } = wire('ndjson', 'json', methods, { onProtocolError: (e) => reported.push(e) });
    const slow = client.call('sleep', 20);
    toClient.write('this is not json\n{"id":"x","result":1}\n');
    expect(await slow).toBe(20);
    expect(reported.map((e) => e.code)).toEqual(['parse-error', 'invalid-message']);
  });

  it('rejects what is in flight when the server output ends, and a truncated frame counts as that', async () => {
    const { client, toClient } = wire('length', 'msgpack', methods);
    const pending = client.call('hang');
    toClient.end(Buffer.from([0, 0, 0, 9, 1]));
    await expect(pending).rejects.toMatchObject({ code: 'truncated-frame' });
  });

  it('rejects a request too large to send without sending it', async () => {
    const { client } = wire('length', 'msgpack', methods, {}, 64);
    await expect(client.call('ping', 'z'.repeat(100))).rejects.toMatchObject({ code: 'frame-too-large' });
    expect(await client.call('ping')).toBe('pong');
  });

  it('close() rejects requests in flight and later calls with IpcClientClosedError', async () => {
    const { client, served } = wire('length', 'msgpack', methods);
    const pending = client.call('hang');
    client.close();
    await expect(pending).rejects.toBeInstanceOf(IpcClientClosedError);
    await expect(client.call('ping')).rejects.toBeInstanceOf(IpcClientClosedError);
    // The server saw its input end; it still has the hung request, so it does not finish: that is its business.
    void served;
  });

  it('ignores responses to ids it never sent', async () => {
    const { client, toClient } = wire('length', 'json', methods);
    toClient.write(Buffer.concat(createFraming('length').frame(createCodec('json').encode({ id: 99_999, result: 'stray' }))));
    expect(await client.call('ping')).toBe('pong');
  });

  it('refuses ndjson with a binary codec', () => {
    expect(() => wire('ndjson', 'msgpack', methods)).toThrow(/needs codec 'json'/);
  });
});
