import { findExecutable } from '@workflow-bench/bench-kit';

/** Full path of an executable on PATH, or undefined (bench-kit's shared lookup). */
export function which(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findExecutable(command, env.PATH ?? '');
}
