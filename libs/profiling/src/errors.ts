/**
 * Errors caused by what the user asked for (unknown lib, unknown benchmark id, bad option).
 * The CLI maps these to exit code 2; anything else is an internal or workload failure.
 */
export class ProfilingInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfilingInputError';
  }
}

export class UnknownLibError extends ProfilingInputError {
  constructor(
    readonly lib: string,
    readonly known: readonly string[],
  ) {
    super(`unknown lib ${JSON.stringify(lib)}; known libs: ${known.join(', ') || '(none)'}`);
    this.name = 'UnknownLibError';
  }
}

export class UnknownBenchError extends ProfilingInputError {
  constructor(
    readonly lib: string,
    readonly bench: string,
    readonly known: readonly string[],
  ) {
    super(
      `no benchmark ${JSON.stringify(bench)} in ${lib}; known ids: ${known.length ? known.join(', ') : `(none: ${lib} has no bench/*.bench.ts yet)`}`,
    );
    this.name = 'UnknownBenchError';
  }
}

/** The workload process failed (crashed, threw, or was killed). */
export class WorkloadFailedError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'WorkloadFailedError';
  }
}
