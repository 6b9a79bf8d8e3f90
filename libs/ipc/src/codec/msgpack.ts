import { INCOMPLETE, PLAIN_OPTIONS, readTrailingBytesHead, ReservedByteError, scanFrame, toPlainObjects } from '@workflow-bench/core';
import { Packr, Unpackr } from 'msgpackr';
import { IpcProtocolError } from '../errors.ts';
import type { Codec, DecodedHead, FramePart } from './codec.ts';
import { IncomingBytes } from './incoming-bytes.ts';

const EMPTY = new Uint8Array(0);
/** Byte strings at least this big are sent as their own part (below it, one copy is cheaper than a writev entry). */
const ZERO_COPY_MIN_BYTES = 16 * 1024;

/** The last own property of a plain object, when it holds a large byte string (in hand or arriving). */
function largeTrailingBytes(value: unknown): [string, Uint8Array | IncomingBytes] | undefined {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const keys = Object.keys(value);
  const key = keys[keys.length - 1];
  if (key === undefined) return undefined;
  const last = (value as Record<string, unknown>)[key];
  if (last instanceof IncomingBytes) return [key, last];
  return last instanceof Uint8Array && last.length >= ZERO_COPY_MIN_BYTES ? [key, last] : undefined;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * MessagePack via msgpackr, restricted to plain MessagePack (no record extension, no structured
 * clone) so any MessagePack implementation can talk to the server. Byte strings decode as views
 * into the frame (no copy): they stay valid because frames are never reused.
 *
 * Stricter than msgpackr where the protocol needs it: the reserved byte 0xC1 as a token is a parse
 * error (msgpackr decodes it to a marker object), and a `__proto__` key stays `__proto__` (an own
 * property; msgpackr renames it). Both checks are one walk over the frame's tokens that steps over
 * string and byte payloads; the slower decode runs only when a `__proto__` string is there.
 */
export function msgpackCodec(): Codec {
  const packr = new Packr(PLAIN_OPTIONS);
  const unpackr = new Unpackr(PLAIN_OPTIONS);
  const mapUnpackr = new Unpackr({ ...PLAIN_OPTIONS, mapsAsObjects: false });
  const encode = (value: unknown): Uint8Array => {
    try {
      return packr.pack(value);
    } catch (error) {
      throw new IpcProtocolError('encode-error', `value is not MessagePack-serialisable: ${(error as Error).message}`, { cause: error });
    }
  };
  const decode = (bytes: Uint8Array): unknown => {
    if (bytes.length === 0) throw new IpcProtocolError('parse-error', 'invalid MessagePack: empty frame');
    const buffer = asBuffer(bytes);
    try {
      // One pass over the tokens (payloads stepped over) finds 0xC1 tokens and `__proto__` keys.
      const protoKey = scanFrame(buffer);
      // unpack (not unpackMultiple) rejects trailing bytes: a frame holds exactly one value.
      return protoKey ? toPlainObjects(mapUnpackr.unpack(buffer)) : unpackr.unpack(buffer);
    } catch (error) {
      const reason = error instanceof ReservedByteError ? error.message : (error as Error).message;
      throw new IpcProtocolError('parse-error', `invalid MessagePack: ${reason}`, { cause: error });
    }
  };
  return {
    kind: 'msgpack',
    encode,
    decode,
    encodeParts(value): FramePart[] {
      const tail = largeTrailingBytes(value);
      if (!tail) return [encode(value)];
      // Encode with an empty byte string in the last property's place (it encodes as c4 00, the
      // last two bytes), then put the real bin header there and send the bytes as their own part.
      const [key, bytes] = tail;
      const head = encode({ ...(value as Record<string, unknown>), [key]: EMPTY });
      if (head.length < 2 || head[head.length - 2] !== 0xc4 || head[head.length - 1] !== 0) {
        if (bytes instanceof IncomingBytes) throw new IpcProtocolError('encode-error', 'a streamed byte string must be the last property of a plain object');
        return [encode(value)];
      }
      // The smallest bin header that fits, as msgpackr itself writes it: the bytes equal encode()'s.
      let header: Buffer;
      if (bytes.length <= 0xffff) {
        header = Buffer.allocUnsafe(3);
        header[0] = 0xc5; // bin 16
        header.writeUInt16BE(bytes.length, 1);
      } else {
        header = Buffer.allocUnsafe(5);
        header[0] = 0xc6; // bin 32
        header.writeUInt32BE(bytes.length, 1);
      }
      return [head.subarray(0, head.length - 2), header, bytes];
    },
    decodeHead(firstBytes, frameLength): DecodedHead | 'incomplete' | undefined {
      let head;
      try {
        head = readTrailingBytesHead(firstBytes, firstBytes.length, frameLength);
      } catch (error) {
        throw new IpcProtocolError('parse-error', `invalid MessagePack: ${(error as Error).message}`, { cause: error });
      }
      if (head === INCOMPLETE) return 'incomplete';
      if (head === undefined) return undefined;
      return { value: decode(head.headWithEmptyBin), path: head.path, bytesStart: head.bytesStart, bytesLength: head.bytesLength };
    },
  };
}
