import { BadInputError } from './bad-input-error.ts';

/**
 * A small structural validator that tracks the JSON path it is at, so every complaint names the
 * field (`benchmarks[3].samples[12]`). Hand-written rather than a schema library: the checks that
 * matter here (finite, non-negative, known enum values, duplicates) are few and specific.
 */
export class Checker {
  constructor(
    readonly file: string,
    readonly path = '',
  ) {}

  at(key: string | number): Checker {
    const next = typeof key === 'number' ? `${this.path}[${key}]` : this.path ? `${this.path}.${key}` : key;
    return new Checker(this.file, next);
  }

  fail(problem: string): never {
    throw new BadInputError(this.file, this.path || undefined, problem);
  }

  object(value: unknown): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(`expected an object, got ${describe(value)}`);
    return value as Record<string, unknown>;
  }

  array(value: unknown): unknown[] {
    if (!Array.isArray(value)) this.fail(`expected an array, got ${describe(value)}`);
    return value;
  }

  string(value: unknown): string {
    if (typeof value !== 'string') this.fail(`expected a string, got ${describe(value)}`);
    return value;
  }

  boolean(value: unknown): boolean {
    if (typeof value !== 'boolean') this.fail(`expected true or false, got ${describe(value)}`);
    return value;
  }

  /** A finite number (JSON turns NaN and Infinity into null, which lands here too). */
  number(value: unknown): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(`expected a finite number, got ${describe(value)}`);
    return value;
  }

  nonNegative(value: unknown): number {
    const n = this.number(value);
    if (n < 0) this.fail(`must not be negative, got ${n}`);
    return n;
  }

  positive(value: unknown): number {
    const n = this.number(value);
    if (!(n > 0)) this.fail(`must be positive, got ${n}`);
    return n;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.fail(`expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(value)}`);
    }
    return value as T;
  }

  numbers(value: unknown, each: (c: Checker, v: unknown) => number): number[] {
    return this.array(value).map((v, i) => each(this.at(i), v));
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null (NaN or Infinity become null in JSON)';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}
