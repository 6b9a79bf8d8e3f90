import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** Where bench-kit wrote the comparison, from the same arguments it was given. */
export function comparisonFileOf(args: readonly string[]): string | null {
  const { values } = parseArgs({
    args: [...args],
    strict: false,
    allowPositionals: true,
    options: { against: { type: 'string' }, compare: { type: 'boolean' }, out: { type: 'string' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || (values.against === undefined && !values.compare) || typeof values.root !== 'string') return null;
  return resolve(typeof values.out === 'string' ? values.out : join(values.root, 'bench-results', 'comparison.json'));
}


/** `--help` / `-h` among the arguments: with the project's root and name when given. */
export function helpRequest(args: readonly string[]): { root?: string; project?: string } | null {
  const { values } = parseArgs({
    args: [...args],
    strict: false,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' }, root: { type: 'string' }, project: { type: 'string' } },
  });
  if (values.help !== true) return null;
  return { ...(typeof values.root === 'string' ? { root: values.root } : {}), ...(typeof values.project === 'string' ? { project: values.project } : {}) };
}
