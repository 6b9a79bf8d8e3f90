import type { TestProject } from 'vitest/node';
import { sharedPostgres, stopSharedPostgres } from '../../src/postgres/shared-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const target = await sharedPostgres();
  project.provide('postgresUrl', target.url);
  return () => stopSharedPostgres();
}
