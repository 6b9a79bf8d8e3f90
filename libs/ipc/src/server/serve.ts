import type { Writable } from 'node:stream';
import type { CodecKind } from '../codec/codec.ts';
import { createCodec } from '../codec/create-codec.ts';
import { IncomingBytes } from '../codec/incoming-bytes.ts';
import { IpcProtocolError } from '../errors.ts';
import { checkFramingCodec } from '../framing/check-combination.ts';
import { createFraming } from '../framing/create-framing.ts';
import { DEFAULT_MAX_FRAME_BYTES, type FrameSink, type FramingKind } from '../framing/framing.ts';
import { FrameWriter } from '../framing/write-frame.ts';
import { ERROR_CODES, toRequest, type RequestId, type Response, type WireError } from '../protocol/messages.ts';
import { IncomingFrame, placeAt, STREAM_MIN_FRAME_BYTES } from './incoming-frame.ts';
import { readInput, type ByteInput, type InputReader } from '../transport/input-source.ts';
import { MethodError } from './method-error.ts';

/** A method's implementation: takes the request's params, returns (or resolves to) the result. */
export type MethodHandler = (params: unknown) => unknown;
export type MethodTable = Readonly<Record<string, MethodHandler>>;

const STREAMING = Symbol('ipc.streamingMethod');

/**
 * Marks a handler that takes a large trailing byte string while it is still arriving: its params
 * hold an IncomingBytes there instead of a Uint8Array (msgpack requests of 16 KiB or more that did
 * not arrive in one read). Returning that IncomingBytes (as the result, or as the last property of
 * a plain-object result) streams it back as it comes: `echo` is cut-through, not store-and-forward.
 * Other handlers get their bytes whole, as before.
 */
export function streamingMethod<H extends MethodHandler>(handler: H): H {
  Object.defineProperty(handler, STREAMING, { value: true });
  return handler;
}

function isStreamingMethod(handler: MethodHandler): boolean {
  return (handler as { [STREAMING]?: boolean })[STREAMING] === true;
}

/** Default for `frameTimeoutMs`: as long as a client waits for an answer by default. */
export const DEFAULT_FRAME_TIMEOUT_MS = 30_000;
/** Default for `outputHighWaterBytes`. */
export const DEFAULT_OUTPUT_HIGH_WATER_BYTES = 4 * 1024 * 1024;

export interface ServeOptions {
  /** A Readable, or an InputSource such as `fdInput(0)` (a pipe or socket read into the server's own buffers). */
  input: ByteInput;
  output: Writable;
  framing: FramingKind;
  codec: CodecKind;
  maxFrameBytes?: number;
  methods: MethodTable;
  /**
   * How long a frame may stay incomplete with no new bytes before the server gives up on the
   * stream (`frame-timeout`, then it closes as after a corrupt frame). Not counted while the
   * server itself has stopped reading (back-pressure). 0 disables it. Default 30 000 ms.
   */
  frameTimeoutMs?: number;
  /**
   * Back-pressure: the server stops reading its input while more than this many bytes wait to be
   * written to its output (a client that does not read its answers), and reads again once the
   * output has drained. Default 4 MiB.
   */
  outputHighWaterBytes?: number;
}

export interface ServeSummary {
  /** Requests answered (successfully or with an error). */
  answered: number;
  /** The corruption or stall that made the server stop reading (length-prefixed framing, or a frame timeout), if any. */
  corruption: IpcProtocolError | undefined;
  /** The output was closed by the other side before the server ended it: answers could not be delivered. */
  outputClosed: boolean;
}

/**
 * Serves a method table over a byte stream until the input ends (or, with length-prefixed
 * framing, until a corrupt frame: the stream cannot be resynchronised, so the server answers one
 * `id: null` error, delivers the responses still in flight and ends its output).
 *
 * Requests run concurrently: an async handler's response is written when it settles, so responses
 * leave in completion order, not request order. With NDJSON a bad line gets an error response and
 * serving goes on. Frames are read incrementally (see FrameDecoder.feed): a large msgpack request
 * reaches a streaming handler before its trailing byte string has arrived.
 */
