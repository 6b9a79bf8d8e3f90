import { Packr, Unpackr } from 'msgpackr';
import { IpcProtocolError } from '../errors.ts';
import type { Codec } from './codec.ts';

/**
 * MessagePack via msgpackr, restricted to plain MessagePack (no record extension, no structured
 * clone) so any MessagePack implementation can talk to the server. Byte strings decode as views
 * into the frame (no copy): they stay valid because frames are never reused.
 */
export function msgpackCodec(): Codec {
  const options = { useRecords: false, moreTypes: false, structuredClone: false, mapsAsObjects: true } as const;
  const packr = new Packr(options);
  const unpackr = new Unpackr(options);
  return {
    kind: 'msgpack',
    encode(value) {
      try {
        return packr.pack(value);
      } catch (error) {
        throw new IpcProtocolError('encode-error', `value is not MessagePack-serialisable: ${(error as Error).message}`, { cause: error });
      }
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
