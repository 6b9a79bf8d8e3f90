import { spawn } from 'node:child_process';
import { formatElapsed } from './elapsed.ts';
import { LinePrefixer } from './line-prefixer.ts';

export interface StreamedRun {
  command: string;
  args: readonly string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Start of the whole bench:all run: every line is prefixed with the time since. */
  startedAt: number;
  write: (text: string) => void;
}

/** Exit status (null when killed by a signal, or when the command could not start). */
export function runStreamed(run: StreamedRun): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(run.command, [...run.args], { cwd: run.cwd, env: run.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = () => `[${formatElapsed(Date.now() - run.startedAt)}] `;
    // One prefixer per stream: stdout and stderr lines never splice into each other mid-line.
    const out = new LinePrefixer(prefix, run.write);
    const err = new LinePrefixer(prefix, run.write);
    child.stdout.setEncoding('utf8').on('data', (c: string) => out.push(c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => err.push(c));
    child.on('error', (e) => {
      run.write(`${prefix()}could not start ${run.command}: ${e.message}\n`);
      resolve(null);
    });
    child.on('close', (code) => {
      out.flush();
      err.flush();
      resolve(code);
    });
  });
}

/** Runs a command quietly and returns its stdout; throws with its stderr when it fails. */
export function runCaptured(command: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim().slice(-2000)}`));
    });
  });
}
