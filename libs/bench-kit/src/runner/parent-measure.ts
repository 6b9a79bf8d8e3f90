import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachInstructionCounts, type RegionPlan } from '../instructions/attach.ts';
import { callgrindArgs, readDumpSequence, REPEATABLE_V8_FLAGS, valgrindVersion } from '../instructions/callgrind.ts';
import type { BenchmarkResult } from '../results/schema.ts';
import type { RawBenchmark } from './protocol.ts';

export class ValgrindMissingError extends Error {
  constructor() {
    super('--measure instructions needs valgrind, which is not installed: apt-get install valgrind (Debian/Ubuntu). Instruction counts are never emulated.');
    this.name = 'ValgrindMissingError';
  }
}

/** How one child process is started and what happens to its results afterwards. */
export interface ChildLaunch {
  execPath?: string;
  execArgv: string[];
  /** Turns what the child reported into final raw results (instruction counts are read here). */
  finish(results: RawBenchmark[], regions: RegionPlan[]): void;
}

/**
 * The parent's half of a measure: everything the run does differently for wall time and for
 * instruction counts lives here, so the run itself never asks which one it is.
 */
export interface ParentMeasure {
  name: 'time' | 'instructions';
  /** Results file name inside `<root>/bench-results/`: instruction counts go beside, never over, times. */
  resultsFile: string;
  /** Goals are stated in wall-time terms (µs, ms, throughput ratios): never held to instruction counts. */
  evaluatesGoals: boolean;
  launch(extraExecArgv: string[]): ChildLaunch;
  finalize(benchmarks: BenchmarkResult[]): void;
}

export const timeParent: ParentMeasure = {
  name: 'time',
  resultsFile: 'latest.json',
  evaluatesGoals: true,
  launch: (extra) => ({ execArgv: ['--expose-gc', '--import', 'tsx', ...extra], finish: () => undefined }),
  finalize: () => undefined,
};

/**
 * Instruction counts: the same child runs under valgrind's callgrind, with valgrind as the
 * executable and Node (with the flags that make counts repeatable) its first argument; each
 * child's dumps are mapped onto the regions it ran when it ends.
 */
export function instructionsParent(): ParentMeasure {
  const valgrind = valgrindVersion();
  if (!valgrind) throw new ValgrindMissingError();
  return {
    name: 'instructions',
    resultsFile: 'instructions.json',
    evaluatesGoals: false,
    launch: (extra) => {
      const dir = mkdtempSync(join(tmpdir(), 'bench-kit-callgrind-'));
      return {
        execPath: 'valgrind',
        execArgv: [...callgrindArgs(join(dir, 'cg.out')), process.execPath, ...REPEATABLE_V8_FLAGS, '--import', 'tsx', ...extra],
        finish: (results, regions) => {
          try {
            attachInstructionCounts(results, regions, readDumpSequence(dir, 'cg.out'));
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      };
    },
    finalize: (benchmarks) => {
      for (const b of benchmarks) {
        b.measure = 'instructions';
        b.details = { ...b.details, valgrind, v8Flags: REPEATABLE_V8_FLAGS.join(' ') };
      }
    },
  };
}
