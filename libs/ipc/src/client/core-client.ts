import type {
  AnonymisedText,
  AppendResult,
  ExpectedVersion,
  NewEvent,
  PiiSpan,
  PiiType,
  ReadOptions,
  StoredEvent,
  TmaSubmission,
  ValidationResult,
} from '@workflow-bench/core';
import type { CodecKind } from '../codec/codec.ts';
import { IpcChildExitedError, IpcClientClosedError } from '../errors.ts';
import { DEFAULT_MAX_FRAME_BYTES, type FramingKind } from '../framing/framing.ts';
import { DEFAULT_FRAME_TIMEOUT_MS } from '../server/serve.ts';
import { serverArgsToArgv } from '../server/server-args.ts';
import { IpcClient, type CallOptions } from './ipc-client.ts';
import { openOutputChannel } from '../transport/socket-pair.ts';
import { CORE_SERVER_SCRIPT, spawnTsScript, type ServerProcess } from './spawn-server.ts';
import type { IpcProtocolError } from '../errors.ts';

export interface CoreClientOptions {
  /** Default 'length'. */
  framing?: FramingKind;
  /** Default 'msgpack' ('ndjson' framing needs 'json'). */
  codec?: CodecKind;
  /** Default per-request timeout, ms (0 disables); default 30 000. */
  timeoutMs?: number;
  /** Maximum frame payload both ways; default 16 MiB. */
  maxFrameBytes?: number;
  /** The server's timeout for a frame that stops arriving half-way (ms, 0 = none); default 30 000. */
  frameTimeoutMs?: number;
  /** Another server script built on runStdioServer (tests, benches); default the core server. */
  serverScript?: string;
  /**
   * Extra environment for the server process (added to this process's). The core server creates its
   * LMDB store under the temp dir, so `{ TMPDIR: dir }` puts the store where the caller can find it.
   */
  env?: Readonly<Record<string, string>>;
  /** How long close() waits for the child to exit before killing it; default 2000 ms. */
  closeGraceMs?: number;
  onProtocolError?: (error: IpcProtocolError) => void;
}

const STDERR_TAIL_BYTES = 4096;

/**
 * The core served by a child process: spawns `bin/core-server.ts` and multiplexes requests over
 * its stdin/stdout. If the child dies, every request in flight (and every later call) rejects
 * with IpcChildExitedError carrying the exit code and the tail of its stderr.
 */
export class CoreClient {
  private stderrTail = '';
  private exited = false;

  private constructor(
    readonly child: ServerProcess,
    readonly ipc: IpcClient,
    private readonly closeGraceMs: number,
  ) {}

  /** Starts the server and waits until it answers a ping (so a broken start fails here, typed). */
  static async spawn(options: CoreClientOptions = {}): Promise<CoreClient> {
    const framing = options.framing ?? 'length';
    const codec = options.codec ?? 'msgpack';
    const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    // The server's stdout is a socket this process reads into its own buffers (see
    // openOutputChannel); a plain pipe where that cannot be made.
    const channel = await openOutputChannel().catch(() => undefined);
    const args = serverArgsToArgv({ framing, codec, maxFrameBytes, frameTimeoutMs: options.frameTimeoutMs ?? DEFAULT_FRAME_TIMEOUT_MS });
    const child = spawnTsScript(options.serverScript ?? CORE_SERVER_SCRIPT, args, { env: options.env, stdout: channel?.childEnd });
    // The child has its own copy: ours must close, or the end of the child's output would never be seen.
    channel?.childEnd.destroy();
    let client: CoreClient | undefined;
    const ipc = new IpcClient({
      input: channel?.input ?? child.stdout!,
      output: child.stdin,
      framing,
      codec,
      maxFrameBytes,
      timeoutMs: options.timeoutMs,
      // Requests in flight are rejected when the exit is known (below), with the exit code.
      onInputEnd: () => client?.killIfStillRunning(),
      onProtocolError: options.onProtocolError,
      // A broken stream (e.g. a corrupt frame from the child) leaves a child nobody talks to: stop it.
      onFailure: (error) => {
        if (!(error instanceof IpcClientClosedError) && client && !client.exited) void client.kill();
      },
    });
    client = new CoreClient(child, ipc, options.closeGraceMs ?? 2000);
    child.stderr.on('data', (chunk: Buffer) => {
      client.stderrTail = (client.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    void child.then((result) => {
      client.exited = true;
      ipc.fail(new IpcChildExitedError(result.exitCode ?? null, result.signal ?? null, client.stderrTail));
    });
    try {
      await ipc.call('ping', undefined, { timeoutMs: Math.max(options.timeoutMs ?? 0, 30_000) });
    } catch (error) {
      await client.kill();
      throw error;
    }
    return client;
  }

  call<T = unknown>(method: string, params?: unknown, options?: CallOptions): Promise<T> {
    return this.ipc.call<T>(method, params, options);
  }

  ping(options?: CallOptions): Promise<'pong'> {
    return this.call('ping', undefined, options);
  }
  /** Returns `payload` as the server received it (bytes need the msgpack codec). */
  echo<T>(payload: T, options?: CallOptions): Promise<T> {
    return this.call('echo', payload, options);
  }
  parse(text: string, options?: CallOptions): Promise<TmaSubmission> {
    return this.call('parse', { text }, options);
  }
  validate(submission: unknown, options?: CallOptions): Promise<ValidationResult> {
    return this.call('validate', { submission }, options);
  }
  detectPii(text: string, options?: CallOptions): Promise<PiiSpan[]> {
    return this.call('detectPii', { text }, options);
  }
  anonymise(text: string, key: string, options?: CallOptions): Promise<AnonymisedText> {
    return this.call('anonymise', { text, key }, options);
  }
  /** The keyed pseudonym of one value, e.g. `[STUDENT-ID-3f9a1c2b]` (core's `Anonymiser.pseudonym` under `key`). */
  pseudonym(type: PiiType, value: string, key: string, options?: CallOptions): Promise<string> {
    return this.call('pseudonym', { type, value, key }, options);
  }
  /** SHA-256 hex of a string (UTF-8) or bytes. */
  hash(data: string | Uint8Array, options?: CallOptions): Promise<string> {
    return this.call('hash', { data }, options);
  }
  appendEvents(streamId: string, events: readonly NewEvent[], expectedVersion?: ExpectedVersion, options?: CallOptions): Promise<AppendResult> {
    return this.call('appendEvents', { streamId, events, expectedVersion }, options);
  }
  readStream(streamId: string, read: ReadOptions = {}, options?: CallOptions): Promise<StoredEvent[]> {
    return this.call('readStream', { streamId, ...read }, options);
  }

  /** Ends the child's stdin (the server finishes what is in flight and exits); kills it after the grace period. */
  async close(): Promise<void> {
    this.ipc.close();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), this.closeGraceMs);
    await this.child;
    clearTimeout(timer);
  }

  /** Kills the child now; requests in flight reject with IpcChildExitedError. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.child;
  }

  private killIfStillRunning(): void {
    // The child closed stdout; it should exit promptly. If it lingers, requests in flight would
    // wait for their timeouts, so stop it and let the exit reject them.
    setTimeout(() => {
      if (!this.exited) this.child.kill('SIGKILL');
    }, 1000).unref();
  }
}
