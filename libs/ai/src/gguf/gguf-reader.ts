import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ModelFileError } from '../model-file-error.ts';
import {
  GGML_TYPE_SIZES,
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC,
  GGUF_READABLE_VERSIONS,
  GgufValueType,
  alignUp,
  type GgufValue,
} from './gguf-format.ts';

export interface GgufTensorInfo {
  name: string;
  dims: number[];
  ggmlType: number;
  /** Offset from the start of the data section. */
  offset: number;
  /** Bytes of data, or undefined for a ggml type this reader does not know. */
  byteLength: number | undefined;
}

export interface GgufHeader {
  file: string;
  fileSize: number;
  version: number;
  tensorCount: number;
  metadata: Map<string, GgufValue>;
  tensors: GgufTensorInfo[];
  alignment: number;
  /** Where tensor data starts in the file. */
  dataOffset: number;
  /** Sum of the tensors' data sizes (the weights' memory footprint). */
  tensorBytes: number;
  /** Parameter count (values in all tensors). */
  parameterCount: number;
}

/** Thrown inside the parser when the bytes read so far end before the structure does. */
class NeedMoreBytes extends Error {}

// Arrays longer than this are not a real vocabulary but a corrupt length field.
const MAX_ARRAY_LENGTH = 50_000_000;
const MAX_STRING_BYTES = 1 << 26;
const MAX_DIMS = 4;

class Cursor {
  pos = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array, private readonly file: string, private readonly fileSize: number) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private need(n: number): void {
    if (this.pos + n > this.bytes.length) {
      if (this.pos + n > this.fileSize) {
        throw new ModelFileError(this.file, 'truncated', `header ends at byte ${this.fileSize}, needs ${this.pos + n}`);
      }
      throw new NeedMoreBytes();
    }
  }
  u8(): number { this.need(1); return this.view.getUint8(this.pos++); }
  i8(): number { this.need(1); return this.view.getInt8(this.pos++); }
  u16(): number { this.need(2); const v = this.view.getUint16(this.pos, true); this.pos += 2; return v; }
  i16(): number { this.need(2); const v = this.view.getInt16(this.pos, true); this.pos += 2; return v; }
  u32(): number { this.need(4); const v = this.view.getUint32(this.pos, true); this.pos += 4; return v; }
  i32(): number { this.need(4); const v = this.view.getInt32(this.pos, true); this.pos += 4; return v; }
  f32(): number { this.need(4); const v = this.view.getFloat32(this.pos, true); this.pos += 4; return v; }
  f64(): number { this.need(8); const v = this.view.getFloat64(this.pos, true); this.pos += 8; return v; }
  u64(): bigint { this.need(8); const v = this.view.getBigUint64(this.pos, true); this.pos += 8; return v; }
  i64(): bigint { this.need(8); const v = this.view.getBigInt64(this.pos, true); this.pos += 8; return v; }
  /** A u64 that must fit a JS number and stay under `max` (else the file is corrupt). */
  count(what: string, max: number): number {
    const v = this.u64();
    if (v > BigInt(max)) throw new ModelFileError(this.file, 'corrupt', `${what} ${v} at byte ${this.pos - 8} is implausible`);
    return Number(v);
  }
  string(): string {
    const n = this.count('string length', MAX_STRING_BYTES);
    this.need(n);
    const s = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.pos, n).toString('utf8');
    this.pos += n;
    return s;
  }
}

function readScalar(c: Cursor, type: number, file: string): Exclude<GgufValue, readonly GgufValue[]> {
  switch (type) {
    case GgufValueType.UINT8: return c.u8();
    case GgufValueType.INT8: return c.i8();
    case GgufValueType.UINT16: return c.u16();
    case GgufValueType.INT16: return c.i16();
    case GgufValueType.UINT32: return c.u32();
    case GgufValueType.INT32: return c.i32();
    case GgufValueType.FLOAT32: return c.f32();
    case GgufValueType.FLOAT64: return c.f64();
    case GgufValueType.UINT64: return c.u64();
    case GgufValueType.INT64: return c.i64();
    case GgufValueType.BOOL: return c.u8() !== 0;
    case GgufValueType.STRING: return c.string();
    default: throw new ModelFileError(file, 'corrupt', `unknown metadata value type ${type} at byte ${c.pos - 4}`);
  }
}

