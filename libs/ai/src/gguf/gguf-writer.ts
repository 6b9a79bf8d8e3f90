import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { GGUF_DEFAULT_ALIGNMENT, GGUF_MAGIC, GGUF_VERSION, GgufValueType, alignUp, type GgufMetadataEntry } from './gguf-format.ts';

/** A tensor to write: its shape in ggml order (ne[0] = row length first) and a lazy encoder. */
export interface GgufTensorSpec {
  name: string;
  /** ggml dimensions, innermost first: a [rows × cols] matrix used as `x @ W` is `[cols_in, rows_out]`. */
  dims: readonly number[];
  ggmlType: number;
  byteLength: number;
  /** Produces the encoded bytes when the writer reaches this tensor, so only one is in memory at a time. */
  encode: () => Uint8Array;
}

/** Growable little-endian byte buffer for the header part. */
class ByteSink {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void { this.reserve(1); this.view.setUint8(this.length, v); this.length += 1; }
  i8(v: number): void { this.reserve(1); this.view.setInt8(this.length, v); this.length += 1; }
  u16(v: number): void { this.reserve(2); this.view.setUint16(this.length, v, true); this.length += 2; }
  i16(v: number): void { this.reserve(2); this.view.setInt16(this.length, v, true); this.length += 2; }
  u32(v: number): void { this.reserve(4); this.view.setUint32(this.length, v, true); this.length += 4; }
  i32(v: number): void { this.reserve(4); this.view.setInt32(this.length, v, true); this.length += 4; }
  f32(v: number): void { this.reserve(4); this.view.setFloat32(this.length, v, true); this.length += 4; }
  f64(v: number): void { this.reserve(8); this.view.setFloat64(this.length, v, true); this.length += 8; }
  u64(v: number | bigint): void { this.reserve(8); this.view.setBigUint64(this.length, BigInt(v), true); this.length += 8; }
  i64(v: bigint): void { this.reserve(8); this.view.setBigInt64(this.length, v, true); this.length += 8; }
  bytes(b: Uint8Array): void { this.reserve(b.length); this.buf.set(b, this.length); this.length += b.length; }
  string(s: string): void { const b = Buffer.from(s, 'utf8'); this.u64(b.length); this.bytes(b); }
  pad(alignment: number): void { const n = alignUp(this.length, alignment) - this.length; this.reserve(n); this.length += n; }
  result(): Uint8Array { return this.buf.subarray(0, this.length); }
}

const SCALAR_TAGS = {
  u8: GgufValueType.UINT8, i8: GgufValueType.INT8, u16: GgufValueType.UINT16, i16: GgufValueType.INT16,
  u32: GgufValueType.UINT32, i32: GgufValueType.INT32, f32: GgufValueType.FLOAT32, f64: GgufValueType.FLOAT64,
  u64: GgufValueType.UINT64, i64: GgufValueType.INT64, bool: GgufValueType.BOOL, string: GgufValueType.STRING,
} as const;

function writeEntry(sink: ByteSink, key: string, entry: GgufMetadataEntry): void {
  sink.string(key);
  if (entry.type === 'array') {
    sink.u32(GgufValueType.ARRAY);
    sink.u32(SCALAR_TAGS[entry.of]);
    sink.u64(entry.value.length);
    if (entry.of === 'string') for (const s of entry.value) sink.string(s);
    else {
      const write = entry.of === 'f32' ? sink.f32.bind(sink) : entry.of === 'i32' ? sink.i32.bind(sink) : sink.u32.bind(sink);
      for (let i = 0; i < entry.value.length; i++) write(entry.value[i]!);
    }
    return;
  }
  sink.u32(SCALAR_TAGS[entry.type]);
  switch (entry.type) {
    case 'u8': sink.u8(entry.value); break;
    case 'i8': sink.i8(entry.value); break;
    case 'u16': sink.u16(entry.value); break;
    case 'i16': sink.i16(entry.value); break;
    case 'u32': sink.u32(entry.value); break;
    case 'i32': sink.i32(entry.value); break;
    case 'f32': sink.f32(entry.value); break;
    case 'f64': sink.f64(entry.value); break;
    case 'u64': sink.u64(entry.value); break;
    case 'i64': sink.i64(entry.value); break;
    case 'bool': sink.u8(entry.value ? 1 : 0); break;
    case 'string': sink.string(entry.value); break;
  }
}

/** Serialises everything before the tensor data: header, metadata, tensor infos, padding. */
export function encodeGgufHeader(metadata: ReadonlyMap<string, GgufMetadataEntry>, tensors: readonly GgufTensorSpec[]): Uint8Array {
  const alignmentEntry = metadata.get('general.alignment');
  const alignment = alignmentEntry?.type === 'u32' ? alignmentEntry.value : GGUF_DEFAULT_ALIGNMENT;
  const sink = new ByteSink();
  sink.u32(GGUF_MAGIC);
  sink.u32(GGUF_VERSION);
  sink.u64(tensors.length);
  sink.u64(metadata.size);
  for (const [key, entry] of metadata) writeEntry(sink, key, entry);
  let offset = 0;
  for (const t of tensors) {
    sink.string(t.name);
    sink.u32(t.dims.length);
    for (const d of t.dims) sink.u64(d);
    sink.u32(t.ggmlType);
    sink.u64(offset);
    offset = alignUp(offset + t.byteLength, alignment);
  }
  sink.pad(alignment);
  return sink.result();
}

/**
 * Writes a GGUF v3 file atomically: everything goes to `<path>.<pid>.tmp`, which is renamed over
 * `path` only once complete and flushed, so a killed run never leaves a half model in the cache.
 */
export function writeGgufFile(path: string, metadata: ReadonlyMap<string, GgufMetadataEntry>, tensors: readonly GgufTensorSpec[]): void {
  const alignmentEntry = metadata.get('general.alignment');
  const alignment = alignmentEntry?.type === 'u32' ? alignmentEntry.value : GGUF_DEFAULT_ALIGNMENT;
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, encodeGgufHeader(metadata, tensors));
    const zeros = new Uint8Array(alignment);
    for (const t of tensors) {
      const data = t.encode();
      if (data.length !== t.byteLength) throw new Error(`tensor ${t.name}: encoded ${data.length} bytes, declared ${t.byteLength}`);
      writeSync(fd, data);
      const pad = alignUp(data.length, alignment) - data.length;
      if (pad > 0) writeSync(fd, zeros, 0, pad);
    }
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (error) {
    try { closeSync(fd); } catch { /* already closed */ }
    rmSync(tmp, { force: true });
    throw error;
  }
}
