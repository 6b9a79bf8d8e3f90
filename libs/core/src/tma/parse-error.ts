/** Malformed submission text; `line` is 1-based and points at the offending line. */
export class TmaParseError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`TMA line ${line}: ${reason}`);
    this.name = 'TmaParseError';
  }
}
