import { Packr } from 'msgpackr';
import { PLAIN_OPTIONS } from './plain-msgpack.ts';

/** msgpackr for the values not written by hand: plain, with each map's smallest header, as here. */
const FALLBACK_OPTIONS = { ...PLAIN_OPTIONS, variableMapSize: true } as const;

/**
 * A plain MessagePack writer into one buffer it keeps and grows: values are appended at
 * `position`, and the caller takes views of what it wrote. The event store writes an append's
 * records here one after another and notes where each ends, so it needs no scan to cut a batch
 * into values and no buffer per batch.
 *
 * Written by hand for the JSON-like values events carry (strings, numbers, booleans, null, plain
 * objects, arrays, byte arrays): the same bytes msgpackr writes for them with `variableMapSize`
 * (the smallest header for each map), so any MessagePack reader, PlainMsgpack.decode included,
 * reads them. Any other value (undefined, Date, Map, Set, bigint, class instances, objects
 * without Object's constructor, typed arrays other than bytes) is encoded by msgpackr (the same
 * options) and copied in, so it keeps the meaning msgpackr gave it.
 */
export class MsgpackWriter {
  #bytes: Buffer;
  #view: DataView;
  #position = 0;
  #fallback: Packr | undefined;

  constructor(initialBytes = 64 * 1024) {
    this.#bytes = Buffer.allocUnsafe(initialBytes);
    this.#view = new DataView(this.#bytes.buffer, this.#bytes.byteOffset, this.#bytes.byteLength);
  }

  /** Where the next value goes: the bytes before it are what was written since reset(). */
  get position(): number {
    return this.#position;
  }

  /** The buffer written into; valid until the next write (a write may move it to a larger one). */
  get bytes(): Buffer {
    return this.#bytes;
  }

  /** Starts over at offset 0, keeping the buffer (views taken before will be overwritten). */
  reset(): void {
    this.#position = 0;
  }

  arrayHeader(length: number): void {
    this.#room(5);
    this.#header(length, 0x90, 0xdc, 0xdd);
  }

  mapHeader(length: number): void {
    this.#room(5);
    this.#header(length, 0x80, 0xde, 0xdf);
  }

