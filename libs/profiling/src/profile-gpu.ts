import { writeFileAtomic, writeJsonAtomic } from '@workflow-bench/bench-kit';
import { recordArtefacts, type ArtefactEntry } from './artefact-index.ts';
import { GpuSampler, queryGpus } from './gpu/gpu-sampler.ts';
import { gpuCsv, summariseGpu } from './gpu/nvidia-smi.ts';
import { artefactPath, entry, logOf, secondsOf, type ProfileRequest } from './profile-request.ts';
import { findTool, notInstalled } from './tools.ts';
import { runWorkloadProcess } from './workload/spawn.ts';

const NO_GPU = 'no NVIDIA GPU here: nvidia-smi not found, GPU profiling skipped';

/**
 * GPU profile of one benchmark: nvidia-smi samples (utilisation, memory, power, SM clock) to CSV
 * while it runs, VRAM before and after, and an Nsight Systems trace (Nsight Compute when asked)
 * when those tools are installed. Without nvidia-smi every GPU artefact is recorded as skipped.
 */
export async function profileGpu(req: ProfileRequest): Promise<ArtefactEntry[]> {
  const log = logOf(req);
  const entries: ArtefactEntry[] = [];
  if (!findTool('nvidia-smi')) {
    log(`gpu: ${NO_GPU}`);
    entries.push(entry(req, 'gpu', 'gpu-samples', null, `skipped: ${NO_GPU} (${notInstalled('nvidia-smi')})`));
    await recordArtefacts(req.out, entries);
    return entries;
  }
  const seconds = secondsOf(req);
  const request = { project: req.project.name, root: req.project.root, quick: req.quick ?? false, id: req.bench, seconds };
  const before = await queryGpus();
  const sampler = new GpuSampler(req.gpuIntervalMs ?? 200);
  log(`gpu: sampling nvidia-smi every ${sampler.intervalMs} ms while ${req.bench} runs for ${seconds} s`);
  sampler.start();
  let skipped: string | undefined;
  try {
    const r = await runWorkloadProcess({ cwd: req.workspaceRoot, echo: req.echo, request });
    if (r.report.status === 'skipped') skipped = r.report.skipReason;
  } finally {
    await sampler.stop();
  }
  const after = await queryGpus();
  if (skipped) {
    entries.push(entry(req, 'gpu', 'gpu-samples', null, `benchmark skipped itself: ${skipped}`));
    await recordArtefacts(req.out, entries);
    return entries;
  }
  const csvPath = artefactPath(req, 'gpu', '.gpu.csv');
  await writeFileAtomic(csvPath, gpuCsv(sampler.rows));
  const s = summariseGpu(sampler.rows.map((r) => r.sample));
  entries.push(
    entry(
      req,
      'gpu',
      'gpu-samples',
      csvPath,
      `${s.samples} samples: peak util ${s.peakUtilizationGpuPct ?? '?'} %, mean ${s.meanUtilizationGpuPct?.toFixed(0) ?? '?'} %, peak memory ${s.peakMemoryUsedMiB ?? '?'} MiB, peak power ${s.peakPowerW ?? '?'} W, SM clock up to ${s.maxSmClockMHz ?? '?'} MHz`,
      { metrics: Object.fromEntries(Object.entries(s).filter((e): e is [string, number] => typeof e[1] === 'number')) },
    ),
  );
  const vramPath = artefactPath(req, 'gpu', '.vram.json');
  const used = (xs: typeof before): number => xs.reduce((t, g) => t + (g.memoryUsedMiB ?? 0), 0);
  await writeJsonAtomic(vramPath, { bench: req.bench, before, after, deltaMiB: used(after) - used(before), samplerErrors: sampler.errors });
  entries.push(entry(req, 'gpu', 'gpu-vram', vramPath, `VRAM used ${used(before)} MiB before, ${used(after)} MiB after (Δ ${used(after) - used(before)} MiB)`, { metrics: { vramBeforeMiB: used(before), vramAfterMiB: used(after) } }));

  if (findTool('nsys')) {
    const rep = artefactPath(req, 'gpu', '.nsys');
    log('gpu: Nsight Systems trace');
    await runWorkloadProcess({ cwd: req.workspaceRoot, wrapper: ['nsys', 'profile', '--force-overwrite=true', '--trace=cuda,nvtx,osrt', `--output=${rep}`], request });
    entries.push(entry(req, 'gpu', 'nsys', `${rep}.nsys-rep`, 'Nsight Systems trace (open with nsys-ui)'));
  } else entries.push(entry(req, 'gpu', 'nsys', null, `skipped: ${notInstalled('nsys')}`));
  if (req.ncu) {
    if (findTool('ncu')) {
      const rep = artefactPath(req, 'gpu', '.ncu');
      log('gpu: Nsight Compute (replays every kernel; slow)');
      await runWorkloadProcess({ cwd: req.workspaceRoot, wrapper: ['ncu', '--target-processes', 'all', '-f', '-o', rep], request: { ...request, seconds: Math.min(seconds, 1) } });
      entries.push(entry(req, 'gpu', 'ncu', `${rep}.ncu-rep`, 'Nsight Compute kernel report (open with ncu-ui)'));
    } else entries.push(entry(req, 'gpu', 'ncu', null, `skipped: ${notInstalled('ncu')}`));
  }
  await recordArtefacts(req.out, entries);
  return entries;
}
