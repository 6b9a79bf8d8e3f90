import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A project of the workspace as far as reporting cares: where it lives and whether it benches. */
export interface DiscoveredProject {
  name: string;
  root: string;
  hasBenchTarget: boolean;
  /** Absolute path of `<root>/bench-results/latest.json` when that file exists. */
  resultsFile: string | null;
}

const PROJECT_DIRS = ['libs', 'apps'];

/**
 * Scans `libs/*` and `apps/*` for project.json (name, bench target) and bench-results/latest.json.
 * A project with a bench target but no results file is reported as "not run".
 */
export function discoverProjects(workspaceRoot: string): DiscoveredProject[] {
  const found: DiscoveredProject[] = [];
  for (const top of PROJECT_DIRS) {
    const dir = join(workspaceRoot, top);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const abs = join(dir, entry.name);
      const projectJson = join(abs, 'project.json');
      const results = join(abs, 'bench-results', 'latest.json');
      let name = entry.name;
      let hasBenchTarget = false;
      if (existsSync(projectJson)) {
        try {
          const p = JSON.parse(readFileSync(projectJson, 'utf8')) as { name?: unknown; targets?: Record<string, unknown> };
          if (typeof p.name === 'string') name = p.name;
          hasBenchTarget = p.targets !== undefined && Object.hasOwn(p.targets, 'bench');
        } catch {
          // A broken project.json is Nx's problem to report; we only lose the "not run" listing.
        }
      }
      const resultsFile = existsSync(results) ? results : null;
      if (hasBenchTarget || resultsFile) found.push({ name, root: relative(workspaceRoot, abs), hasBenchTarget, resultsFile });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
