/**
 * What can go wrong in a comparison before anything is measured, each with its own exit code
 * (bench-kit's CLI and README list them): the user named a revision git does not know (2, bad
 * usage), the base revision could not be prepared (4: worktree, `npm ci`), or its code cannot be
 * benchmarked (5: type errors, a bench file that fails to import).
 */
export type AgainstFailure = 'unknown-ref' | 'prepare' | 'base-code';

export const AGAINST_EXIT: Record<AgainstFailure, number> = { 'unknown-ref': 2, prepare: 4, 'base-code': 5 };

export class AgainstError extends Error {
  constructor(
    readonly failure: AgainstFailure,
    message: string,
    /** A file with the full output (npm's or tsc's log), when there is one. */
    readonly logFile?: string,
  ) {
    super(message);
    this.name = 'AgainstError';
  }

  get exitCode(): number {
    return AGAINST_EXIT[this.failure];
  }
}
