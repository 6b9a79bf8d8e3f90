import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** A tool bench:all needs is not in the workspace (not built yet, or removed). */
export class MissingToolError extends Error {
  override name = 'MissingToolError';
}

/** The Nx CLI of this workspace (the one npm installed, not a global one). */
export function nxBin(workspaceRoot: string): string {
  const bin = join(workspaceRoot, 'node_modules', '.bin', 'nx');
  if (!existsSync(bin)) throw new MissingToolError(`${bin} not found: run 'npm ci' first`);
  return bin;
}

/**
 * The bench-report CLI's entry file, from the `bin` field of apps/bench-report/package.json. Run
 * through `node --import tsx` rather than npx so a fresh checkout works before npm links the bin.
 */
export function benchReportBin(workspaceRoot: string): string {
  const pkgPath = join(workspaceRoot, 'apps', 'bench-report', 'package.json');
  if (!existsSync(pkgPath)) throw new MissingToolError(`${pkgPath} not found`);
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin?: string | Record<string, string> };
  const entry = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['bench-report'];
  if (!entry) throw new MissingToolError(`${pkgPath}: no "bin" entry for bench-report`);
  const file = resolve(workspaceRoot, 'apps', 'bench-report', entry);
  if (!existsSync(file)) throw new MissingToolError(`${pkgPath}: bin ${entry} does not exist`);
  return file;
}

/** The profiling CLI (libs/profiling/bin/profile.ts), or null when that lib has none yet. */
export function profileBin(workspaceRoot: string): string | null {
  const file = join(workspaceRoot, 'libs', 'profiling', 'bin', 'profile.ts');
  return existsSync(file) ? file : null;
}

/** Files under `dir` (two levels deep) written at or after `since` (ms epoch), relative to `root`. */
export function filesWrittenSince(dir: string, since: number, root: string, depth = 2): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) {
      if (depth > 1) found.push(...filesWrittenSince(path, since, root, depth - 1));
    } else if (st.mtimeMs >= since - 1000) {
      found.push(relative(root, path));
    }
  }
  return found.sort();
}
