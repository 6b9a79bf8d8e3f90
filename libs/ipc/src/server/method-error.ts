/** Thrown by a method handler to answer with a specific wire error code. */
export class MethodError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'MethodError';
  }
}

/** Params are missing or of the wrong type; the error names the field (`data.field`). */
export class InvalidParamsError extends MethodError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('invalid-params', `${field ? `params.${field}` : 'params'}: ${message}`, { field: field || 'params' });
    this.name = 'InvalidParamsError';
  }
}
