import type { GpuInfo } from '@workflow-bench/bench-kit';

export type HardwareProfile = 'cpu_only' | 'rtx3080';

export interface ProfileChoice {
  profile: HardwareProfile;
  /** One sentence for the report: which hardware was seen and which rule applied. */
  reason: string;
}

const isNvidia = (g: GpuInfo) => /nvidia/i.test(g.vendor) || /nvidia|geforce|quadro|tesla|rtx/i.test(g.model);

/**
 * The stated rule:
 * 1. an NVIDIA RTX 3080 → `rtx3080`;
 * 2. any other NVIDIA GPU → `rtx3080` as well: the AI and batch targets assume CUDA, and the RTX
 *    3080 profile is the only CUDA one; smaller cards may then miss targets, which is the honest
 *    outcome (pass `--baseline baselines/baseline_cpu_only.json` to hold them to CPU targets);
 * 3. no GPU, or only non-NVIDIA adapters (integrated graphics, virtual/BMC display adapters,
 *    which the AI stack cannot use) → `cpu_only`.
 */
export function chooseProfile(gpus: readonly GpuInfo[]): ProfileChoice {
  const names = (list: readonly GpuInfo[]) => list.map((g) => `${g.vendor} ${g.model}`.trim()).join(', ');
  const rtx3080 = gpus.find((g) => isNvidia(g) && /rtx\s*3080/i.test(g.model));
  if (rtx3080) return { profile: 'rtx3080', reason: `${names([rtx3080])} detected (rule: an RTX 3080 selects rtx3080)` };
  const nvidia = gpus.filter(isNvidia);
  if (nvidia.length > 0) {
    return {
      profile: 'rtx3080',
      reason: `${names(nvidia)} detected, not an RTX 3080 (rule: any other NVIDIA GPU is held to the RTX 3080 targets, the only CUDA profile)`,
    };
  }
  if (gpus.length > 0) {
    return { profile: 'cpu_only', reason: `only non-NVIDIA adapters detected (${names(gpus)}) (rule: GPUs the AI stack cannot use count as no GPU)` };
  }
  return { profile: 'cpu_only', reason: 'no GPU detected (rule: no GPU selects cpu_only)' };
}

/** Live detection with systeminformation, for when no results file says what the machine was. */
export async function detectGpus(): Promise<GpuInfo[]> {
  const si = await import('systeminformation');
  const graphics = await si.graphics();
  return graphics.controllers.map((c) => ({ vendor: c.vendor ?? '', model: c.model ?? '', vramMiB: c.vram ?? null }));
}
