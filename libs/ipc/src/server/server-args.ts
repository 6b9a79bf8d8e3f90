import { parseArgs } from 'node:util';
import type { CodecKind } from '../codec/codec.ts';
import { DEFAULT_MAX_FRAME_BYTES, checkMaxFrameBytes, type FramingKind } from '../framing/framing.ts';
import { checkFramingCodec } from '../framing/check-combination.ts';

export interface ServerArgs {
  framing: FramingKind;
  codec: CodecKind;
  maxFrameBytes: number;
}

/** `--framing length|ndjson --codec json|msgpack [--max-frame-bytes N]`; throws a usage error naming the bad flag. */
export function parseServerArgs(argv: readonly string[]): ServerArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      framing: { type: 'string', default: 'length' },
      codec: { type: 'string', default: 'msgpack' },
      'max-frame-bytes': { type: 'string', default: String(DEFAULT_MAX_FRAME_BYTES) },
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
  checkFramingCodec(framing, codec);
  return { framing, codec, maxFrameBytes };
}

export function serverArgsToArgv(args: ServerArgs): string[] {
  return ['--framing', args.framing, '--codec', args.codec, '--max-frame-bytes', String(args.maxFrameBytes)];
}
