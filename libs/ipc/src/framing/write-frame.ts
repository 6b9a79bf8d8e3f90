import type { Writable } from 'node:stream';

/** Writes one frame's chunks; several chunks go out corked so Node sends them with one writev. */
export function writeFrame(output: Writable, chunks: readonly Uint8Array[]): boolean {
  if (chunks.length === 1) return output.write(chunks[0]);
  output.cork();
  let ok = true;
  for (const chunk of chunks) ok = output.write(chunk) && ok;
  output.uncork();
  return ok;
}
