import { execa } from 'execa';
import { findExecutable } from '@workflow-bench/bench-kit';

export const WRK_INSTALL_HINT = 'wrk not installed: apt-get install -y wrk';

export interface WrkResult {
  requests: number;
  durationS: number;
  requestsPerSecond: number;
  /** Latency percentiles in ms from wrk's --latency table. */
  latencyMs: { p50: number; p75: number; p90: number; p99: number; max: number };
  non2xx3xx: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
}

export class WrkOutputError extends Error {
  constructor(message: string, readonly output: string) {
    super(`wrk output: ${message}\n${output.slice(0, 1000)}`);
    this.name = 'WrkOutputError';
  }
}

const UNIT_MS: Record<string, number> = { us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function durationMs(value: string, unit: string, output: string): number {
  const f = UNIT_MS[unit];
  if (f === undefined) throw new WrkOutputError(`unknown time unit '${unit}'`, output);
  return Number(value) * f;
}

/** Parses wrk's text report (run with --latency). */
export function parseWrkOutput(output: string): WrkResult {
  const total = /(\d+) requests in ([\d.]+)(us|ms|s|m|h)/.exec(output);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (!total || !rps) throw new WrkOutputError("no 'N requests in T' / 'Requests/sec' lines", output);
  const pct = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output);
    return m ? durationMs(m[1], m[2], output) : NaN;
  };
  const lat = /Latency\s+[\d.]+\w+\s+[\d.]+\w+\s+([\d.]+)(us|ms|s|m)/.exec(output);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  return {
    requests: Number(total[1]),
    durationS: durationMs(total[2], total[3], output) / 1000,
    requestsPerSecond: Number(rps[1]),
    latencyMs: { p50: pct('50'), p75: pct('75'), p90: pct('90'), p99: pct('99'), max: lat ? durationMs(lat[1], lat[2], output) : NaN },
    non2xx3xx: non2xx ? Number(non2xx[1]) : 0,
    socketErrors: sock
      ? { connect: Number(sock[1]), read: Number(sock[2]), write: Number(sock[3]), timeout: Number(sock[4]) }
      : { connect: 0, read: 0, write: 0, timeout: 0 },
  };
}

export function wrkPath(): string | undefined {
  return findExecutable('wrk');
}

/** Runs wrk (GET) against a URL; one thread by default, matching the single-threaded embedded driver. */
export async function runWrk(options: { url: string; connections: number; durationS: number; threads?: number; timeoutS?: number }): Promise<WrkResult> {
  const bin = wrkPath();
  if (!bin) throw new Error(WRK_INSTALL_HINT);
  const threads = options.threads ?? 1;
  const args = ['-t', String(threads), '-c', String(Math.max(options.connections, threads)), '-d', `${options.durationS}s`, '--timeout', `${options.timeoutS ?? 10}s`, '--latency', options.url];
  const r = await execa(bin, args, { reject: false, timeout: (options.durationS + 30) * 1000 });
  if (r.exitCode !== 0) throw new WrkOutputError(`wrk exited with ${r.exitCode ?? r.signal}: ${r.stderr}`, r.stdout);
  return parseWrkOutput(r.stdout);
}
