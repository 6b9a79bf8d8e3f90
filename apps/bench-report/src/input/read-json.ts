import { readFileSync } from 'node:fs';
import { BadInputError } from './bad-input-error.ts';

/** Reads and parses a JSON file; a missing, empty, truncated or malformed file is a BadInputError. */
export function readJsonFile(file: string): unknown {
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
