import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UnknownLibError } from './errors.ts';

/** One Nx project of the workspace: its short name and absolute root folder. */
export interface WorkspaceProject {
  name: string;
  root: string;
}

/** Walks up from `from` to the folder holding nx.json (the workspace root). */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json found in ${from} or any folder above it`);
    dir = parent;
  }
}

/** Projects named by `libs/*\/project.json` and `apps/*\/project.json`, sorted by name. */
export function listProjects(workspaceRoot: string): WorkspaceProject[] {
  const out: WorkspaceProject[] = [];
  for (const group of ['libs', 'apps']) {
    const groupDir = join(workspaceRoot, group);
    if (!existsSync(groupDir)) continue;
    for (const entry of readdirSync(groupDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const file = join(groupDir, entry.name, 'project.json');
      if (!existsSync(file)) continue;
      let name: unknown;
      try {
        name = (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name;
      } catch (err) {
        throw new Error(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
      }
      out.push({ name: typeof name === 'string' && name ? name : entry.name, root: join(groupDir, entry.name) });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The project called `lib`, or an UnknownLibError naming the known ones. */
export function resolveProject(workspaceRoot: string, lib: string): WorkspaceProject {
  const projects = listProjects(workspaceRoot);
  const found = projects.find((p) => p.name === lib);
  if (!found) throw new UnknownLibError(lib, projects.map((p) => p.name));
  return found;
}
