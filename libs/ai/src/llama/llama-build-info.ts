import { existsSync, readFileSync } from 'node:fs';

/** llama.cpp's build identity, as `llama_commit()` / `llama_build_number()` give it (llama-bench's build_commit / build_number). */
export interface LlamaBuildInfo {
  commit: string;
  number: number;
  /** The library it was read from, or why it could not be. */
  source: string;
}

/** llama-bench's values when the build had no git information (cmake/build-info.cmake). */
const UNKNOWN_BUILD = { commit: 'unknown', number: 0 } as const;

const SHT_RELA = 4;
const SHT_DYNSYM = 11;
const SHT_NOBITS = 8;
/** R_X86_64_RELATIVE, R_AARCH64_RELATIVE. */
const RELATIVE = new Set([8, 1027]);

interface Section {
  type: number;
  addr: bigint;
  offset: number;
  size: number;
  link: number;
}

/**
 * Reads LLAMA_COMMIT and LLAMA_BUILD_NUMBER from a llama.cpp shared library (libllama-common.so:
 * ELF64, little-endian; x86-64 or AArch64), without loading it: the build number is an int in
 * .data, the commit a pointer to a string whose address the dynamic loader fills in from a
 * RELATIVE relocation. Undefined for anything else (another format, symbols stripped).
 */
export function readElfBuildInfo(file: string): { commit: string; number: number } | undefined {
  const b = readFileSync(file);
  if (b.length < 64 || b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 2 || b[5] !== 1) return undefined;
  const shoff = Number(b.readBigUInt64LE(0x28));
  const shentsize = b.readUInt16LE(0x3a);
  const shnum = b.readUInt16LE(0x3c);
  if (shoff === 0 || shoff + shnum * shentsize > b.length) return undefined;
  const sections: Section[] = Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * shentsize;
    return { type: b.readUInt32LE(at + 4), addr: b.readBigUInt64LE(at + 16), offset: Number(b.readBigUInt64LE(at + 24)), size: Number(b.readBigUInt64LE(at + 32)), link: b.readUInt32LE(at + 40) };
  });
  const fileOffset = (vaddr: bigint): number | undefined => {
    const s = sections.find((x) => x.type !== SHT_NOBITS && x.addr !== 0n && vaddr >= x.addr && vaddr < x.addr + BigInt(x.size));
    return s ? s.offset + Number(vaddr - s.addr) : undefined;
  };
  const dynsym = sections.find((s) => s.type === SHT_DYNSYM);
  if (!dynsym) return undefined;
  const strtab = sections[dynsym.link];
  const symbols = new Map<string, bigint>();
  for (let at = dynsym.offset; at + 24 <= dynsym.offset + dynsym.size; at += 24) {
    const nameAt = strtab.offset + b.readUInt32LE(at);
    const name = b.toString('latin1', nameAt, b.indexOf(0, nameAt));
    if (name === 'LLAMA_COMMIT' || name === 'LLAMA_BUILD_NUMBER') symbols.set(name, b.readBigUInt64LE(at + 8));
  }
  const numberAt = symbols.has('LLAMA_BUILD_NUMBER') ? fileOffset(symbols.get('LLAMA_BUILD_NUMBER')!) : undefined;
  const pointer = symbols.get('LLAMA_COMMIT');
  if (numberAt === undefined || pointer === undefined) return undefined;
  let target: bigint | undefined;
  for (const rela of sections.filter((s) => s.type === SHT_RELA)) {
    for (let at = rela.offset; at + 24 <= rela.offset + rela.size; at += 24) {
      if (b.readBigUInt64LE(at) === pointer && RELATIVE.has(Number(b.readBigUInt64LE(at + 8) & 0xffffffffn))) target = b.readBigInt64LE(at + 16);
    }
  }
  const pointerAt = fileOffset(pointer);
  target ??= pointerAt === undefined ? undefined : b.readBigUInt64LE(pointerAt);
  const stringAt = target === undefined ? undefined : fileOffset(target);
  if (stringAt === undefined) return undefined;
  const end = b.indexOf(0, stringAt);
  if (end < 0 || end - stringAt > 256) return undefined;
  return { commit: b.toString('latin1', stringAt, end), number: b.readInt32LE(numberAt) };
}

/**
 * The build of the llama.cpp this process has loaded (found in /proc/self/maps, so it is the
 * binary node-llama-cpp chose: CPU, CUDA or Vulkan). llama-bench's "unknown" / 0 where it cannot
 * be read (not Linux, no library loaded yet, an unreadable file).
 */
export function loadedLlamaBuildInfo(maps = '/proc/self/maps'): LlamaBuildInfo {
  if (!existsSync(maps)) return { ...UNKNOWN_BUILD, source: `no ${maps}` };
  const lib = readFileSync(maps, 'utf8')
    .split('\n')
    .map((line) => line.slice(line.indexOf('/')))
    .find((path) => /\/libllama-common[^/]*\.so[^/]*$/.test(path));
  if (!lib) return { ...UNKNOWN_BUILD, source: 'libllama-common is not loaded' };
  const info = readElfBuildInfo(lib);
  return info ? { ...info, source: lib } : { ...UNKNOWN_BUILD, source: `${lib}: no LLAMA_COMMIT / LLAMA_BUILD_NUMBER` };
}
