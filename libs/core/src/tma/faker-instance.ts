import type { Faker } from '@faker-js/faker';
import { faker as fakerEnGb } from '@faker-js/faker/locale/en_GB';

/**
 * Faker's package entry point loads all ~70 locales (≈ 260 ms idle, seconds on a loaded machine),
 * and every process that imports the core pays it (the IPC server, each test file). The en_GB
 * entry loads only en_GB and its en fallback; its merged definitions are exactly
 * `[en_GB, en, base]`, so `new Faker({ locale: [definitions] })` is the same as
 * `new Faker({ locale: [en_GB, en] })` without the cost.
 */
export const EN_GB_DEFINITIONS = fakerEnGb.rawDefinitions;

/** A private, seedable en_GB Faker instance (never the shared global one). */
export function createEnGbFaker(): Faker {
  const FakerClass = fakerEnGb.constructor as new (options: { locale: (typeof EN_GB_DEFINITIONS)[] }) => Faker;
  return new FakerClass({ locale: [EN_GB_DEFINITIONS] });
}
