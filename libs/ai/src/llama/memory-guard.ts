import { readFileSync } from 'node:fs';
import { freemem } from 'node:os';
import { checkGgufDataComplete, readGgufHeader, type GgufHeader } from '../gguf/gguf-reader.ts';
import { ModelFileError } from '../model-file-error.ts';

/**
 * Memory the kernel says it can hand out without swapping (MemAvailable), which counts reclaimable
 * page cache; os.freemem() does not and would refuse models that fit.
 */
export function availableMemoryBytes(): number {
  try {
    const match = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux: fall through
  }
  return freemem();
}

/** Refuses a model whose weights plus `extraBytes` (KV cache, compute buffers) exceed `freeBytes`. */
export function assertFitsInMemory(header: GgufHeader, freeBytes: number, extraBytes = 0): void {
  const need = header.tensorBytes + extraBytes;
  if (need > freeBytes) {
    throw new ModelFileError(
      header.file,
      'too-large',
      `needs ${formatMiB(need)} (weights ${formatMiB(header.tensorBytes)} + ${formatMiB(extraBytes)} working memory) ` +
        `but only ${formatMiB(freeBytes)} is free; refused before loading`,
    );
  }
}

export interface CheckModelOptions {
  /** Free memory to compare with; default: RAM available now (plus free VRAM, when given). */
  freeBytes?: number;
  extraBytes?: number;
}

/** Everything checked before a GGUF file is handed to llama.cpp: header, memory fit, completeness. */
export function checkGgufBeforeLoad(file: string, options: CheckModelOptions = {}): GgufHeader {
  const header = readGgufHeader(file);
  assertFitsInMemory(header, options.freeBytes ?? availableMemoryBytes(), options.extraBytes ?? 0);
  checkGgufDataComplete(header);
  return header;
}

function formatMiB(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
