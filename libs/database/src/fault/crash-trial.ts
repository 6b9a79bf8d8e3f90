import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import type { CrashWriterConfig } from './crash-layout.ts';

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
/** The package root: `--import tsx` is resolved from the working directory. */
const PACKAGE_ROOT = resolve(dirname(WRITER), '../..');

export interface KilledWriter {
  /** Highest global position the writer acknowledged (0 when it acknowledged nothing). */
  acknowledged: number;
  /** Batches acknowledged. */
  acks: number;
  /** Milliseconds between the first ack and the SIGKILL. */
  killedAfterMs: number;
}

export interface CrashTrialOptions {
  config: CrashWriterConfig;
  /** Kill this long after the first ack (ms); pick it at random per trial. */
  killDelayMs: number;
  /** Called right after the writer's SIGKILL, in the same tick (e.g. to kill the database server too). */
  onKill?: () => void;
  /** Give up if the writer has not acknowledged a batch by then (default 30 s). */
  timeoutMs?: number;
}

/**
 * Starts a crash-writer process, lets it commit batches, and kills it with SIGKILL `killDelayMs`
 * after its first acknowledged batch, in the middle of whatever it is writing.
 */
export function runKilledWriter(options: CrashTrialOptions): Promise<KilledWriter> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, JSON.stringify(options.config)], {
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    let acknowledged = 0;
    let acks = 0;
    let firstAckAt = 0;
    let killedAt = 0;
    let stderr = '';
    const timeout = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`crash writer acknowledged nothing within ${options.timeoutMs ?? 30_000} ms: ${stderr.slice(-2000)}`));
    }, options.timeoutMs ?? 30_000);
    const kill = () => {
      if (killedAt !== 0) return;
      killedAt = performance.now();
      child.kill('SIGKILL');
      options.onKill?.();
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const match = /^ack (\d+)$/.exec(line);
        if (match === null) continue;
        acknowledged = Math.max(acknowledged, Number(match[1]));
        acks++;
        if (firstAckAt === 0) {
          firstAckAt = performance.now();
          clearTimeout(timeout);
          setTimeout(kill, options.killDelayMs);
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8000)));
    // 'close' comes after stdout is drained, so every ack the writer printed has been read.
    child.on('close', (code, signal) => {
      clearTimeout(timeout);
      if (signal !== 'SIGKILL' || killedAt === 0) {
        reject(new Error(`crash writer ended by itself (code ${code}, signal ${signal}): ${stderr.slice(-2000)}`));
        return;
      }
      resolvePromise({ acknowledged, acks, killedAfterMs: killedAt - firstAckAt });
    });
  });
}
