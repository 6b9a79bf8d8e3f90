import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The full path of an executable on PATH, or undefined. Looks only, runs nothing. */
export function findTool(name: string, path: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** How to install each external tool on Debian, for skip notes. */
export const INSTALL_HINTS: Record<string, string> = {
  perf: 'apt-get install linux-perf',
  valgrind: 'apt-get install valgrind',
  heaptrack: 'apt-get install heaptrack',
  'nvidia-smi': 'install the NVIDIA driver (nvidia-smi ships with it) on a machine with an NVIDIA GPU',
  nsys: 'install NVIDIA Nsight Systems (nsys) from the CUDA toolkit',
  ncu: 'install NVIDIA Nsight Compute (ncu) from the CUDA toolkit',
};

export function notInstalled(tool: string): string {
  return `${tool} not installed: ${INSTALL_HINTS[tool] ?? `install ${tool}`}`;
}
