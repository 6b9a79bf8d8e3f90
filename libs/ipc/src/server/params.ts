import { InvalidParamsError } from './method-error.ts';

/** Params as a record, or an invalid-params error naming `params`. */
export function paramsObject(params: unknown): Record<string, unknown> {
  if (typeof params !== 'object' || params === null || Array.isArray(params) || params instanceof Uint8Array) {
    throw new InvalidParamsError('', 'params must be an object');
  }
  return params as Record<string, unknown>;
}

export function stringField(params: Record<string, unknown>, field: string): string {
  const value = params[field];
  if (typeof value !== 'string') throw new InvalidParamsError(field, `must be a string, got ${describe(value)}`);
  return value;
}

export function optionalNonNegativeInteger(params: Record<string, unknown>, field: string): number | undefined {
  const value = params[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidParamsError(field, `must be a non-negative integer, got ${describe(value)}`);
  }
  return value;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  return typeof value;
}
