import type { TargetConfiguration } from '@nx/devkit';

/**
 * The `bench` target every project with `bench/*.bench.ts` gets. It used to live in nx.json
 * `targetDefaults` plus a hand-written `"bench": {}` per project; inferring it means a new lib
 * needs no configuration at all.
 */

/**
 * `{projectName}` and `{projectRoot}` are interpolated by Nx's run-commands executor. The command
 * starts with an executable script, not `node …`: for `nx bench <p> --help`, Nx prints run-commands'
 * own options and then runs the command's first word with `--help`, which this way prints
 * bench-kit's options and the ones each project's benchmarks declare (it would print node's).
 */
export const BENCH_BIN = 'tools/nx-bench/bin/nx-bench.mjs';
export const BENCH_COMMAND = `${BENCH_BIN} --project {projectName} --root {projectRoot}`;

/**
 * Named configurations: `nx bench <p> -c quick`, `-c instructions`, and `-c compare`: a quick
 * interleaved comparison with the revision in $NX_BASE (nrwl/nx-set-shas sets it in CI; or pass
 * `--against=<ref>`), followed by bench-report's paired verdict.
 */
export const BENCH_CONFIGURATIONS = {
  quick: { args: '--quick' },
  instructions: { args: '--measure instructions' },
  compare: { args: '--quick --compare' },
} as const;

/** What each configuration does, for `nx show project <p>` (the target's description). */
export const BENCH_CONFIGURATION_DESCRIPTIONS: Record<keyof typeof BENCH_CONFIGURATIONS, string> = {
  quick: 'short sampling plan (15 samples of ~0.3 s, smaller workloads): a smoke check with rough figures',
  instructions: 'instruction counts per iteration under valgrind (deterministic), to bench-results/instructions.json',
  compare: "quick, the working tree against the revision in $NX_BASE (or --against=<ref>), both in the same processes, then bench-report's paired verdict (exit 1 on a regression)",
};

export type BenchConfigurationName = keyof typeof BENCH_CONFIGURATIONS;

/** The bench target; `projectRoot` (when known) gives the help command for Nx's project view. */
export function benchTargetConfiguration(projectRoot?: string): TargetConfiguration {
  return {
    executor: 'nx:run-commands',
    // A measurement is never reusable: a cached result would replay an old machine state.
    cache: false,
    // Benchmarks on the same machine at the same time disturb each other's timings.
    parallelism: false,
    // The code under test must at least compile; typecheck is the workspace's build gate.
    dependsOn: ['^typecheck'],
    // Not used for caching (cache is off) but they tell `nx affected` and the graph what a bench
    // run reads: the project's own sources and benches, and its dependencies' production code.
    inputs: ['production', '^production'],
    outputs: ['{projectRoot}/bench-results'],
    options: { command: BENCH_COMMAND },
    configurations: {
      quick: { ...BENCH_CONFIGURATIONS.quick },
      instructions: { ...BENCH_CONFIGURATIONS.instructions },
      compare: { ...BENCH_CONFIGURATIONS.compare },
    },
    metadata: {
      description:
        "Run this project's benchmarks with bench-kit; results go to bench-results/latest.json (a --filter run: latest.filter-<filter>.json). " +
        `Configurations: ${Object.entries(BENCH_CONFIGURATION_DESCRIPTIONS).map(([name, what]) => `-c ${name}: ${what}`).join('; ')}. ` +
        "Options (bench-kit's and those the benchmarks declare; anything else is refused): npx nx bench <project> --help",
      technologies: ['bench-kit'],
      ...(projectRoot ? { help: { command: `${BENCH_BIN} --help --root ${projectRoot}`, example: { options: { filter: 'hash' }, args: ['--quick'] } } } : {}),
    },
  };
}

/**
 * Profiling targets inferred beside `bench` (libs/profiling wraps any benchmark by id):
 * `nx run core:profile-cpu --bench=core/pii-detect/large` (no --bench: the representative one), likewise `profile-memory`,
 * `profile-gpu`, and `profile` for all three.
 */
export const PROFILE_AREAS = { 'profile-cpu': 'cpu', 'profile-memory': 'memory', 'profile-gpu': 'gpu', profile: 'all' } as const;

export function profileTargetConfiguration(area: (typeof PROFILE_AREAS)[keyof typeof PROFILE_AREAS]): TargetConfiguration {
  return {
    executor: 'nx:run-commands',
    cache: false,
    parallelism: false,
    options: { command: `node --expose-gc --import tsx libs/profiling/bin/profile.ts ${area} --lib {projectName}` },
    configurations: { quick: { args: '--quick' } },
    metadata: {
      description: `Profile one of this project's benchmarks (${area}): --bench=<id>, or none for the project's representative benchmark (printed). Artefacts go to reports/profiling/.`,
      technologies: ['bench-kit'],
    },
  };
}
