import type { Readable, Writable } from 'node:stream';
import type { CodecKind } from '../codec/codec.ts';
import { createCodec } from '../codec/create-codec.ts';
import { IpcProtocolError } from '../errors.ts';
import { checkFramingCodec } from '../framing/check-combination.ts';
import { createFraming } from '../framing/create-framing.ts';
import { DEFAULT_MAX_FRAME_BYTES, type FramingKind } from '../framing/framing.ts';
import { writeFrame } from '../framing/write-frame.ts';
import { ERROR_CODES, toRequest, type RequestId, type Response, type WireError } from '../protocol/messages.ts';
import { MethodError } from './method-error.ts';

/** A method's implementation: takes the request's params, returns (or resolves to) the result. */
export type MethodHandler = (params: unknown) => unknown;
export type MethodTable = Readonly<Record<string, MethodHandler>>;

export interface ServeOptions {
  input: Readable;
  output: Writable;
  framing: FramingKind;
  codec: CodecKind;
  maxFrameBytes?: number;
  methods: MethodTable;
}

export interface ServeSummary {
  /** Requests answered (successfully or with an error). */
  answered: number;
  /** The corruption that made the server stop reading (length-prefixed framing only), if any. */
  corruption: IpcProtocolError | undefined;
}

/**
 * Serves a method table over a byte stream until the input ends (or, with length-prefixed
 * framing, until a corrupt frame: the stream cannot be resynchronised, so the server answers one
 * `id: null` error, delivers the responses still in flight and ends its output).
 *
 * Requests run concurrently: an async handler's response is written when it settles, so responses
 * leave in completion order, not request order. With NDJSON a bad line gets an error response and
 * serving goes on.
 */
export function serve(options: ServeOptions): Promise<ServeSummary> {
  checkFramingCodec(options.framing, options.codec);
  const framing = createFraming(options.framing, options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
  const codec = createCodec(options.codec);
  const decoder = framing.createDecoder();
  const { input, output, methods } = options;
  const lengthPrefixed = framing.kind === 'length';

  let inFlight = 0;
  let answered = 0;
  let inputDone = false;
  let corruption: IpcProtocolError | undefined;
  let finished = false;

  return new Promise<ServeSummary>((resolve) => {
    const send = (message: Response): void => {
      let chunks: Uint8Array[] | undefined;
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
      if (chunks && !output.writableEnded && !output.destroyed) writeFrame(output, chunks);
    };
    const sendError = (id: RequestId | null, error: WireError): void => {
      answered += id === null ? 0 : 1;
      send({ id, error });
    };
    const sendResult = (id: RequestId, result: unknown): void => {
      answered++;
      send({ id, result: result === undefined ? null : result });
    };
    const finishIfDone = (): void => {
      if (finished || !inputDone || inFlight > 0) return;
      finished = true;
      input.off('data', onData);
      const done = () => resolve({ answered, corruption });
      if (output.writableEnded || output.destroyed) done();
      else output.end(done);
    };
    const stopOnCorruption = (error: IpcProtocolError): void => {
      corruption = error;
      sendError(null, { code: error.code, message: `${error.detail}; closing the stream` });
      inputDone = true;
      input.off('data', onData);
      input.pause();
      finishIfDone();
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
      const request = toRequest(decoded);
      if ('invalid' in request) {
        sendError(request.id, { code: ERROR_CODES.invalidRequest, message: request.invalid });
        return;
      }
      const { id, method } = request;
      // Own properties only: 'constructor' or '__proto__' must not reach Object.prototype.
      const handler = Object.hasOwn(methods, method) ? methods[method] : undefined;
      if (typeof handler !== 'function') {
        sendError(id, { code: ERROR_CODES.unknownMethod, message: `unknown method ${JSON.stringify(method)}` });
        return;
      }
      let result: unknown;
      try {
        result = handler(request.params);
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

    function onData(chunk: Buffer): void {
      if (inputDone) return;
      for (const frame of decoder.push(chunk)) {
        if (inputDone) return;
        if (!(frame instanceof IpcProtocolError)) handleFrame(frame);
        else if (decoder.failed) stopOnCorruption(frame);
        else sendError(null, { code: frame.code, message: frame.detail });
      }
    }
    const onEnd = (): void => {
      if (inputDone) return;
      try {
        decoder.end();
      } catch (error) {
        const protocolError = error as IpcProtocolError;
        sendError(null, { code: protocolError.code, message: protocolError.detail });
      }
      inputDone = true;
      finishIfDone();
    };

    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onEnd);
    // A peer that closes its read end must not crash the server with EPIPE.
    output.on('error', () => {});
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
