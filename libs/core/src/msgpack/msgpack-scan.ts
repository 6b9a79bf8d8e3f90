/**
 * A MessagePack token walker that decodes nothing: it finds where values end. It does what
 * msgpackr does not:
 *
 * - find where a value ends in an encoding without decoding it (valueEnd);
 * - reject the reserved byte 0xC1 as a token (msgpackr decodes it to a marker object: libs/ipc's
 *   codec makes it a parse error), and say whether a `__proto__` string occurs (scanFrame);
 * - find, in the first bytes of a large frame, where its trailing byte string starts, so a server
 *   can act on a message before its bulk has arrived (readTrailingBytesHead, libs/ipc).
 */

/** The value at an offset runs past the bytes available (more bytes may complete it). */
export const INCOMPLETE = -1;

/** A token no MessagePack encoder writes: 0xC1 ("never used"). */
export class ReservedByteError extends Error {
  constructor(readonly offset: number) {
    super(`reserved byte 0xC1 at offset ${offset}`);
    this.name = 'ReservedByteError';
  }
}

function uint16(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

function uint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) >>> 0) + (bytes[at + 1]! << 16) + (bytes[at + 2]! << 8) + bytes[at + 3]!;
}

/**
 * The header of the token at `offset`: how many header bytes it has, how many payload bytes
 * follow the header, and how many child values follow it (arrays: n, maps: 2n). INCOMPLETE as
 * `headerBytes` when the header itself is cut off. Throws ReservedByteError on 0xC1.
 */
function tokenAt(bytes: Uint8Array, offset: number, limit: number, out: { headerBytes: number; payloadBytes: number; children: number }): void {
  const token = bytes[offset]!;
  out.payloadBytes = 0;
  out.children = 0;
  out.headerBytes = 1;
  if (token < 0x80 || token >= 0xe0) return; // positive / negative fixint
  if (token < 0x90) {
    out.children = 2 * (token & 0x0f);
    return;
  }
  if (token < 0xa0) {
    out.children = token & 0x0f;
    return;
  }
  if (token < 0xc0) {
    out.payloadBytes = token & 0x1f;
    return;
  }
  // Header length of the variable-length forms: size field bytes after the token.
  let sizeBytes = 0;
  switch (token) {
    case 0xc0: // nil
    case 0xc2: // false
    case 0xc3: // true
      return;
    case 0xc1:
      throw new ReservedByteError(offset);
    case 0xca:
      out.payloadBytes = 4;
      return;
    case 0xcb:
      out.payloadBytes = 8;
      return;
    case 0xcc:
    case 0xd0:
      out.payloadBytes = 1;
      return;
    case 0xcd:
    case 0xd1:
      out.payloadBytes = 2;
      return;
    case 0xce:
    case 0xd2:
      out.payloadBytes = 4;
      return;
    case 0xcf:
    case 0xd3:
      out.payloadBytes = 8;
      return;
    case 0xd4:
      out.payloadBytes = 2; // fixext 1: type + 1 byte
      return;
    case 0xd5:
      out.payloadBytes = 3;
      return;
    case 0xd6:
      out.payloadBytes = 5;
      return;
    case 0xd7:
      out.payloadBytes = 9;
      return;
    case 0xd8:
      out.payloadBytes = 17;
      return;
    case 0xc4: // bin 8
    case 0xd9: // str 8
      sizeBytes = 1;
      break;
    case 0xc5:
    case 0xda:
    case 0xdc: // array 16
    case 0xde: // map 16
      sizeBytes = 2;
      break;
    case 0xc6:
    case 0xdb:
    case 0xdd: // array 32
    case 0xdf: // map 32
      sizeBytes = 4;
      break;
    case 0xc7: // ext 8: size, type
      sizeBytes = 1;
      break;
    case 0xc8:
      sizeBytes = 2;
      break;
    case 0xc9:
      sizeBytes = 4;
      break;
  }
  if (offset + 1 + sizeBytes > limit) {
    out.headerBytes = INCOMPLETE;
    return;
  }
  const size = sizeBytes === 1 ? bytes[offset + 1]! : sizeBytes === 2 ? uint16(bytes, offset + 1) : uint32(bytes, offset + 1);
  out.headerBytes = 1 + sizeBytes;
  if (token === 0xdc || token === 0xdd) out.children = size;
  else if (token === 0xde || token === 0xdf) out.children = 2 * size;
  else if (token >= 0xc7 && token <= 0xc9) out.payloadBytes = size + 1; // the ext type byte
  else out.payloadBytes = size;
}

const scratch = { headerBytes: 0, payloadBytes: 0, children: 0 };

/**
 * Where the value starting at `offset` ends (exclusive), or INCOMPLETE when it runs past `limit`.
 * Throws ReservedByteError when a token is 0xC1. Allocation-free: nested values are counted, not
 * recursed into, and string and byte payloads are stepped over, not read.
 */
export function valueEnd(bytes: Uint8Array, offset: number, limit: number = bytes.length): number {
  let pending = 1;
  let at = offset;
  while (pending > 0) {
    if (at >= limit) return INCOMPLETE;
    tokenAt(bytes, at, limit, scratch);
    if (scratch.headerBytes === INCOMPLETE) return INCOMPLETE;
    at += scratch.headerBytes + scratch.payloadBytes;
    pending += scratch.children - 1;
  }
  return at > limit ? INCOMPLETE : at;
}

/** The UTF-8 bytes of `__proto__`. */
const PROTO_BYTES = [0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x5f];

