import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createCodec } from '../src/codec/create-codec.ts';
import { createFraming } from '../src/framing/create-framing.ts';
import { IpcRemoteError } from '../src/errors.ts';
import { InvalidParamsError, MethodError } from '../src/server/method-error.ts';
import { serve, type MethodTable } from '../src/server/serve.ts';
import { drain, wire } from './support/in-process.ts';

const methods: MethodTable = {
  ping: () => 'pong',
  echo: (params) => params,
  nothing: () => undefined,
  sleep: (params) => new Promise((resolve) => setTimeout(() => resolve((params as { tag: string }).tag), (params as { ms: number }).ms)),
  boom: () => {
    throw new Error('exploded');
  },
  asyncBoom: async () => {
    throw new MethodError('domain-error', 'no such thing', { detail: 1 });
  },
  needsText: (params) => {
    if (typeof (params as { text?: unknown })?.text !== 'string') throw new InvalidParamsError('text', 'must be a string');
    return 'ok';
  },
  huge: () => 'x'.repeat(2000),
};

const combos = [
  ['length', 'msgpack'],
  ['length', 'json'],
  ['ndjson', 'json'],
] as const;

/** Runs raw frames through serve() and returns the decoded responses. */
async function rawExchange(framingKind: 'length' | 'ndjson', codecKind: 'json' | 'msgpack', input: Buffer, maxFrameBytes = 1 << 20) {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const served = serve({ input: toServer, output: toClient, framing: framingKind, codec: codecKind, methods, maxFrameBytes });
  const output = drain(toClient);
  toServer.end(input);
  const summary = await served;
  const decoder = createFraming(framingKind, maxFrameBytes).createDecoder();
  const codec = createCodec(codecKind);
  const responses = decoder.push(await output).map((frame) => codec.decode(frame as Uint8Array));
  return { summary, responses };
}

describe.each(combos)('serve over %s framing with %s', (framing, codec) => {
  it('answers requests, many in flight, in completion order', async () => {
    const { client, toServer, served } = wire(framing, codec, methods);
    const order: string[] = [];
    const slow = client.call('sleep', { ms: 60, tag: 'slow' }).then((v) => order.push(v as string));
    const fast = client.call('sleep', { ms: 0, tag: 'fast' }).then((v) => order.push(v as string));
    const pings = await Promise.all(Array.from({ length: 100 }, () => client.call('ping')));
    await Promise.all([slow, fast]);
    expect(pings.every((p) => p === 'pong')).toBe(true);
    expect(order).toEqual(['fast', 'slow']);
    expect(await client.call('nothing')).toBeNull();
    expect(await client.call('echo', { nested: [1, 'two', { three: null }] })).toEqual({ nested: [1, 'two', { three: null }] });
    toServer.end();
    expect((await served).answered).toBe(104);
  });

  it('turns handler failures into typed remote errors for that request only', async () => {
    const { client } = wire(framing, codec, methods);
    const [unknown, boom, domain, params, proto, ok] = await Promise.allSettled([
      client.call('nope'),
      client.call('boom'),
      client.call('asyncBoom'),
      client.call('needsText', { text: 3 }),
      client.call('constructor'),
      client.call('ping'),
    ]);
    const reason = (r: PromiseSettledResult<unknown>) => (r as PromiseRejectedResult).reason as IpcRemoteError;
    expect(reason(unknown)).toBeInstanceOf(IpcRemoteError);
    expect(reason(unknown).code).toBe('unknown-method');
    expect(reason(boom).code).toBe('internal-error');
    expect(reason(boom).message).toMatch(/exploded/);
    expect(reason(domain)).toMatchObject({ code: 'domain-error', data: { detail: 1 } });
    expect(reason(params)).toMatchObject({ code: 'invalid-params', data: { field: 'text' } });
    expect(reason(proto).code).toBe('unknown-method');
    expect(ok).toEqual({ status: 'fulfilled', value: 'pong' });
  });

  it('answers frame-too-large when a result is over the maximum frame size', async () => {
    const { client } = wire(framing, codec, methods, {}, 1000);
    await expect(client.call('huge')).rejects.toMatchObject({ code: 'frame-too-large' });
    expect(await client.call('ping')).toBe('pong');
  });

  it('answers invalid-request for a frame that is not a request', async () => {
    const payload = createCodec(codec).encode({ id: 4, params: 1 });
    const { responses } = await rawExchange(framing, codec, Buffer.concat(createFraming(framing).frame(payload)));
    expect(responses).toEqual([{ id: 4, error: { code: 'invalid-request', message: expect.stringMatching(/method/) } }]);
  });
});