function parse(bytes: Uint8Array, file: string, fileSize: number): GgufHeader {
  const c = new Cursor(bytes, file, fileSize);
  const magic = c.u32();
  if (magic !== GGUF_MAGIC) {
    const shown = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
    throw new ModelFileError(file, 'bad-magic', `not a GGUF file (magic ${JSON.stringify(shown)}, expected "GGUF")`);
  }
  const version = c.u32();
  if (!GGUF_READABLE_VERSIONS.includes(version)) {
    throw new ModelFileError(file, 'bad-version', `GGUF version ${version} is not supported (readable: ${GGUF_READABLE_VERSIONS.join(', ')})`);
  }
  const tensorCount = c.count('tensor count', 1_000_000);
  const kvCount = c.count('metadata count', 1_000_000);
  const metadata = new Map<string, GgufValue>();
  for (let i = 0; i < kvCount; i++) {
    const key = c.string();
    const type = c.u32();
    if (type === GgufValueType.ARRAY) {
      const elemType = c.u32();
      if (elemType === GgufValueType.ARRAY) throw new ModelFileError(file, 'corrupt', `nested array in metadata key ${key}`);
      const n = c.count(`array length of ${key}`, MAX_ARRAY_LENGTH);
      const values: Exclude<GgufValue, readonly GgufValue[]>[] = new Array(n);
      for (let j = 0; j < n; j++) values[j] = readScalar(c, elemType, file);
      metadata.set(key, values);
    } else {
      metadata.set(key, readScalar(c, type, file));
    }
  }
  const alignmentValue = metadata.get('general.alignment');
  const alignment = typeof alignmentValue === 'number' && alignmentValue > 0 ? alignmentValue : GGUF_DEFAULT_ALIGNMENT;
  const tensors: GgufTensorInfo[] = [];
  let tensorBytes = 0;
  let parameterCount = 0;
  for (let i = 0; i < tensorCount; i++) {
    const name = c.string();
    const nDims = c.u32();
    if (nDims < 1 || nDims > MAX_DIMS) throw new ModelFileError(file, 'corrupt', `tensor ${name} has ${nDims} dimensions`);
    const dims: number[] = [];
    for (let d = 0; d < nDims; d++) dims.push(c.count(`dimension ${d} of tensor ${name}`, Number.MAX_SAFE_INTEGER));
    const ggmlType = c.u32();
    const offset = c.count(`offset of tensor ${name}`, Number.MAX_SAFE_INTEGER);
    const count = dims.reduce((a, b) => a * b, 1);
    const layout = GGML_TYPE_SIZES[ggmlType];
    const byteLength = layout ? Math.ceil(count / layout.blockSize) * layout.blockBytes : undefined;
    tensors.push({ name, dims, ggmlType, offset, byteLength });
    parameterCount += count;
    tensorBytes += byteLength ?? 0;
  }
  const dataOffset = alignUp(c.pos, alignment);
  return { file, fileSize, version, tensorCount, metadata, tensors, alignment, dataOffset, tensorBytes, parameterCount };
}

/**
 * Reads a GGUF file's header (metadata and tensor infos) without reading the weights. Throws a
 * ModelFileError naming the file for a missing file, a wrong magic or version, or a header that is
 * cut short or structurally invalid. Does not check the data section: see `checkGgufDataComplete`.
 */
export function readGgufHeader(file: string): GgufHeader {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ModelFileError(file, 'missing', code === 'ENOENT' ? 'no such file' : `cannot open (${code})`, { cause: error });
  }
  try {
    const fileSize = fstatSync(fd).size;
    if (fileSize < 8) {
      // Too short even for magic + version: say which of the two is the problem.
      const head = Buffer.alloc(fileSize);
      readSync(fd, head, 0, fileSize, 0);
      if (fileSize >= 4 && head.readUInt32LE(0) !== GGUF_MAGIC) parse(head, file, fileSize);
      throw new ModelFileError(file, 'truncated', `only ${fileSize} bytes`);
    }
    // Headers are mostly small, but a 150k-token vocabulary can take several MiB: grow until it fits.
    let chunk = Math.min(fileSize, 1 << 20);
    for (;;) {
      const bytes = new Uint8Array(chunk);
      readSync(fd, bytes, 0, chunk, 0);
      try {
        return parse(bytes, file, fileSize);
      } catch (error) {
        if (!(error instanceof NeedMoreBytes)) throw error;
        chunk = Math.min(fileSize, chunk * 4);
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Throws `truncated` when the file ends before the last tensor's data does. */
export function checkGgufDataComplete(header: GgufHeader): void {
  let end = header.dataOffset;
  for (const t of header.tensors) {
    if (t.byteLength === undefined) continue;
    end = Math.max(end, header.dataOffset + t.offset + t.byteLength);
  }
  if (header.fileSize < end) {
    throw new ModelFileError(header.file, 'truncated', `file has ${header.fileSize} bytes but its tensors end at byte ${end}`);
  }
}