  string(value: string): void {
    const length = value.length;
    // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair is 2 units for 4 bytes), plus a header.
    this.#room(length * 3 + 5);
    const bytes = this.#bytes;
    let at = this.#position;
    if (length < 64) {
      // Short strings (keys, ids, types): ASCII byte by byte, which beats a native call at
      // this size; the header (fixstr or str 8) is known from the length. The first other
      // character sends the string down the general path.
      const start = at + (length < 32 ? 1 : 2);
      let i = 0;
      for (; i < length; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) break;
        bytes[start + i] = c;
      }
      if (i === length) {
        if (length < 32) bytes[at] = 0xa0 | length;
        else {
          bytes[at] = 0xd9;
          bytes[at + 1] = length;
        }
        this.#position = start + length;
        return;
      }
    }
    // Reserve the header the UTF-16 length asks for (exact for ASCII), then move the bytes when
    // the UTF-8 length needs another (msgpackr does the same): the header is always the smallest.
    const reserved = length < 0x20 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : 5;
    const written = bytes.write(value, at + reserved);
    const header = written < 0x20 ? 1 : written < 0x100 ? 2 : written < 0x10000 ? 3 : 5;
    if (header !== reserved) bytes.copyWithin(at + header, at + reserved, at + reserved + written);
    if (header === 1) bytes[at] = 0xa0 | written;
    else if (header === 2) {
      bytes[at] = 0xd9;
      bytes[at + 1] = written;
    } else if (header === 3) {
      bytes[at] = 0xda;
      bytes[at + 1] = written >> 8;
      bytes[at + 2] = written & 0xff;
    } else {
      bytes[at] = 0xdb;
      this.#view.setUint32(at + 1, written);
    }
    at += header + written;
    this.#position = at;
  }

  /**
   * As msgpackr: integers in the smallest int form that holds them (32 bits at most), every other number a float 64.
   * (The tag + 8/16/32-bit forms here, in string() and in #binary() are written out in each on purpose: one
   * shared method for them encoded 1000 event records about 4% slower, 8 alternated runs.)
   */
  number(value: number): void {
    this.#room(9);
    const bytes = this.#bytes;
    let at = this.#position;
    if (value >>> 0 === value) {
      if (value < 0x80) bytes[at++] = value;
      else if (value < 0x100) {
        bytes[at++] = 0xcc;
        bytes[at++] = value;
      } else if (value < 0x10000) {
        bytes[at++] = 0xcd;
        bytes[at++] = value >> 8;
        bytes[at++] = value & 0xff;
      } else {
        bytes[at++] = 0xce;
        this.#view.setUint32(at, value);
        at += 4;
      }
    } else if (value >> 0 === value) {
      if (value >= -0x20) bytes[at++] = 0x100 + value;
      else if (value >= -0x80) {
        bytes[at++] = 0xd0;
        bytes[at++] = value + 0x100;
      } else if (value >= -0x8000) {
        bytes[at++] = 0xd1;
        this.#view.setInt16(at, value);
        at += 2;
      } else {
        bytes[at++] = 0xd2;
        this.#view.setInt32(at, value);
        at += 4;
      }
    } else {
      bytes[at++] = 0xcb;
      this.#view.setFloat64(at, value);
      at += 8;
    }
    this.#position = at;
  }

  /** Any value: the JSON-like kinds by hand, the rest through msgpackr (see the class comment). */
  value(value: unknown): void {
    switch (typeof value) {
      case 'string':
        return this.string(value);
      case 'number':
        return this.number(value);
      case 'boolean':
        this.#room(1);
        this.#bytes[this.#position++] = value ? 0xc3 : 0xc2;
        return;
      case 'object': {
        if (value === null) {
          this.#room(1);
          this.#bytes[this.#position++] = 0xc0;
          return;
        }
        const constructor: unknown = (value as { constructor?: unknown }).constructor;
        if (constructor === Object) return this.#object(value as Record<string, unknown>);
        if (constructor === Array) return this.#array(value as unknown[]);
        if (constructor === Buffer || constructor === Uint8Array) return this.#binary(value as Uint8Array);
      }
    }
    this.#copy((this.#fallback ??= new Packr(FALLBACK_OPTIONS)).pack(value));
  }

  #object(object: Record<string, unknown>): void {
    // Own enumerable string keys, in the order msgpackr writes them.
    const keys = Object.keys(object);
    this.mapHeader(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      this.string(key);
      this.value(object[key]);
    }
  }

  #array(array: readonly unknown[]): void {
    this.arrayHeader(array.length);
    for (let i = 0; i < array.length; i++) this.value(array[i]);
  }

  #binary(value: Uint8Array): void {
    const length = value.length;
    this.#room(length + 5);
    const bytes = this.#bytes;
    let at = this.#position;
    if (length < 0x100) {
      bytes[at++] = 0xc4;
      bytes[at++] = length;
    } else if (length < 0x10000) {
      bytes[at++] = 0xc5;
      bytes[at++] = length >> 8;
      bytes[at++] = length & 0xff;
    } else {
      bytes[at++] = 0xc6;
      this.#view.setUint32(at, length);
      at += 4;
    }
    bytes.set(value, at);
    this.#position = at + length;
  }

  #copy(encoded: Uint8Array): void {
    this.#room(encoded.length);
    this.#bytes.set(encoded, this.#position);
    this.#position += encoded.length;
  }

  /** A header with its length: the fix form (`fix | length`) below 16, then 16 and 32 bits. */
  #header(length: number, fix: number, form16: number, form32: number): void {
    const bytes = this.#bytes;
    const at = this.#position;
    if (length < 0x10) {
      bytes[at] = fix | length;
      this.#position = at + 1;
    } else if (length < 0x10000) {
      bytes[at] = form16;
      bytes[at + 1] = length >> 8;
      bytes[at + 2] = length & 0xff;
      this.#position = at + 3;
    } else {
      bytes[at] = form32;
      this.#view.setUint32(at + 1, length);
      this.#position = at + 5;
    }
  }

  /** Makes room for `needed` more bytes, moving what was written into a buffer twice as large (or more). */
  #room(needed: number): void {
    const want = this.#position + needed;
    if (want <= this.#bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(want, this.#bytes.length * 2));
    this.#bytes.copy(grown, 0, 0, this.#position);
    this.#bytes = grown;
    this.#view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength);
  }
}
