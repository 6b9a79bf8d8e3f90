/**
 * The workload process: runs one benchmark via bench-kit's runWorkload with the instruments the
 * request asks for (V8 CPU profile and sampling heap profile through the in-process inspector,
 * a memory sampler, GC-and-measure rounds for the leak check), then writes a report.
 *
 * Started by spawn.ts as `node [--expose-gc] --import tsx child.ts <request.json>`, possibly
 * under a wrapper (perf, valgrind, heaptrack, nsys). The in-process inspector, unlike
 * `--cpu-prof`, leaves tsx's start-up out of the profile.
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { BenchSkip, findBenchmark, runWorkload, writeFileAtomic, writeJsonAtomic } from '@workflow-bench/bench-kit';
import { MemorySampler, memoryCsv, summariseMemory } from '../memory/sampler.ts';
import type { WorkloadReport, WorkloadRequest } from './protocol.ts';
import { remapToSource } from './source-positions.ts';

function forceGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the leak check needs node --expose-gc');
  // Two passes: the first can leave objects whose finalisers freed more on the second.
  gc();
  gc();
}

async function main(): Promise<void> {
  const requestPath = process.argv[2];
  if (!requestPath) throw new Error('usage: child.ts <request.json>');
  const req = JSON.parse(readFileSync(requestPath, 'utf8')) as WorkloadRequest;
  const base = { project: req.project, root: req.root, id: req.id, quick: req.quick };
  const report: WorkloadReport = { status: 'ok', repetitions: 0, elapsedMs: 0 };
  // Import the bench files before any instrument starts, so module loading and TypeScript
  // compilation stay out of the profiles; runWorkload then finds them in the module cache.
  await findBenchmark(req.project, req.root, req.id);

  const session = req.cpuProfile || req.heapProfile ? new Session() : undefined;
  session?.connect();
  if (req.cpuProfile && session) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: req.cpuProfile.samplingIntervalUs });
    await session.post('Profiler.start');
  }
  if (req.heapProfile && session) {
    await session.post('HeapProfiler.enable');
    // Include collected objects: the profile then shows where the workload allocates, not only
    // what happened to be alive when it stopped.
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: req.heapProfile.samplingIntervalBytes,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  const sampler = req.memory ? new MemorySampler(req.memory.intervalMs) : undefined;
  sampler?.start();

  try {
    if (req.leak) {
      const heapAfterGc: number[] = [];
      const rssAfterGc: number[] = [];
      const repetitions: number[] = [];
      const perRound = req.seconds / req.leak.rounds;
      for (let round = 0; round < req.leak.rounds; round++) {
        const w = await runWorkload({ ...base, seconds: perRound, onRepetition: () => sampler?.poll() });
        forceGc();
        const m = process.memoryUsage();
        heapAfterGc.push(m.heapUsed);
        rssAfterGc.push(m.rss);
        repetitions.push(w.repetitions);
        report.kind = w.kind;
        report.repetitions += w.repetitions;
        report.elapsedMs += w.elapsedMs;
      }
      report.leak = { heapAfterGc, rssAfterGc, repetitions };
    } else {
      const w = await runWorkload({ ...base, seconds: req.seconds, onRepetition: () => sampler?.poll() });
      report.kind = w.kind;
      report.repetitions = w.repetitions;
      report.elapsedMs = w.elapsedMs;
    }
  } catch (err) {
    if (!(err instanceof BenchSkip)) throw err;
    report.status = 'skipped';
    report.skipReason = err.reason;
  }

  if (sampler) {
    const samples = sampler.stop();
    await writeFileAtomic(req.memory!.csvPath, memoryCsv(samples));
    report.memory = summariseMemory(samples);
  }
  if (req.cpuProfile && session) {
    const { profile } = await session.post('Profiler.stop');
    report.remappedFrames = remapToSource(profile.nodes);
    await writeJsonAtomic(req.cpuProfile.path, profile);
  }
  if (req.heapProfile && session) {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    const nodes: { callFrame: { url: string; lineNumber: number; columnNumber: number } }[] = [];
    const walk = (n: typeof profile.head): void => {
      nodes.push(n);
      n.children.forEach(walk);
    };
    walk(profile.head);
    report.remappedFrames = (report.remappedFrames ?? 0) + remapToSource(nodes);
    await writeJsonAtomic(req.heapProfile.path, profile);
  }
  session?.disconnect();
  await writeJsonAtomic(req.reportPath, report);
}

main().then(
  // Benchmarks may leave handles (servers, pools) open after teardown; the report is written.
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`workload failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
