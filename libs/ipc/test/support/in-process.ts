import { PassThrough } from 'node:stream';
import type { CodecKind } from '../../src/codec/codec.ts';
import { IpcClient, type IpcClientOptions } from '../../src/client/ipc-client.ts';
import type { FramingKind } from '../../src/framing/framing.ts';
import { serve, type MethodTable, type ServeSummary } from '../../src/server/serve.ts';

export interface Wiring {
  client: IpcClient;
  /** Bytes from client to server (write here to inject raw bytes as the client). */
  toServer: PassThrough;
  /** Bytes from server to client (write here to inject raw bytes as the server). */
  toClient: PassThrough;
  served: Promise<ServeSummary>;
}

/** A real server loop and client joined by in-memory streams. */
export function wire(
  framing: FramingKind,
  codec: CodecKind,
  methods: MethodTable,
  clientOptions: Partial<IpcClientOptions> = {},
  maxFrameBytes = 1 << 20,
): Wiring {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const served = serve({ input: toServer, output: toClient, framing, codec, methods, maxFrameBytes });
  const client = new IpcClient({ input: toClient, output: toServer, framing, codec, maxFrameBytes, timeoutMs: 5000, ...clientOptions });
  return { client, toServer, toClient, served };
}

/** Collects everything a readable emits until it ends. */
export async function drain(stream: PassThrough): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
