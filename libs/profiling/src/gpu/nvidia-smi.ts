/**
 * nvidia-smi queries. Fields are asked for with
 * `nvidia-smi --query-gpu=<fields> --format=csv,noheader,nounits`, which prints one line per GPU,
 * values separated by ", ", with `[N/A]` / `[Not Supported]` where a value is unavailable.
 */
export const GPU_QUERY_FIELDS = [
  'timestamp',
  'index',
  'name',
  'utilization.gpu',
  'utilization.memory',
  'memory.used',
  'memory.total',
  'power.draw',
  'clocks.sm',
] as const;

export interface GpuSample {
  /** nvidia-smi's own timestamp, e.g. `2025/11/29 19:45:01.123`. */
  timestamp: string;
  index: number;
  name: string;
  utilizationGpuPct: number | null;
  utilizationMemoryPct: number | null;
  memoryUsedMiB: number | null;
  memoryTotalMiB: number | null;
  powerW: number | null;
  smClockMHz: number | null;
}

export function nvidiaSmiQueryArgs(loopMs?: number): string[] {
  const args = [`--query-gpu=${GPU_QUERY_FIELDS.join(',')}`, '--format=csv,noheader,nounits'];
  if (loopMs !== undefined) args.push(`-lms`, String(loopMs));
  return args;
}

function value(cell: string | undefined): number | null {
  const v = (cell ?? '').trim();
  if (v === '' || v.startsWith('[') || /^n\/?a$/i.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Parses one output line; throws naming the line when it does not have the queried fields. */
export function parseNvidiaSmiLine(line: string): GpuSample {
  const cells = line.split(',').map((c) => c.trim());
  if (cells.length !== GPU_QUERY_FIELDS.length) {
    throw new Error(`nvidia-smi: expected ${GPU_QUERY_FIELDS.length} fields (${GPU_QUERY_FIELDS.join(', ')}), got ${cells.length}: ${JSON.stringify(line)}`);
  }
  const [timestamp, index, name, ug, um, used, total, power, sm] = cells as [string, string, string, string, string, string, string, string, string];
  const idx = value(index);
  if (idx === null) throw new Error(`nvidia-smi: GPU index is not a number in ${JSON.stringify(line)}`);
  return {
    timestamp,
    index: idx,
    name,
    utilizationGpuPct: value(ug),
    utilizationMemoryPct: value(um),
    memoryUsedMiB: value(used),
    memoryTotalMiB: value(total),
    powerW: value(power),
    smClockMHz: value(sm),
  };
}

export function parseNvidiaSmiCsv(text: string): GpuSample[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map(parseNvidiaSmiLine);
}

export const GPU_CSV_HEADER = 't_ms,gpu,utilization_gpu_pct,utilization_memory_pct,memory_used_mib,memory_total_mib,power_w,sm_clock_mhz,timestamp';

/** Samples with the time (ms since the sampler started) each line was read. */
export function gpuCsv(rows: readonly { tMs: number; sample: GpuSample }[]): string {
  const cell = (v: number | null): string => (v === null ? '' : String(v));
  const lines = [GPU_CSV_HEADER];
  for (const { tMs, sample: s } of rows) {
    lines.push(
      [tMs.toFixed(1), s.index, cell(s.utilizationGpuPct), cell(s.utilizationMemoryPct), cell(s.memoryUsedMiB), cell(s.memoryTotalMiB), cell(s.powerW), cell(s.smClockMHz), s.timestamp].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

export interface GpuSummary {
  samples: number;
  gpus: number;
  peakUtilizationGpuPct: number | null;
  meanUtilizationGpuPct: number | null;
  peakMemoryUsedMiB: number | null;
  peakPowerW: number | null;
  maxSmClockMHz: number | null;
}

export function summariseGpu(samples: readonly GpuSample[]): GpuSummary {
  const nums = (pick: (s: GpuSample) => number | null): number[] => samples.map(pick).filter((v): v is number => v !== null);
  const max = (v: number[]): number | null => (v.length ? Math.max(...v) : null);
  const util = nums((s) => s.utilizationGpuPct);
  return {
    samples: samples.length,
    gpus: new Set(samples.map((s) => s.index)).size,
    peakUtilizationGpuPct: max(util),
    meanUtilizationGpuPct: util.length ? util.reduce((a, b) => a + b, 0) / util.length : null,
    peakMemoryUsedMiB: max(nums((s) => s.memoryUsedMiB)),
    peakPowerW: max(nums((s) => s.powerW)),
    maxSmClockMHz: max(nums((s) => s.smClockMHz)),
  };
}
