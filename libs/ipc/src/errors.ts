/**
 * Typed errors of the IPC layer. Every failure a caller can see is one of these, so callers can
 * tell "the child said no" (IpcRemoteError) from "the transport broke" (the others).
 */
export class IpcError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IpcError';
  }
}

/** Codes of protocol failures, shared by the wire (error responses) and local errors. */
export type IpcProtocolErrorCode =
  /** A frame's declared (or accumulated) size is over the configured maximum. */
  | 'frame-too-large'
  /** The stream ended in the middle of a frame. */
  | 'truncated-frame'
  /** A frame stayed incomplete, with no new bytes, for longer than the server's frame timeout. */
  | 'frame-timeout'
  /** A frame's bytes are not valid JSON / MessagePack. */
  | 'parse-error'
  /** The payload decoded but is not a request / response of this protocol. */
  | 'invalid-message'
  /** The other side closed its stream while requests were in flight. */
  | 'stream-closed'
  /** A value could not be encoded with the chosen codec. */
  | 'encode-error';

/** The byte stream or a message on it is malformed. */
export class IpcProtocolError extends IpcError {
  constructor(
    readonly code: IpcProtocolErrorCode,
    /** The message without the code prefix (what goes on the wire). */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${detail}`, options);
    this.name = 'IpcProtocolError';
  }
}

/** A request got no response within its timeout. The request is forgotten; a late response is dropped. */
export class IpcTimeoutError extends IpcError {
  constructor(
    readonly method: string,
    readonly requestId: number,
    readonly timeoutMs: number,
  ) {
    super(`request ${requestId} (${method}) timed out after ${timeoutMs} ms`);
    this.name = 'IpcTimeoutError';
  }
}

/** The server answered the request with an error response. */
export class IpcRemoteError extends IpcError {
  constructor(
    readonly method: string,
    /** Wire error code, e.g. `unknown-method`, `invalid-params`, `tma-parse-error` (see README). */
    readonly code: string,
    message: string,
    readonly data?: unknown,
  ) {
    super(`${method}: ${code}: ${message}`);
    this.name = 'IpcRemoteError';
  }
}

/** The child process exited (or was killed) while requests were in flight, or before a call. */
export class IpcChildExitedError extends IpcError {
  constructor(
    readonly exitCode: number | null,
    readonly signal: string | null,
    /** Last lines the child wrote to stderr, to say why it died. */
    readonly stderrTail: string,
  ) {
    const how = signal ? `killed by ${signal}` : `exited with code ${exitCode}`;
    super(`core server ${how}${stderrTail ? `; stderr: ${stderrTail.trim().slice(-500)}` : ''}`);
    this.name = 'IpcChildExitedError';
  }
}

/** A call was made after `close()`. */
export class IpcClientClosedError extends IpcError {
  constructor() {
    super('the IPC client is closed');
    this.name = 'IpcClientClosedError';
  }
}
