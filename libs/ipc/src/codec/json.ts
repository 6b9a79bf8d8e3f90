import { IpcProtocolError } from '../errors.ts';
import type { Codec } from './codec.ts';

/**
 * UTF-8 JSON. Binary values (Uint8Array) are not representable in a useful way; send strings, or
 * use the MessagePack codec for bytes.
 */
export function jsonCodec(): Codec {
  return {
    kind: 'json',
    encode(value) {
      let text: string | undefined;
      try {
        text = JSON.stringify(value);
      } catch (error) {
        throw new IpcProtocolError('encode-error', `value is not JSON-serialisable: ${(error as Error).message}`, { cause: error });
      }
      // JSON.stringify(undefined) is undefined: send null so the frame still holds one value.
      return Buffer.from(text ?? 'null', 'utf8');
    },
    encodeParts(value) {
      return [this.encode(value)];
    },
    decode(bytes) {
      const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
      try {
        return JSON.parse(buffer.toString('utf8'));
      } catch (error) {
        throw new IpcProtocolError('parse-error', `invalid JSON: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}
