export interface ProjectSelection {
  /** Projects to bench, in the order asked (or Nx's order when all). */
  selected: string[];
  /** Asked for but without a bench target (no bench/*.bench.ts yet). */
  missing: string[];
}

/** Which of the projects with a bench target to run, given the selectors (none = all). */
export function selectProjects(asked: readonly string[], withBenchTarget: readonly string[]): ProjectSelection {
  if (asked.length === 0) return { selected: [...withBenchTarget].sort(), missing: [] };
  const available = new Set(withBenchTarget);
  return {
    selected: asked.filter((p) => available.has(p)),
    missing: asked.filter((p) => !available.has(p)),
  };
}
