import { parseArgs } from 'node:util';
import type { CodecKind } from '../codec/codec.ts';
import { DEFAULT_MAX_FRAME_BYTES, checkMaxFrameBytes, type FramingKind } from '../framing/framing.ts';
import { checkFramingCodec } from '../framing/check-combination.ts';
import { DEFAULT_FRAME_TIMEOUT_MS } from './serve.ts';

export interface ServerArgs {
  framing: FramingKind;
  codec: CodecKind;
  maxFrameBytes: number;
  /** See ServeOptions.frameTimeoutMs (0 disables). */
  frameTimeoutMs: number;
}

/** `--framing length|ndjson --codec json|msgpack [--max-frame-bytes N] [--frame-timeout-ms N]`; throws a usage error naming the bad flag. */
export function parseServerArgs(argv: readonly string[]): ServerArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      framing: { type: 'string', default: 'length' },
      codec: { type: 'string', default: 'msgpack' },
      'max-frame-bytes': { type: 'string', default: String(DEFAULT_MAX_FRAME_BYTES) },
      'frame-timeout-ms': { type: 'string', default: String(DEFAULT_FRAME_TIMEOUT_MS) },
    },
    strict: true,
  });
  const framing = values.framing;
  if (framing !== 'length' && framing !== 'ndjson') throw new TypeError(`--framing must be 'length' or 'ndjson', got ${JSON.stringify(framing)}`);
  const codec = values.codec;
  if (codec !== 'json' && codec !== 'msgpack') throw new TypeError(`--codec must be 'json' or 'msgpack', got ${JSON.stringify(codec)}`);
  const maxFrameBytes = Number(values['max-frame-bytes']);
  try {
    checkMaxFrameBytes(maxFrameBytes);
  } catch (error) {
    throw new TypeError(`--max-frame-bytes: ${(error as Error).message}`);
  }
  const frameTimeoutMs = Number(values['frame-timeout-ms']);
  if (!Number.isSafeInteger(frameTimeoutMs) || frameTimeoutMs < 0) {
    throw new TypeError(`--frame-timeout-ms must be a whole number of milliseconds (0 = no timeout), got ${JSON.stringify(values['frame-timeout-ms'])}`);
  }
  checkFramingCodec(framing, codec);
  return { framing, codec, maxFrameBytes, frameTimeoutMs };
}

export function serverArgsToArgv(args: ServerArgs): string[] {
  return ['--framing', args.framing, '--codec', args.codec, '--max-frame-bytes', String(args.maxFrameBytes), '--frame-timeout-ms', String(args.frameTimeoutMs)];
}
