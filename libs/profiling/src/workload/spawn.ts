import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { WorkloadFailedError } from '../errors.ts';
import type { WorkloadReport, WorkloadRequest } from './protocol.ts';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

export interface WorkloadProcessOptions {
  /** The workspace root: the process runs there so `--import tsx` and workspace imports resolve. */
  cwd: string;
  request: Omit<WorkloadRequest, 'reportPath'>;
  /** Extra node flags, e.g. `--expose-gc`. */
  nodeFlags?: string[];
  /** A command that runs node, e.g. `['heaptrack', '-o', file]`; node and its args follow it. */
  wrapper?: string[];
  timeoutMs?: number;
  /** Show the workload's stderr (benchmark progress) as it runs. */
  echo?: boolean;
}

export interface WorkloadProcessResult {
  report: WorkloadReport;
  stdout: string;
  stderr: string;
}

function tail(text: string, lines = 25): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Runs one benchmark as a workload in a fresh node process and returns what it reported. */
export async function runWorkloadProcess(options: WorkloadProcessOptions): Promise<WorkloadProcessResult> {
  const dir = await mkdtemp(join(tmpdir(), 'profiling-'));
  try {
    const request: WorkloadRequest = { ...options.request, reportPath: join(dir, 'report.json') };
    const requestPath = join(dir, 'request.json');
    await writeFile(requestPath, JSON.stringify(request));
    const nodeArgs = [...(options.nodeFlags ?? []), '--import', 'tsx', CHILD, requestPath];
    const [file, ...args] = options.wrapper?.length ? [...options.wrapper, process.execPath, ...nodeArgs] : [process.execPath, ...nodeArgs];
    const result = await execa(file!, args, {
      cwd: options.cwd,
      reject: false,
      stdin: 'ignore',
      stderr: options.echo ? ['pipe', 'inherit'] : 'pipe',
      timeout: options.timeoutMs,
      killSignal: 'SIGKILL',
    });
    const what = `workload ${request.id}${options.wrapper?.length ? ` under ${options.wrapper[0]}` : ''}`;
    if (result.timedOut) {
      throw new WorkloadFailedError(`${what} did not finish within ${Math.round((options.timeoutMs ?? 0) / 1000)} s`, result.stderr);
    }
    if (result.exitCode !== 0) {
      throw new WorkloadFailedError(
        `${what} failed (exit ${result.exitCode ?? result.signal}):\n${tail(result.stderr)}`,
        result.stderr,
      );
    }
    let report: WorkloadReport;
    try {
      report = JSON.parse(await readFile(request.reportPath, 'utf8')) as WorkloadReport;
    } catch {
      throw new WorkloadFailedError(`${what} exited without writing its report:\n${tail(result.stderr)}`, result.stderr);
    }
    return { report, stdout: result.stdout, stderr: result.stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
