import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A project of the workspace as far as reporting cares: where it lives and whether it benches. */
export interface DiscoveredProject {
  name: string;
  root: string;
  hasBenchTarget: boolean;
  /**
   * Absolute paths of the results files that exist: `<root>/bench-results/latest.json` (wall time)
   * and `<root>/bench-results/instructions.json` (instruction counts, `--measure instructions`).
   */
  resultsFiles: string[];
}

/** The file names bench-kit writes, one per results-file measure. */
export const RESULTS_FILE_NAMES = ['latest.json', 'instructions.json'] as const;

const PROJECT_DIRS = ['libs', 'apps'];

/**
 * Scans `libs/*` and `apps/*` for project.json (name, bench target) and the results files
 * (bench-results/latest.json, bench-results/instructions.json). A project with a bench target but
 * neither file is reported as "not run".
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
      const resultsFiles = RESULTS_FILE_NAMES.map((f) => join(abs, 'bench-results', f)).filter((f) => existsSync(f));
      if (hasBenchTarget || resultsFiles.length > 0) found.push({ name, root: relative(workspaceRoot, abs), hasBenchTarget, resultsFiles });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
