import { Packr, Unpackr } from 'msgpackr';

/**
 * Plain MessagePack (no records, no extensions) with objects decoded the safe way: msgpackr's
 * object mode renames a `__proto__` key to `__proto_` (so it cannot set a prototype); here such a
 * key stays `__proto__`, as an own data property, and no prototype is touched. The event store
 * reads its records with it (and writes them with MsgpackWriter, which writes the same plain
 * MessagePack); libs/ipc's codec shares the object conversion and the token walk.
 */
export class PlainMsgpack {
  readonly #packr = new Packr(PLAIN_OPTIONS);
  readonly #unpackr = new Unpackr(PLAIN_OPTIONS);
  readonly #mapUnpackr = new Unpackr({ ...PLAIN_OPTIONS, mapsAsObjects: false });

  /** The encoding of `value`: a view into the encoder's buffer (never overwritten later). */
  encode(value: unknown): Uint8Array {
    return this.#packr.pack(value);
  }

  /** Decodes the value in `bytes` (up to `end`); a `__proto__` key anywhere takes the slower path that keeps it. */
  decode(bytes: Uint8Array, end: number = bytes.length): unknown {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, end);
    return view.indexOf(PROTO_KEY) >= 0 ? toPlainObjects(this.#mapUnpackr.unpack(view)) : this.#unpackr.unpack(view);
  }
}

/** msgpackr options for plain MessagePack: what any implementation reads and writes. */
export const PLAIN_OPTIONS = { useRecords: false, moreTypes: false, structuredClone: false, mapsAsObjects: true } as const;
const PROTO_KEY = Buffer.from('__proto__');

/** A map key as msgpackr's object mode turns it into a property name (strings and scalars only). */
function propertyName(key: unknown): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'boolean' || typeof key === 'bigint' || key == null) return String(key);
  throw new TypeError(`a map key of type ${typeof key} cannot be a property name`);
}

/**
 * Maps (as msgpackr decodes them with mapsAsObjects off) turned into plain objects whose every key
 * is an own data property, `__proto__` included: defineProperty never reaches a prototype, so
 * nothing is polluted and no key is renamed. Arrays are converted in place.
 */
export function toPlainObjects(value: unknown): unknown {
  if (value instanceof Map) {
    const object: Record<string, unknown> = {};
    for (const [key, item] of value) {
      Object.defineProperty(object, propertyName(key), { value: toPlainObjects(item), enumerable: true, writable: true, configurable: true });
    }
    return object;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = toPlainObjects(value[i]);
  }
  return value;
}
