import type { TargetConfiguration } from '@nx/devkit';

/**
 * The `bench` target every project with `bench/*.bench.ts` gets. It used to live in nx.json
 * `targetDefaults` plus a hand-written `"bench": {}` per project; inferring it means a new lib
 * needs no configuration at all.
 *
 * `{projectName}` and `{projectRoot}` are interpolated by Nx's run-commands executor.
 */
export const BENCH_COMMAND = 'node --import tsx tools/nx-bench/bin/bench.ts --project {projectName} --root {projectRoot}';

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

export type BenchConfigurationName = keyof typeof BENCH_CONFIGURATIONS;

export function benchTargetConfiguration(): TargetConfiguration {
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
        "Run this project's benchmarks with bench-kit; results go to bench-results/latest.json. " +
        '-c quick: short plan; -c instructions: instruction counts under valgrind; -c compare (or --against=<ref>): ' +
        'the working tree against a git revision, interleaved in the same processes, with a paired verdict',
      technologies: ['bench-kit'],
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
