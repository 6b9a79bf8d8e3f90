import { findExecutable } from '@workflow-bench/bench-kit';

/** The full path of an executable on PATH, or undefined (bench-kit's lookup; runs nothing). */
export const findTool = findExecutable;

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
