import type { Writable } from 'node:stream';
import type { CodecKind, FramePart } from '../codec/codec.ts';
import { createCodec } from '../codec/create-codec.ts';
import { IpcClientClosedError, IpcError, IpcProtocolError, IpcRemoteError, IpcTimeoutError } from '../errors.ts';
import { checkFramingCodec } from '../framing/check-combination.ts';
import { createFraming } from '../framing/create-framing.ts';
import { DEFAULT_MAX_FRAME_BYTES, type FramingKind } from '../framing/framing.ts';
import { writeFrame } from '../framing/write-frame.ts';
import { isResponse, type RequestId } from '../protocol/messages.ts';
import { readInput, type ByteInput, type InputReader } from '../transport/input-source.ts';

export interface IpcClientOptions {
  /** The server's output (a child's stdout, or an InputSource such as an output channel). */
  input: ByteInput;
  /** The server's input (a child's stdin). */
  output: Writable;
  framing: FramingKind;
  codec: CodecKind;
  maxFrameBytes?: number;
  /** Default per-request timeout in ms; 0 or Infinity disables it. Default 30 000. */
  timeoutMs?: number;
  /**
   * Called when the input ends. Lets the owner say why (e.g. the child's exit code) before the
   * requests in flight are rejected; without it they are rejected with IpcProtocolError('stream-closed').
   */
  onInputEnd?: () => void;
  /** Told about frames that could not be attributed to a request (NDJSON garbage, id-null errors). */
  onProtocolError?: (error: IpcProtocolError) => void;
  /** Called once, when the client fails (broken stream, owner's fail(), or close()). */
  onFailure?: (error: IpcError) => void;
}

export interface CallOptions {
  /** Overrides the client's default timeout for this request. */
  timeoutMs?: number;
}

interface Pending {
  method: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** performance.now() by which it must be answered; Infinity for none. */
  deadline: number;
  timeoutMs: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_ID = 0x7fffffff;

/**
 * Multiplexes requests over one byte-stream pair: many requests in flight, responses matched by
 * id in whatever order they come. Each failure rejects exactly the requests it affects:
 * a timeout or an error response its own request; a broken stream (corrupt length-prefixed frame,
 * child gone) every request in flight, after which the client is failed and rejects new calls.
 *
 * Timeouts share one timer, armed for the earliest deadline in flight: a call costs a clock read,
 * not a timer of its own (which would be set and cleared on every request of a busy client).
 */
export class IpcClient {
  private readonly framing;
  private readonly codec;
  private readonly decoder;
  private readonly pending = new Map<RequestId, Pending>();
  private nextId = 1;
  private failure: IpcError | undefined;
  private readonly defaultTimeoutMs: number;
  private readonly reader: InputReader;
  private timer: NodeJS.Timeout | undefined;
  /** Deadline the timer is armed for (Infinity when it is not armed). */
  private timerDeadline = Infinity;

