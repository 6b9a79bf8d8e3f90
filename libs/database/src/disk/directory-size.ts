import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Bytes a directory tree occupies on disk: allocated blocks, not apparent sizes, because LMDB's
 * data file is sparse (its map size is reserved, not written).
 */
export async function directorySizeOnDisk(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.blocks * 512;
  let total = 0;
  for (const entry of await readdir(path)) total += await directorySizeOnDisk(join(path, entry));
  return total;
}
