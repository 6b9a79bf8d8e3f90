import { Packr, Unpackr } from 'msgpackr';
import { IpcProtocolError } from '../errors.ts';
import type { Codec } from './codec.ts';

const EMPTY = new Uint8Array(0);
/** Byte strings at least this big are sent as their own part (below it, one copy is cheaper than a writev entry). */
const ZERO_COPY_MIN_BYTES = 16 * 1024;

/** The last own property of a plain object, when it holds a large byte string. */
function largeTrailingBytes(value: unknown): [string, Uint8Array] | undefined {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const keys = Object.keys(value);
  const key = keys[keys.length - 1];
  if (key === undefined) return undefined;
  const last = (value as Record<string, unknown>)[key];
  return last instanceof Uint8Array && last.length >= ZERO_COPY_MIN_BYTES ? [key, last] : undefined;
}

/**
 * MessagePack via msgpackr, restricted to plain MessagePack (no record extension, no structured
 * clone) so any MessagePack implementation can talk to the server. Byte strings decode as views
 * into the frame (no copy): they stay valid because frames are never reused.
 */
export function msgpackCodec(): Codec {
  const options = { useRecords: false, moreTypes: false, structuredClone: false, mapsAsObjects: true } as const;
  const packr = new Packr(options);
  const unpackr = new Unpackr(options);
  const encode = (value: unknown): Uint8Array => {
    try {
      return packr.pack(value);
    } catch (error) {
      throw new IpcProtocolError('encode-error', `value is not MessagePack-serialisable: ${(error as Error).message}`, { cause: error });
    }
  };
  return {
    kind: 'msgpack',
    encode,
    encodeParts(value) {
      const tail = largeTrailingBytes(value);
      if (!tail) return [encode(value)];
      // Encode with an empty byte string in the last property's place (it encodes as c4 00, the
      // last two bytes), then put the real bin header there and send the bytes as their own part.
      const [key, bytes] = tail;
      const head = encode({ ...(value as Record<string, unknown>), [key]: EMPTY });
      if (head.length < 2 || head[head.length - 2] !== 0xc4 || head[head.length - 1] !== 0) return [encode(value)];
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
    decode(bytes) {
      if (bytes.length === 0) throw new IpcProtocolError('parse-error', 'invalid MessagePack: empty frame');
      try {
        // unpack (not unpackMultiple) rejects trailing bytes: a frame holds exactly one value.
        return unpackr.unpack(bytes);
      } catch (error) {
        throw new IpcProtocolError('parse-error', `invalid MessagePack: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}
