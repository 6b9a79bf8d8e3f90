import { parseArgs } from 'node:util';

/** The lib selectors of `npm run bench:all` (the seed's run_all_benchmarks.sh categories). */
export const LIB_FLAGS = ['core', 'ipc', 'database', 'ai', 'load', 'integration'] as const;
export type LibFlag = (typeof LIB_FLAGS)[number];

export interface BenchAllOptions {
  /** Projects asked for by flag (`--core`, `--project demo`); empty means every project with a bench target. */
  projects: string[];
  /** `-c quick`: short sampling plans and smaller workloads. */
  quick: boolean;
  /** Profile one representative benchmark per benched lib after the benches. */
  profiling: boolean;
  /** Skip the typecheck step (it still runs for dependencies through the bench target's dependsOn). */
  skipBuild: boolean;
  /** Extra arguments for bench-report's `report` command, e.g. `--baseline baselines/x.json`. */
  reportArgs: string[];
  help: boolean;
}

/** A flag bench:all does not know, or a malformed value. */
export class BenchAllUsageError extends Error {
  override name = 'BenchAllUsageError';
}

export const BENCH_ALL_HELP = `npm run bench:all -- [selectors] [options]

Detects the hardware, typechecks (the workspace's build gate), runs the selected benchmarks through
Nx one project at a time, compares them with the automatically chosen baseline, writes the reports
and prints the verdict. No selector: every project that has bench/*.bench.ts.

Selectors:
  --core --ipc --database --ai --load --integration
  --project <name>     any other project with benchmarks (repeatable), e.g. a generated lib

Options:
  --quick              short sampling plans (nx bench -c quick)
  --profiling          after the benches, profile one representative benchmark per lib
                       (libs/profiling: CPU, memory, GPU where the tools are installed)
  --skip-build         skip the typecheck step
  --report-arg <arg>   pass an argument to 'bench-report report' (repeatable),
                       e.g. --report-arg=--baseline --report-arg=baselines/main.json
  -h, --help           this help

Exit codes: 0 pass; 1 regression, missed target or failed benchmark; 2 bad usage or input;
3 build failure or internal error.
`;

export function parseBenchAllArgs(argv: readonly string[]): BenchAllOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        ...Object.fromEntries(LIB_FLAGS.map((f) => [f, { type: 'boolean' as const, default: false }])),
        project: { type: 'string', multiple: true, default: [] },
        quick: { type: 'boolean', default: false },
        profiling: { type: 'boolean', default: false },
        'skip-build': { type: 'boolean', default: false },
        'report-arg': { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new BenchAllUsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values as Record<string, boolean | string[] | undefined>;
  const projects: string[] = LIB_FLAGS.filter((f) => v[f] === true);
  for (const p of (v.project as string[] | undefined) ?? []) {
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(p)) throw new BenchAllUsageError(`--project ${JSON.stringify(p)} is not a project name`);
    if (!projects.includes(p)) projects.push(p);
  }
  return {
    projects,
    quick: v.quick === true,
    profiling: v.profiling === true,
    skipBuild: v['skip-build'] === true,
    reportArgs: (v['report-arg'] as string[] | undefined) ?? [],
    help: v.help === true,
  };
}