describe('bad input to the server', () => {
  const frame = (framing: 'length' | 'ndjson', codec: 'json' | 'msgpack', value: unknown) =>
    Buffer.concat(createFraming(framing).frame(createCodec(codec).encode(value)));

  it('NDJSON: answers a bad line with an id-null error and keeps serving', async () => {
    const input = Buffer.concat([Buffer.from('{not json\n\u0000\u00ff garbage\n'), frame('ndjson', 'json', { id: 1, method: 'ping' })]);
    const { summary, responses } = await rawExchange('ndjson', 'json', input);
    expect(responses).toEqual([
      { id: null, error: { code: 'parse-error', message: expect.any(String) } },
      { id: null, error: { code: 'parse-error', message: expect.any(String) } },
      { id: 1, result: 'pong' },
    ]);
    expect(summary.corruption).toBeUndefined();
  });

  it('NDJSON: skips an oversized line and keeps serving', async () => {
    const input = Buffer.concat([Buffer.from(`{"id":1,"method":"echo","params":"${'y'.repeat(1000)}"}\n`), frame('ndjson', 'json', { id: 2, method: 'ping' })]);
    const { responses } = await rawExchange('ndjson', 'json', input, 200);
    expect(responses).toEqual([{ id: null, error: { code: 'frame-too-large', message: expect.any(String) } }, { id: 2, result: 'pong' }]);
  });

  it('length-prefixed: closes the stream cleanly after an oversized header', async () => {
    const input = Buffer.concat([frame('length', 'msgpack', { id: 1, method: 'ping' }), Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3]), frame('length', 'msgpack', { id: 2, method: 'ping' })]);
    const { summary, responses } = await rawExchange('length', 'msgpack', input);
    expect(responses).toEqual([{ id: 1, result: 'pong' }, { id: null, error: { code: 'frame-too-large', message: expect.stringMatching(/closing/) } }]);
    expect(summary.corruption?.code).toBe('frame-too-large');
  });

  it('length-prefixed: closes the stream cleanly after a payload that is not valid MessagePack / JSON', async () => {
    for (const codec of ['msgpack', 'json'] as const) {
      const garbage = Buffer.from([0, 0, 0, 3, 0xc1, 0x92, 0x01]);
      const input = Buffer.concat([garbage, frame('length', codec, { id: 2, method: 'ping' })]);
      const { summary, responses } = await rawExchange('length', codec, input);
      expect(responses).toEqual([{ id: null, error: { code: 'parse-error', message: expect.any(String) } }]);
      expect(summary.corruption?.code).toBe('parse-error');
    }
  });

  it('length-prefixed: waits for responses in flight before closing', async () => {
    const input = Buffer.concat([frame('length', 'msgpack', { id: 1, method: 'sleep', params: { ms: 30, tag: 'late' } }), Buffer.from([0xff, 0xff, 0xff, 0xff])]);
    const { responses } = await rawExchange('length', 'msgpack', input);
    expect(responses).toContainEqual({ id: 1, result: 'late' });
    expect(responses).toContainEqual({ id: null, error: expect.objectContaining({ code: 'frame-too-large' }) });
  });

  it('reports a truncated last frame', async () => {
    const whole = frame('length', 'msgpack', { id: 1, method: 'ping' });
    const { responses } = await rawExchange('length', 'msgpack', Buffer.concat([whole, whole.subarray(0, 6)]));
    expect(responses).toEqual([{ id: 1, result: 'pong' }, { id: null, error: { code: 'truncated-frame', message: expect.any(String) } }]);
  });
});