export function serve(options: ServeOptions): Promise<ServeSummary> {
  checkFramingCodec(options.framing, options.codec);
  const framing = createFraming(options.framing, options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
  const codec = createCodec(options.codec);
  const decoder = framing.createDecoder();
  const { output, methods } = options;
  const lengthPrefixed = framing.kind === 'length';
  const frameTimeoutMs = options.frameTimeoutMs ?? DEFAULT_FRAME_TIMEOUT_MS;
  const highWater = options.outputHighWaterBytes ?? DEFAULT_OUTPUT_HIGH_WATER_BYTES;

  let inFlight = 0;
  let answered = 0;
  let inputDone = false;
  let corruption: IpcProtocolError | undefined;
  let outputClosed = false;
  let finished = false;
  /** The large frame being read piece by piece, if any. */
  let current: IncomingFrame | undefined;
  /** Reading stopped because the output is backed up. */
  let paused = false;
  let lastInputAt = 0;
  let stallTimer: NodeJS.Timeout | undefined;

  return new Promise<ServeSummary>((resolve) => {
    const finishIfDone = (): void => {
      if (finished || !inputDone || inFlight > 0 || writer.busy) return;
      finished = true;
      clearStallTimer();
      stopReading();
      const done = () => resolve({ answered, corruption, outputClosed });
      // A closed or failed output never calls end's callback: there is nothing left to flush.
      if (outputClosed || output.writableEnded || output.destroyed) done();
      else output.end(done);
    };
    const writer = new FrameWriter(output, {
      onIdle: () => {
        resumeIfDrained();
        finishIfDone();
      },
      // A streamed answer lost its bytes (the request stopped arriving): the output ended there.
      onCut: () => finishIfDone(),
    });

    const send = (message: Response): void => {
      let chunks;
      try {
        chunks = framing.frame(codec.encodeParts(message));
      } catch (error) {
        // The response itself cannot go out (too large, not encodable): answer with a short error.
        const code = error instanceof IpcProtocolError && error.code === 'frame-too-large' ? ERROR_CODES.frameTooLarge : ERROR_CODES.internalError;
        const detail = error instanceof IpcProtocolError ? error.detail : (error as Error).message;
        for (const text of [`response could not be sent: ${detail}`, 'response could not be sent']) {
          try {
            chunks = framing.frame(codec.encode({ id: message.id, error: { code, message: text } }));
            break;
          } catch {
            // Even the short error is over a tiny maximum frame size: nothing can be sent.
          }
        }
      }
      if (chunks) writer.write(chunks);
      pauseIfBackedUp();
    };
    const sendError = (id: RequestId | null, error: WireError): void => {
      answered += id === null ? 0 : 1;
      send({ id, error });
    };
    const sendResult = (id: RequestId, result: unknown): void => {
      answered++;
      send({ id, result: result === undefined ? null : result });
    };

    /** The input can no longer be trusted (corrupt length-prefixed frame, or a stall): answer once, stop reading, finish. */
    const stopOnCorruption = (error: IpcProtocolError): void => {
      if (inputDone) return;
      corruption = error;
      decoder.fail(error);
      current?.fail(error);
      current = undefined;
      sendError(null, { code: error.code, message: `${error.detail}; closing the stream` });
      inputDone = true;
      stopReading();
      finishIfDone();
    };

    const run = (id: RequestId, handler: MethodHandler, params: unknown): void => {
      let result: unknown;
      try {
        result = handler(params);
      } catch (error) {
        sendError(id, toWireError(error));
        return;
      }
      if (isPromiseLike(result)) {
        inFlight++;
        result.then(
          (value) => {
            inFlight--;
            sendResult(id, value);
            finishIfDone();
          },
          (error: unknown) => {
            inFlight--;
            sendError(id, toWireError(error));
            finishIfDone();
          },
        );
      } else {
        sendResult(id, result);
      }
    };

    /** A decoded message: a request to dispatch (its trailing bytes possibly still arriving). */
    const handleMessage = (decoded: unknown, incoming?: { path: readonly string[]; bytes: IncomingBytes }): void => {
      const request = toRequest(decoded);
      let handler: MethodHandler | undefined;
      if ('invalid' in request) {
        sendError(request.id, { code: ERROR_CODES.invalidRequest, message: request.invalid });
      } else {
        // Own properties only: 'constructor' or '__proto__' must not reach Object.prototype.
        handler = Object.hasOwn(methods, request.method) ? methods[request.method] : undefined;
        if (typeof handler !== 'function') {
          sendError(request.id, { code: ERROR_CODES.unknownMethod, message: `unknown method ${JSON.stringify(request.method)}` });
          handler = undefined;
        }
      }
      if (!handler || 'invalid' in request || (incoming && incoming.path[0] !== 'params')) {
        incoming?.bytes.pipe(() => {}, () => {}); // not part of the params: let the rest of the frame go by
        if (handler && !('invalid' in request)) run(request.id, handler, request.params);
        return;
      }
      if (!incoming || isStreamingMethod(handler)) {
        run(request.id, handler, request.params);
        return;
      }
      // An ordinary handler gets the bytes whole: wait for them (counted as in flight meanwhile).
      inFlight++;
      incoming.bytes.collect().then(
        (bytes) => {
          inFlight--;
          run(request.id, handler, (placeAt(decoded, incoming.path, bytes) as { params?: unknown }).params);
          finishIfDone();
        },
        () => {
          inFlight--; // the frame was cut off: the stream's own error says so
          finishIfDone();
        },
      );
    };

    const handleFrame = (payload: Uint8Array): void => {
      let decoded: unknown;
      try {
        decoded = codec.decode(payload);
      } catch (error) {
        const protocolError = error as IpcProtocolError;
        if (lengthPrefixed) stopOnCorruption(protocolError);
        else sendError(null, { code: ERROR_CODES.parseError, message: protocolError.detail });
        return;
      }
      handleMessage(decoded);
    };

    const sink: FrameSink = {
      frame: handleFrame,
      error: (error) => {
        if (decoder.failed) stopOnCorruption(error);
        else sendError(null, { code: error.code, message: error.detail });
      },
      begin: (length) => {
        if (!codec.decodeHead || length < STREAM_MIN_FRAME_BYTES) return false;
        current = new IncomingFrame(length, codec, {
          head: (message, path, bytes) => handleMessage(message, { path, bytes }),
          whole: handleFrame,
          error: (error) => stopOnCorruption(error as IpcProtocolError),
        });
        return true;
      },
      data: (piece, done) => {
        const frame = current!;
        if (done) current = undefined;
        frame.data(piece, done);
      },
    };

    function onData(chunk: Uint8Array): void {
      if (inputDone) return;
      decoder.feed(chunk, sink);
      pauseIfBackedUp(); // a streamed answer writes as its request arrives
      if (!inputDone && frameTimeoutMs > 0 && decoder.midFrame) {
        lastInputAt = performance.now();
        stallTimer ??= setTimeout(checkStall, frameTimeoutMs);
      }
    }

    // Back-pressure: the input is read again once the output has drained (and a streamed answer
    // holding the output has finished).
    function pauseIfBackedUp(): void {
      if (paused || inputDone || output.writableLength <= highWater) return;
      paused = true;
      reader.pause();
      output.once('drain', resumeIfDrained);
    }
    function resumeIfDrained(): void {
      if (!paused || inputDone || output.writableLength > highWater) return;
      paused = false;
      lastInputAt = performance.now();
      reader.resume();
    }
    function stopReading(): void {
      reader.stop();
    }

    // The stall timer runs only while a frame is incomplete; it re-arms for the time left.
    function checkStall(): void {
      stallTimer = undefined;
      if (inputDone || !decoder.midFrame) return;
      const idle = paused ? 0 : performance.now() - lastInputAt;
      if (idle < frameTimeoutMs) {
        if (paused) lastInputAt = performance.now();
        stallTimer = setTimeout(checkStall, frameTimeoutMs - idle);
        return;
      }
      stopOnCorruption(
        new IpcProtocolError('frame-timeout', `no bytes for ${frameTimeoutMs} ms inside a frame (${decoder.describeProgress()})`),
      );
    }
    function clearStallTimer(): void {
      if (stallTimer) clearTimeout(stallTimer);
      stallTimer = undefined;
    }

    const onEnd = (): void => {
      if (inputDone) return;
      clearStallTimer();
      try {
        decoder.end();
      } catch (error) {
        const protocolError = error as IpcProtocolError;
        current?.fail(protocolError);
        current = undefined;
        sendError(null, { code: protocolError.code, message: protocolError.detail });
      }
      inputDone = true;
      finishIfDone();
    };
    // The peer closed our output (EPIPE, or the stream was destroyed): nobody can read answers.
    // Stop reading, let handlers in flight settle (a store write is not cut in half), then finish.
    const onOutputGone = (): void => {
      if (finished || outputClosed) return;
      outputClosed = true;
      clearStallTimer();
      current?.fail(new IpcProtocolError('stream-closed', 'the output was closed'));
      current = undefined;
      inputDone = true;
      stopReading();
      finishIfDone();
    };

    const reader: InputReader = readInput(options.input, { data: onData, end: onEnd, readTarget: () => decoder.readTarget() });
    output.on('error', onOutputGone);
    output.once('close', onOutputGone);
  });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function toWireError(error: unknown): WireError {
  if (error instanceof MethodError) {
    return error.data === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, data: error.data };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: ERROR_CODES.internalError, message };
}
