export {
  IpcError,
  IpcProtocolError,
  IpcTimeoutError,
  IpcRemoteError,
  IpcChildExitedError,
  IpcClientClosedError,
  type IpcProtocolErrorCode,
} from './errors.ts';
export {
  DEFAULT_MAX_FRAME_BYTES,
  type DecodedFrame,
  type FrameDecoder,
  type Framing,
  type FramingKind,
} from './framing/framing.ts';
export { createFraming } from './framing/create-framing.ts';
export { LengthPrefixedDecoder, lengthPrefixedFraming } from './framing/length-prefixed.ts';
export { NdjsonDecoder, ndjsonFraming } from './framing/ndjson.ts';
export type { Codec, CodecKind } from './codec/codec.ts';
export { createCodec } from './codec/create-codec.ts';
export {
  ERROR_CODES,
  type ErrorResponse,
  type Request,
  type RequestId,
  type Response,
  type SuccessResponse,
  type WireError,
} from './protocol/messages.ts';
export { serve, type MethodHandler, type MethodTable, type ServeOptions, type ServeSummary } from './server/serve.ts';
export { MethodError, InvalidParamsError } from './server/method-error.ts';
export { runStdioServer } from './server/run-stdio-server.ts';
export { IpcClient, DEFAULT_TIMEOUT_MS, type CallOptions, type IpcClientOptions } from './client/ipc-client.ts';
export { CoreClient, type CoreClientOptions } from './client/core-client.ts';
export { CORE_SERVER_SCRIPT, spawnTsScript } from './client/spawn-server.ts';
