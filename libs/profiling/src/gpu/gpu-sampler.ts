import { execa, type ResultPromise } from 'execa';
import { nvidiaSmiQueryArgs, parseNvidiaSmiCsv, parseNvidiaSmiLine, type GpuSample } from './nvidia-smi.ts';

/** One nvidia-smi reading of all GPUs now. */
export async function queryGpus(): Promise<GpuSample[]> {
  const r = await execa('nvidia-smi', nvidiaSmiQueryArgs(), { stdin: 'ignore' });
  return parseNvidiaSmiCsv(r.stdout);
}

/** Runs `nvidia-smi -lms <interval>` and collects its lines, stamped with the time read. */
export class GpuSampler {
  readonly rows: { tMs: number; sample: GpuSample }[] = [];
  readonly errors: string[] = [];
  private proc: ResultPromise | undefined;
  private started = 0;
  private buffer = '';

  constructor(readonly intervalMs = 200) {}

  start(): void {
    this.started = performance.now();
    this.proc = execa('nvidia-smi', nvidiaSmiQueryArgs(this.intervalMs), { stdin: 'ignore', reject: false, buffer: false });
    this.proc.stdout?.setEncoding('utf8');
    this.proc.stdout?.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl).trim();
        this.buffer = this.buffer.slice(nl + 1);
        if (!line) continue;
        try {
          this.rows.push({ tMs: performance.now() - this.started, sample: parseNvidiaSmiLine(line) });
        } catch (err) {
          this.errors.push(err instanceof Error ? err.message : String(err));
        }
      }
    });
  }

  async stop(): Promise<void> {
    if (!this.proc) return;
    this.proc.kill('SIGTERM');
    await this.proc;
    this.proc = undefined;
  }
}
