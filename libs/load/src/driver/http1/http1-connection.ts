import { connect, type Socket } from 'node:net';
import type { LoadResponse } from '../load-request.ts';
import { Http1ConnectionError, type Http1Error, Http1TimeoutError } from './http1-errors.ts';
import { ResponseParser, type ResponseLimits } from './response-parser.ts';

export type ResponseCallback = (r: LoadResponse) => void;

/** What a connection needs from its pool. */
export interface ConnectionOwner {
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  readonly limits: ResponseLimits;
  /** One buffer every socket of the pool reads into (reads are handled synchronously, one at a time). */
  readonly readBuffer: Buffer;
  /** The connection finished its request (answered or failed) and can take the next. */
  released(c: Http1Connection): void;
}

/** Responses without a body are the same object every time: nothing is allocated per request for them. */
const STATUS_ONLY: LoadResponse[] = [];
function statusOnly(status: number): LoadResponse {
  return (STATUS_ONLY[status] ??= Object.freeze({ status }) as LoadResponse);
}

function noop(): void {}

/**
 * One keep-alive HTTP/1.1 connection carrying one request at a time (no pipelining, as wrk).
 *
 * The socket is opened on first use and again after it closes (server closed it, `Connection:
 * close`, an error or a timeout), so a pool slot outlives its sockets. Reads go straight into the
 * pool's shared buffer through `onread` (no Buffer or stream event per read), and the response is
 * parsed there.
 */
export class Http1Connection {
  private socket: Socket | undefined;
  private callback: ResponseCallback | undefined;
  private socketError: (Error & { code?: string }) | undefined;
  private readonly parser: ResponseParser;
  /** Requests started on this slot; the timeout sweep compares it between ticks. */
  private seq = 0;
  private sweptSeq = -1;
  private stuckTicks = 0;

  constructor(private readonly owner: ConnectionOwner) {
    this.parser = new ResponseParser(owner.limits);
  }

  get busy(): boolean {
    return this.callback !== undefined;
  }

  /** Sends one encoded request; `callback` gets the response or the error, exactly once. */
  start(bytes: Buffer, readBody: boolean, callback: ResponseCallback): void {
    this.callback = callback;
    this.seq++;
    this.parser.reset(readBody);
    // Writes made while the socket connects are queued by net.Socket and sent on connect.
    (this.socket ?? this.open()).write(bytes);
  }

  /**
   * Called by the pool's timer every `tickMs`: a request still on this slot after
   * `timeoutMs` (to within one tick) fails with `Http1TimeoutError` and the socket is closed.
   */
  sweep(tickMs: number, timeoutMs: number): void {
    if (this.callback === undefined) return;
    if (this.sweptSeq !== this.seq) {
      this.sweptSeq = this.seq;
      this.stuckTicks = 0;
      return;
    }
    if (++this.stuckTicks * tickMs >= timeoutMs) this.fail(new Http1TimeoutError(this.owner.origin, timeoutMs));
  }

  /** Fails the request in flight, if any, with `err`; closes the socket; does not release the slot. */
  abort(err: Http1Error): void {
    this.closeSocket();
    const cb = this.callback;
    this.callback = undefined;
    cb?.({ status: 0, error: err.code, cause: err });
  }

  private open(): Socket {
    this.socketError = undefined;
    const owner = this.owner;
    const socket: Socket = connect({
      host: owner.host,
      port: owner.port,
      noDelay: true,
      onread: { buffer: owner.readBuffer, callback: (n: number, buf: Uint8Array): boolean => this.onRead(socket, n, buf as Buffer) },
    });
    socket.setNoDelay(true);
    socket.on('error', (err: Error) => {
      if (socket === this.socket) this.socketError = err;
    });
    socket.on('close', () => this.onClose(socket));
    this.socket = socket;
    return socket;
  }

  private onRead(socket: Socket, n: number, buf: Buffer): boolean {
    if (socket !== this.socket) return false;
    if (this.callback === undefined) {
      // Bytes nobody asked for: the connection's framing can no longer be trusted.
      this.closeSocket();
      return false;
    }
    let end: number;
    try {
      end = this.parser.execute(buf, 0, n);
    } catch (err) {
      this.fail(err as Http1Error);
      return false;
    }
    if (end < 0) return true;
    // Anything after the response (no pipelining) or a close request ends this socket.
    if (!this.parser.keepAlive || end !== n) this.closeSocket();
    this.finish(this.parser.body());
    return true;
  }

  private onClose(socket: Socket): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    if (this.callback === undefined) return;
    if (this.parser.endOfStream()) {
      this.finish(this.parser.body());
      return;
    }
    const e = this.socketError;
    const code = typeof e?.code === 'string' ? e.code : 'HTTP1_CONNECTION_CLOSED';
    this.fail(new Http1ConnectionError(this.owner.origin, code, e ? e.message : this.parser.atStart ? 'closed by the server before any response byte' : 'closed by the server mid-response'));
  }

  private finish(body: Buffer | undefined): void {
    const cb = this.callback!;
    this.callback = undefined;
    cb(body === undefined ? statusOnly(this.parser.status) : { status: this.parser.status, body: body.toString('utf8') });
    this.owner.released(this);
  }

  private fail(err: Http1Error): void {
    this.abort(err);
    this.owner.released(this);
  }

  /** Closes the current socket; its late events are ignored (they no longer match `this.socket`). */
  private closeSocket(): void {
    const s = this.socket;
    if (!s) return;
    this.socket = undefined;
    s.on('error', noop);
    s.destroy();
  }
}
