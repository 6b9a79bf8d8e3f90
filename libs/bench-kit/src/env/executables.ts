import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The full path of an executable on PATH, or undefined. It only looks (runs nothing), so benchmarks
 * can decide cheaply whether an external tool (wrk, locust, k6, valgrind, nvidia-smi…) is there
 * and otherwise skip with the install hint.
 */
export function findExecutable(name: string, path: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}
