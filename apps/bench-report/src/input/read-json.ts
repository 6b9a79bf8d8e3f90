import { readFileSync, statSync } from 'node:fs';
import { BadInputError } from './bad-input-error.ts';
import { DEFAULT_MAX_INPUT_MIB, formatSize, mib } from './input-limits.ts';

/**
 * Reads and parses a JSON file; a missing, empty, truncated or malformed file is a BadInputError,
 * and so is one larger than `maxMiB`, which is refused from its size alone, before it is read.
 */
export function readJsonFile(file: string, maxMiB: number = DEFAULT_MAX_INPUT_MIB): unknown {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new BadInputError(file, undefined, 'not a file');
    size = stat.size;
  } catch (err) {
    if (err instanceof BadInputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new BadInputError(file, undefined, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(err)})`);
  }
  if (mib(size) > maxMiB) {
    const problem = `is ${formatSize(size)}, over the ${maxMiB} MiB limit for bench-report inputs (not read; --max-input-mb raises the limit)`;
    throw new BadInputError(file, undefined, problem);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BadInputError(file, undefined, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(err)})`);
  }
  if (text.trim() === '') throw new BadInputError(file, undefined, 'file is empty');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BadInputError(file, undefined, `not valid JSON (corrupt or truncated): ${(err as Error).message}`);
  }
}
