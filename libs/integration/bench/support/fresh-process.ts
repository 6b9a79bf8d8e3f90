import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MarkingOutcome } from '../../src/pipeline/marking-pipeline.ts';
import type { MarkingWay } from '../../src/pipeline/marker.ts';
import type { Workload } from './settings.ts';

const MARK_ONE = fileURLToPath(new URL('../../bin/mark-one.ts', import.meta.url));
/** Absolute URL of tsx's loader, so the child does not depend on the cwd. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** What bin/mark-one.ts prints. */
export interface MarkOneReport {
  ok: boolean;
  way: MarkingWay;
  model: string;
  processStartMs: number;
  setup: Record<string, number>;
  markings: MarkingOutcome[];
}

export interface FreshProcessRun {
  report: MarkOneReport;
  /** Spawn to exit, as seen by the parent. */
  wallMs: number;
}

/** Runs bin/mark-one.ts in a fresh node process marking `count` TMAs; throws with its stderr tail when it fails. */
export function markInFreshProcess(way: MarkingWay, w: Workload, modelSize: string, count: number): Promise<FreshProcessRun> {
  const args = [
    '--import', TSX, MARK_ONE,
    '--way', way, '--count', String(count), '--model-size', modelSize, '--tma-size', w.tmaSize,
    '--tokens', String(w.tokensPerAnswer), '--prompt-tokens', String(w.maxPromptTokens),
  ];
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 << 20, timeout: 300_000 }, (error, stdout, stderr) => {
      const wallMs = performance.now() - start;
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let report: MarkOneReport | undefined;
      try {
        report = JSON.parse(last) as MarkOneReport;
      } catch {
        // reported below with the stderr tail
      }
      if (!report) return reject(new Error(`mark-one (${way}) printed no report${error ? `: ${error.message}` : ''}\n${stderr.slice(-2000)}`));
      const failed = report.markings.find((m) => !m.ok);
      if (failed && !failed.ok) return reject(new Error(`mark-one: TMA ${failed.tmaId} failed at stage '${failed.stage}': ${failed.error}`));
      resolve({ report, wallMs });
    });
  });
}
