import { join } from 'node:path';
import { indexPath, type ArtefactEntry, type ArtefactKind, type ProfilingArea } from './artefact-index.ts';
import type { WorkspaceProject } from './workspace.ts';

/** What to profile and how. Only `workspaceRoot`, `project`, `bench` and `out` are required. */
export interface ProfileRequest {
  workspaceRoot: string;
  project: WorkspaceProject;
  /** An exact benchmark id, e.g. `core/pii-detect/large`. */
  bench: string;
  /** The profiling output folder, e.g. `<workspace>/reports/profiling`. */
  out: string;
  /** How long the workload loops (default 5 s, quick 1 s). */
  seconds?: number;
  /** Smaller workloads (the benchmark's own quick mode), shorter runs. */
  quick?: boolean;
  /** Show the workload's progress output as it runs. */
  echo?: boolean;
  /** Progress lines of the profiler itself. */
  log?: (line: string) => void;
  /** V8 CPU sampling interval, µs (default 250). */
  cpuSamplingIntervalUs?: number;
  /**
   * Keep TurboFan inlining in the CPU profile run. Off by default: V8's sampler charges an
   * inlined function's time to its caller, so a hot function inlined into the benchmark loop
   * would show up as the loop. Without inlining each function gets its own time.
   */
  keepInlining?: boolean;
  /** Callgrind instruction counts: only when the profile is native-heavy (default), always, never. */
  callgrind?: 'auto' | 'always' | 'never';
  /** Memory sampling interval, ms (default 50). */
  memoryIntervalMs?: number;
  /** V8 sampling heap profiler interval, bytes (default 32 KiB, V8's default). */
  heapSamplingIntervalBytes?: number;
  /** Leak check rounds (default 8, quick 6); 0 skips the leak check. */
  leakRounds?: number;
  /** Native memory with heaptrack or valgrind massif (default true). */
  nativeMemory?: boolean;
  /** Run the small/medium/large siblings for memory by workload size (default true). */
  bySize?: boolean;
  /** nvidia-smi sampling interval, ms (default 200). */
  gpuIntervalMs?: number;
  /** Nsight Compute (replays every kernel: slow), only when asked. */
  ncu?: boolean;
}

export function secondsOf(req: ProfileRequest): number {
  return req.seconds ?? (req.quick ? 1 : 5);
}

/** File-name stem of a benchmark id: `core/pii-detect/large` → `core.pii-detect.large`. */
export function slugOf(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]+/g, '.');
}

export function artefactPath(req: ProfileRequest, area: ProfilingArea, suffix: string, id: string = req.bench): string {
  return join(req.out, area, `${slugOf(id)}${suffix}`);
}

export function entry(
  req: ProfileRequest,
  area: ProfilingArea,
  kind: ArtefactKind,
  file: string | null,
  summary: string,
  extra: { status?: ArtefactEntry['status']; metrics?: Record<string, number>; bench?: string } = {},
): ArtefactEntry {
  return {
    kind,
    area,
    lib: req.project.name,
    bench: extra.bench ?? req.bench,
    status: extra.status ?? (file === null ? 'skipped' : 'ok'),
    path: file === null ? null : indexPath(req.out, file),
    createdAt: new Date().toISOString(),
    summary,
    ...(extra.metrics ? { metrics: extra.metrics } : {}),
  };
}

export function logOf(req: ProfileRequest): (line: string) => void {
  return req.log ?? (() => {});
}