  constructor(private readonly options: IpcClientOptions) {
    checkFramingCodec(options.framing, options.codec);
    this.framing = createFraming(options.framing, options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
    this.codec = createCodec(options.codec);
    this.decoder = this.framing.createDecoder();
    this.defaultTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.reader = readInput(options.input, { data: this.onData, end: this.onEnd, readTarget: () => this.decoder.readTarget() });
    // EPIPE when the child is gone surfaces through the child's exit; do not crash on it here.
    options.output.on('error', () => {});
  }

  /** Requests in flight. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** The error that failed the client, if it has failed. */
  get failed(): IpcError | undefined {
    return this.failure;
  }

  call<T = unknown>(method: string, params?: unknown, options?: CallOptions): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.allocateId();
    let chunks: FramePart[];
    try {
      chunks = this.framing.frame(this.codec.encodeParts(params === undefined ? { id, method } : { id, method, params }));
    } catch (error) {
      return Promise.reject(error);
    }
    const timeoutMs = options?.timeoutMs ?? this.defaultTimeoutMs;
    const deadline = timeoutMs > 0 && Number.isFinite(timeoutMs) ? performance.now() + timeoutMs : Infinity;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, deadline, timeoutMs });
      if (deadline < this.timerDeadline) this.armTimer(deadline);
      writeFrame(this.options.output, chunks);
    });
  }

  /**
   * Rejects every request in flight with `error` and every later call too. Idempotent: the first
   * failure wins, so the reason callers see is the root cause.
   */
  fail(error: IpcError): void {
    if (!this.failure) {
      this.failure = error;
      this.options.onFailure?.(error);
    }
    this.reader.stop();
    this.disarmTimer();
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) entry.reject(error);
  }

  /** Fails the client (rejecting what is in flight) and ends its output; the owner closes the streams. */
  close(): void {
    this.fail(new IpcClientClosedError());
    if (!this.options.output.writableEnded) this.options.output.end();
  }

  private allocateId(): RequestId {
    // Ids wrap so they stay small integers on the wire; skip any still in flight.
    do {
      this.nextId = this.nextId >= MAX_ID ? 1 : this.nextId + 1;
    } while (this.pending.has(this.nextId));
    return this.nextId;
  }

  private armTimer(deadline: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerDeadline = deadline;
    this.timer = setTimeout(this.onTimer, Math.max(0, deadline - performance.now()));
  }

  private disarmTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDeadline = Infinity;
  }

  /** Rejects what is past its deadline, then re-arms for the earliest deadline still in flight. */
  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.timerDeadline = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const [id, entry] of this.pending) {
      if (entry.deadline <= now) {
        this.pending.delete(id);
        entry.reject(new IpcTimeoutError(entry.method, id, entry.timeoutMs));
      } else if (entry.deadline < next) {
        next = entry.deadline;
      }
    }
    if (next < Infinity && !this.failure) this.armTimer(next);
  };

  private readonly onData = (chunk: Uint8Array): void => {
    for (const frame of this.decoder.push(chunk)) {
      if (!(frame instanceof IpcProtocolError)) this.handleFrame(frame);
      else if (this.decoder.failed) this.fail(frame);
      else this.options.onProtocolError?.(frame);
      if (this.failure) return;
    }
  };

  private handleFrame(payload: Uint8Array): void {
    let message: Record<string, unknown>;
    try {
      const decoded = this.codec.decode(payload);
      if (!isResponse(decoded)) throw new IpcProtocolError('invalid-message', 'frame is not a response ({id, result} or {id, error})');
      message = decoded;
    } catch (error) {
      const protocolError = error as IpcProtocolError;
      // Length-prefixed: a bad payload means the stream is out of sync; nothing after it can be trusted.
      if (this.framing.kind === 'length') this.fail(protocolError);
      else this.options.onProtocolError?.(protocolError);
      return;
    }
    const id = message['id'] as RequestId | null;
    const error = message['error'] as { code: string; message: string; data?: unknown } | undefined;
    if (id === null) {
      this.options.onProtocolError?.(
        new IpcProtocolError(isProtocolCode(error?.code) ? error.code : 'invalid-message', `server says: ${error?.message ?? 'unattributed error'}`),
      );
      return;
    }
    const entry = this.pending.get(id);
    if (!entry) return; // timed out earlier, or an id we never sent: drop it.
    this.pending.delete(id);
    if (error) entry.reject(new IpcRemoteError(entry.method, error.code, error.message, error.data));
    else entry.resolve(message['result']);
  }

  private readonly onEnd = (): void => {
    let truncation: IpcProtocolError | undefined;
    try {
      this.decoder.end();
    } catch (error) {
      truncation = error as IpcProtocolError;
    }
    // The owner (e.g. CoreClient, which knows the exit code) gives the better reason when it can.
    if (this.options.onInputEnd) this.options.onInputEnd();
    else this.fail(truncation ?? new IpcProtocolError('stream-closed', 'the server closed its output'));
  };
}

function isProtocolCode(code: string | undefined): code is IpcProtocolError['code'] {
  return code === 'frame-too-large' || code === 'truncated-frame' || code === 'frame-timeout' || code === 'parse-error' || code === 'invalid-message' || code === 'stream-closed' || code === 'encode-error';
}
