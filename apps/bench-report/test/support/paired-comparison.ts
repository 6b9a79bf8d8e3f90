import { COMPARISON_SCHEMA_VERSION, seededRandom, type ComparisonFile } from '@workflow-bench/bench-kit';
import { ENVIRONMENT } from './fixtures.ts';
import { AT_REST, simulatePaired } from './paired-runner-sim.ts';

export const COMPARISON_IDS = ['core/tma-parse/medium', 'core/tma-parse/small', 'core/hash/sha256', 'core/validate/medium', 'core/pii-detect/medium', 'core/anonymise/medium'];

/** A comparison file of 6 core ids (6 processes x 5 quads, noise at rest), `parse` slowed by `slowdown`, plus a new and a removed id. */
export function comparison(seed: number, slowdown: number, ids: readonly string[] = COMPARISON_IDS): ComparisonFile {
  const random = seededRandom(seed);
  return {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    kind: 'comparison',
    project: 'core',
    createdAt: '2026-02-03T04:00:00.000Z',
    mode: 'quick',
    measure: 'time',
    rounds: 6,
    seed: 1,
    filter: null,
    base: { ref: 'main', commit: '3f14d46aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', root: '/tmp/base' },
    head: { ref: 'HEAD', commit: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', dirty: true, root: '/work' },
    environment: ENVIRONMENT,
    timer: { resolutionNs: 20, overheadNs: 25, emptyFunctionNs: 0.5 },
    benchmarks: [
      ...ids.map((id, i) => simulatePaired(random, id, { processes: 6, quads: 5, slowdown: i === 0 ? slowdown : 0, noise: AT_REST })),
      { id: 'core/new/thing', project: 'core', group: 'new', name: 'thing', presence: 'head-only', status: 'ok', kind: 'timed', unit: 'ns', lowerIsBetter: true, rounds: [], warnings: [], durationMs: 1 },
      { id: 'core/old/thing', project: 'core', group: 'old', name: 'thing', presence: 'base-only', status: 'ok', kind: 'timed', unit: 'ns', lowerIsBetter: true, rounds: [], warnings: [], durationMs: 1 },
    ],
    durationMs: 1000,
  };
}

