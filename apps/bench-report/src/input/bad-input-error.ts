/**
 * Raised for anything wrong with an input file (results, baseline, options): names the file and
 * the field so the user can fix it; the CLI maps it to exit code 2.
 */
export class BadInputError extends Error {
  readonly file: string;
  readonly field: string | undefined;

  constructor(file: string, field: string | undefined, problem: string) {
    super(`${file}${field ? `: ${field}` : ''}: ${problem}`);
    this.name = 'BadInputError';
    this.file = file;
    this.field = field;
  }
}