/**
 * Walks a frame's tokens (payloads are stepped over) to check it has no reserved token, and says
 * whether a string `__proto__` occurs in it (as a key or a value: the caller then decodes keeping
 * it). Throws ReservedByteError for 0xC1. A value cut off or followed by trailing bytes is left to
 * the decoder to report.
 */
export function scanFrame(bytes: Uint8Array): boolean {
  let pending = 1;
  let at = 0;
  let protoKey = false;
  const limit = bytes.length;
  while (pending > 0) {
    if (at >= limit) return protoKey;
    const token = bytes[at]!;
    // The common one-byte-header forms inline; the rest through tokenAt.
    if (token < 0x80 || token >= 0xe0) {
      at++;
      pending--;
      continue;
    }
    if (token >= 0xa0 && token < 0xc0) {
      if (token === 0xa9 && !protoKey && at + 10 <= limit) protoKey = isProtoAt(bytes, at + 1);
      at += 1 + (token & 0x1f);
      pending--;
      continue;
    }
    if (token < 0x90) {
      at++;
      pending += 2 * (token & 0x0f) - 1;
      continue;
    }
    if (token < 0xa0) {
      at++;
      pending += (token & 0x0f) - 1;
      continue;
    }
    tokenAt(bytes, at, limit, scratch);
    if (scratch.headerBytes === INCOMPLETE) return protoKey;
    // A longer string form holding exactly `__proto__` (unusual, but legal).
    if (!protoKey && scratch.payloadBytes === 9 && (token === 0xd9 || token === 0xda || token === 0xdb) && at + scratch.headerBytes + 9 <= limit) {
      protoKey = isProtoAt(bytes, at + scratch.headerBytes);
    }
    at += scratch.headerBytes + scratch.payloadBytes;
    pending += scratch.children - 1;
  }
  return protoKey;
}

function isProtoAt(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < 9; i++) if (bytes[at + i] !== PROTO_BYTES[i]) return false;
  return true;
}

/** Where a trailing byte string lies in a frame, and the message around it. */
export interface TrailingBytesHead {
  /** Keys from the top-level map down to the byte string: each is the last key of its map. */
  path: string[];
  /**
   * The frame's bytes before the byte string's header, followed by an empty bin (c4 00): decoding
   * these gives the message with an empty byte string in the place of the real one.
   */
  headWithEmptyBin: Uint8Array;
  /** Offset in the frame where the byte string's own bytes begin. */
  bytesStart: number;
  /** Length of the byte string: it runs to the end of the frame. */
  bytesLength: number;
}

/**
 * Looks at the first `available` bytes of a frame of `frameLength` bytes for the shape the codec's
 * encoder streams: a map whose last value is (following last values down through nested maps) a
 * byte string that ends exactly at the frame's end. Returns
 * - the head, when that shape is found within the available bytes;
 * - INCOMPLETE when more bytes are needed to tell;
 * - undefined when the frame has some other shape (decode it whole).
 * Throws ReservedByteError when a token before the byte string is 0xC1.
 */
export function readTrailingBytesHead(bytes: Uint8Array, available: number, frameLength: number): TrailingBytesHead | typeof INCOMPLETE | undefined {
  const path: string[] = [];
  let at = 0;
  for (let depth = 0; depth < 8; depth++) {
    if (at >= available) return INCOMPLETE;
    tokenAt(bytes, at, available, scratch);
    if (scratch.headerBytes === INCOMPLETE) return INCOMPLETE;
    const token = bytes[at]!;
    const isMap = (token >= 0x80 && token < 0x90) || token === 0xde || token === 0xdf;
    if (!isMap || scratch.children === 0) return undefined;
    let pairs = scratch.children / 2;
    at += scratch.headerBytes;
    // Skip every pair but the last; of the last, skip the key and read it.
    while (pairs > 1) {
      const keyEnd = valueEnd(bytes, at, available);
      if (keyEnd === INCOMPLETE) return INCOMPLETE;
      const pairEnd = valueEnd(bytes, keyEnd, available);
      if (pairEnd === INCOMPLETE) return INCOMPLETE;
      at = pairEnd;
      pairs--;
    }
    const keyEnd = valueEnd(bytes, at, available);
    if (keyEnd === INCOMPLETE) return INCOMPLETE;
    const key = readStringKey(bytes, at, keyEnd);
    if (key === undefined) return undefined;
    path.push(key);
    at = keyEnd;
    if (at >= available) return INCOMPLETE;
    const valueToken = bytes[at]!;
    if (valueToken === 0xc4 || valueToken === 0xc5 || valueToken === 0xc6) {
      tokenAt(bytes, at, available, scratch);
      if (scratch.headerBytes === INCOMPLETE) return INCOMPLETE;
      const bytesStart = at + scratch.headerBytes;
      if (bytesStart + scratch.payloadBytes !== frameLength) return undefined;
      const headWithEmptyBin = Buffer.allocUnsafe(at + 2);
      headWithEmptyBin.set(bytes.subarray(0, at), 0);
      headWithEmptyBin[at] = 0xc4;
      headWithEmptyBin[at + 1] = 0;
      return { path, headWithEmptyBin, bytesStart, bytesLength: scratch.payloadBytes };
    }
    // Otherwise descend into a nested map (its own last value may be the byte string).
  }
  return undefined;
}

/** A map key written as a MessagePack string (fixstr, str 8/16/32); undefined for other key types. */
function readStringKey(bytes: Uint8Array, start: number, end: number): string | undefined {
  const token = bytes[start]!;
  let header: number;
  if (token >= 0xa0 && token < 0xc0) header = 1;
  else if (token === 0xd9) header = 2;
  else if (token === 0xda) header = 3;
  else if (token === 0xdb) header = 5;
  else return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset + start + header, end - start - header).toString('utf8');
}
