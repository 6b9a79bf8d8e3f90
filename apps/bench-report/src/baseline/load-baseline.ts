import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { GpuInfo } from '@workflow-bench/bench-kit';
import { readJsonFile } from '../input/read-json.ts';
import type { BaselineFile } from './baseline-file.ts';
import { chooseProfile } from './choose-baseline.ts';
import { validateBaseline } from './validate-baseline.ts';

export interface BaselineInUse {
  file: string;
  baseline: BaselineFile;
  /** Why this baseline: the explicit option, or the hardware rule. */
  reason: string;
}

export interface BaselineSelection {
  used: BaselineInUse | null;
  /** Why there is no baseline, when there is none. */
  reason: string;
}

/**
 * `--baseline` wins; otherwise the hardware profile picks `baselines/baseline_<profile>.json`.
 * A named file that is missing or bad is bad input; an automatically chosen one that does not
 * exist just means no baseline.
 */
export async function selectBaseline(
  workspaceRoot: string,
  explicit: string | undefined,
  gpus: () => Promise<readonly GpuInfo[]>,
  maxInputMiB?: number,
): Promise<BaselineSelection> {
  const shown = (abs: string) => {
    const rel = relative(workspaceRoot, abs);
    return rel.startsWith('..') ? abs : rel;
  };
  if (explicit) {
    const abs = resolve(explicit);
    const file = shown(abs);
    const baseline = validateBaseline(file, readJsonFile(abs, maxInputMiB));
    return { used: { file, baseline, reason: 'chosen with --baseline' }, reason: '' };
  }
  const choice = chooseProfile(await gpus());
  const abs = join(workspaceRoot, 'baselines', `baseline_${choice.profile}.json`);
  const file = shown(abs);
  if (!existsSync(abs)) return { used: null, reason: `${file} does not exist (hardware: ${choice.reason})` };
  const baseline = validateBaseline(file, readJsonFile(abs, maxInputMiB));
  return { used: { file, baseline, reason: `automatic: ${choice.reason}` }, reason: '' };
}
