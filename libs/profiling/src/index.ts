export { profile, profileAll, PROFILING_AREAS, type ProfileOptions, type ProfileOutcome } from './profile.ts';
export { profileCpu, nativeShare } from './profile-cpu.ts';
export { profileMemory } from './profile-memory.ts';
export { profileGpu } from './profile-gpu.ts';
export { slugOf, type ProfileRequest } from './profile-request.ts';
export {
  ARTEFACT_INDEX_VERSION,
  readArtefactIndex,
  recordArtefacts,
  type ArtefactEntry,
  type ArtefactIndex,
  type ArtefactKind,
  type ProfilingArea,
} from './artefact-index.ts';
export { ProfilingInputError, UnknownBenchError, UnknownLibError, WorkloadFailedError } from './errors.ts';
export { findWorkspaceRoot, listProjects, resolveProject, type WorkspaceProject } from './workspace.ts';
export { listBenchmarkIds, resolveBenchIds, sizeSiblings } from './workload/benchmarks.ts';
export { runWorkloadProcess, type WorkloadProcessOptions } from './workload/spawn.ts';
export type { WorkloadReport, WorkloadRequest } from './workload/protocol.ts';
export { asCpuProfile, readCpuProfile, type CpuProfile, type CpuProfileNode, type CallFrame } from './cpu/cpuprofile.ts';
export { buildCallTree, type CallTreeNode } from './cpu/call-tree.ts';
export { categorise, type FrameCategory } from './cpu/categories.ts';
export { computeHotspots, renderHotspotsMarkdown, topHotspot, type Hotspot, type HotspotReport } from './cpu/hotspots.ts';
export { renderFlamegraphSvg, type FlamegraphOptions } from './cpu/flamegraph-svg.ts';
export { parsePerfStatCsv, probeHardwareCounters, type PerfCounter } from './cpu/perf-stat.ts';
export { parseCallgrindAnnotate, type CallgrindSummary } from './cpu/callgrind.ts';
export { MemorySampler, memoryCsv, parseMemoryCsv, summariseMemory, MEMORY_CSV_HEADER, type MemorySample, type MemorySummary } from './memory/sampler.ts';
export { judgeLeak, type LeakCriteria, type LeakVerdict } from './memory/leak-check.ts';
export { theilSenSlope } from './memory/theil-sen.ts';
export { allocationSites, readHeapProfile, type SamplingHeapProfile } from './memory/heap-profile.ts';
export { parseHeaptrackSummary, massifPeakBytes } from './memory/native-memory.ts';
export { parseNvidiaSmiCsv, parseNvidiaSmiLine, gpuCsv, summariseGpu, GPU_QUERY_FIELDS, type GpuSample, type GpuSummary } from './gpu/nvidia-smi.ts';
export { PREFERRED_PROFILE_TARGETS, representativeBenchmark, representativeFromResults, type RepresentativeChoice } from './representative.ts';
