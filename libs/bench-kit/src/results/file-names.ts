import { createHash } from 'node:crypto';

/**
 * Where a run's results go by default, inside `<root>/bench-results/`. A full run writes
 * `latest.json` (`instructions.json` for instruction counts). A `--filter` run measures only some
 * ids, so it never overwrites that file: it writes beside it, to a file named for the filter
 * (`latest.filter-hash.json`), and `latest.json` keeps the last full run's results. (Merging by id
 * instead would put benchmarks from different commits, machine states and plans under one file's
 * environment, git SHA and mode.)
 */
export function resultsFileName(base: string, filter: string | null): string {
  if (!filter) return base;
  const slug = filter.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[_.]+|_+$/g, '').slice(0, 60);
  // Two filters that sanitise to the same slug (core/hash vs core_hash) must not share a file.
  const exact = slug === filter ? '' : `-${createHash('sha256').update(filter).digest('hex').slice(0, 8)}`;
  return base.replace(/\.json$/, `.filter-${slug || 'pattern'}${exact}.json`);
}
