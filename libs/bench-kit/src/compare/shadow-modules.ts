import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The workspace packages of a checkout: package name → folder (from package.json `workspaces`). */
export function workspacePackages(root: string): Map<string, string> {
  const out = new Map<string, string>();
  let patterns: string[] = [];
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces?: string[] | { packages?: string[] } };
    patterns = Array.isArray(pkg.workspaces) ? pkg.workspaces : (pkg.workspaces?.packages ?? []);
  } catch {
    return out;
  }
  for (const pattern of patterns) {
    // The workspace uses `dir/*` patterns only; a literal folder is taken as is.
    const parts = pattern.replace(/\/+$/, '').split('/');
    const dirs = parts.at(-1) === '*' ? listDirs(join(root, ...parts.slice(0, -1))).map((d) => join(...parts.slice(0, -1), d)) : [parts.join('/')];
    for (const dir of dirs) {
      try {
        const name = (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name?: string }).name;
        if (name) out.set(name, join(root, dir));
      } catch {
        // a folder without a package.json is not a package
      }
    }
  }
  return out;
}

function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
}

function link(target: string, path: string): void {
  symlinkSync(relative(join(path, '..'), target), path);
}

/**
 * Gives the base worktree a node_modules that shares every third-party package with the head's
 * (same package-lock.json, so the same files) while every workspace package resolves to the
 * BASE's own folder. A plain symlink to the head's node_modules would not do: its workspace links
 * point at the head's libs, so the base would silently run the head's code of every other package.
 */
export function buildShadowModules(headRoot: string, baseRoot: string): { linked: number; workspace: number } {
  const headModules = join(headRoot, 'node_modules');
  const shadow = join(baseRoot, 'node_modules');
  rmSync(shadow, { recursive: true, force: true });
  mkdirSync(shadow, { recursive: true });
  const headPackages = workspacePackages(headRoot);
  const basePackages = workspacePackages(baseRoot);
  const workspaceNames = new Set([...headPackages.keys(), ...basePackages.keys()]);
  let linked = 0;
  for (const entry of readdirSync(headModules)) {
    if (entry === '.package-lock.json' || entry === '.cache') continue;
    const from = join(headModules, entry);
    if (entry.startsWith('@') && lstatSync(from).isDirectory()) {
      for (const member of readdirSync(from)) {
        if (workspaceNames.has(`${entry}/${member}`)) continue;
        mkdirSync(join(shadow, entry), { recursive: true });
        link(join(from, member), join(shadow, entry, member));
        linked++;
      }
      continue;
    }
    if (workspaceNames.has(entry)) continue;
    link(from, join(shadow, entry));
    linked++;
  }
  for (const [name, dir] of basePackages) {
    const at = join(shadow, ...name.split('/'));
    mkdirSync(join(at, '..'), { recursive: true });
    link(dir, at);
  }
  // Packages npm could not hoist live in a workspace package's own node_modules.
  for (const [name, headDir] of headPackages) {
    const nested = join(headDir, 'node_modules');
    const baseDir = basePackages.get(name);
    if (!baseDir || !existsSync(nested) || readdirSync(nested).length === 0 || existsSync(join(baseDir, 'node_modules'))) continue;
    link(nested, join(baseDir, 'node_modules'));
  }
  return { linked, workspace: basePackages.size };
}
