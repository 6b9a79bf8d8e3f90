import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface BenchedProject {
  name: string;
  /** Relative to the workspace root, e.g. `libs/core`. */
  root: string;
}

/**
 * The Nx project name of a folder: project.json's `name`, else package.json's, else the folder's
 * name (what Nx itself would call it).
 */
export function projectNameOf(workspaceRoot: string, root: string): string {
  for (const file of ['project.json', 'package.json']) {
    const path = join(workspaceRoot, root, file);
    if (!existsSync(path)) continue;
    try {
      const name = (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name;
      if (typeof name === 'string' && name) return file === 'package.json' ? name.replace(/^@[^/]+\//, '') : name;
    } catch {
      // A broken file: Nx reports it; the folder name is good enough for help text.
    }
  }
  return basename(root);
}

/** Projects with bench/*.bench.* under the workspace's package folders (the plugin's own rule, without Nx). */
export function benchedProjects(workspaceRoot: string): BenchedProject[] {
  const out: BenchedProject[] = [];
  for (const area of ['libs', 'apps', 'tools']) {
    const dir = join(workspaceRoot, area);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const root = `${area}/${entry.name}`;
      const bench = join(workspaceRoot, root, 'bench');
      if (!existsSync(bench) || !readdirSync(bench).some((f) => /\.bench\.(ts|mts|js|mjs)$/.test(f))) continue;
      out.push({ name: projectNameOf(workspaceRoot, root), root });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
