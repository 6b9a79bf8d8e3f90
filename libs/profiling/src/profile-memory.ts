import { readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { formatBytes, writeFileAtomic, writeJsonAtomic } from '@workflow-bench/bench-kit';
import { execa } from 'execa';
import { recordArtefacts, type ArtefactEntry } from './artefact-index.ts';
import { allocationSites, readHeapProfile } from './memory/heap-profile.ts';
import { judgeLeak } from './memory/leak-check.ts';
import { massifPeakBytes, parseHeaptrackSummary } from './memory/native-memory.ts';
import type { MemorySummary } from './memory/sampler.ts';
import { artefactPath, entry, logOf, secondsOf, slugOf, type ProfileRequest } from './profile-request.ts';
import { findTool, notInstalled } from './tools.ts';
import { sizeSiblings } from './workload/benchmarks.ts';
import { runWorkloadProcess } from './workload/spawn.ts';

const NATIVE_TIMEOUT_MS = 9 * 60_000;

function memoryLine(m: MemorySummary): string {
  return `peak RSS ${formatBytes(m.peakRss)}, peak heapUsed ${formatBytes(m.peakHeapUsed)}, peak external ${formatBytes(m.peakExternal)}; ${m.samples} samples every ~${m.meanIntervalMs.toFixed(0)} ms`;
}

function memoryMetrics(m: MemorySummary): Record<string, number> {
  return {
    peakRssBytes: m.peakRss,
    peakHeapUsedBytes: m.peakHeapUsed,
    peakHeapTotalBytes: m.peakHeapTotal,
    peakExternalBytes: m.peakExternal,
    peakArrayBuffersBytes: m.peakArrayBuffers,
    samples: m.samples,
  };
}

/**
 * Memory profile of one benchmark: memory over time (CSV) with peaks, a sampling heap profile,
 * memory by workload size (small/medium/large siblings), a leak check, and native memory with
 * heaptrack or valgrind massif. Records every artefact (or why it was skipped) in the index.
 */
export async function profileMemory(req: ProfileRequest): Promise<ArtefactEntry[]> {
  const log = logOf(req);
  const seconds = secondsOf(req);
  const quick = req.quick ?? false;
  const entries: ArtefactEntry[] = [];
  const base = { project: req.project.name, root: req.project.root, quick };
  const intervalMs = req.memoryIntervalMs ?? 50;

  const csvPath = artefactPath(req, 'memory', '.memory.csv');
  const heapPath = artefactPath(req, 'memory', '.heapprofile');
  log(`memory: sampling ${req.bench} every ${intervalMs} ms for ${seconds} s, with a sampling heap profile`);
  const main = await runWorkloadProcess({
    cwd: req.workspaceRoot,
    echo: req.echo,
    request: {
      ...base,
      id: req.bench,
      seconds,
      memory: { csvPath, intervalMs },
      heapProfile: { path: heapPath, samplingIntervalBytes: req.heapSamplingIntervalBytes ?? 32 * 1024 },
    },
  });
  if (main.report.status === 'skipped') {
    entries.push(entry(req, 'memory', 'memory-csv', null, `benchmark skipped itself: ${main.report.skipReason}`));
    await recordArtefacts(req.out, entries);
    return entries;
  }
  const mem = main.report.memory!;
  entries.push(entry(req, 'memory', 'memory-csv', csvPath, memoryLine(mem), { metrics: memoryMetrics(mem) }));
  await writeJsonAtomic(artefactPath(req, 'memory', '.memory-summary.json'), { bench: req.bench, seconds, intervalMs, ...mem });
  log(`memory: ${memoryLine(mem)}`);

  const heap = allocationSites(readHeapProfile(heapPath), req.workspaceRoot);
  const site = heap.sites[0];
  entries.push(
    entry(
      req,
      'memory',
      'heapprofile',
      heapPath,
      site
        ? `top allocation site: ${site.name} (${site.file || '(native)'}${site.line ? `:${site.line}` : ''}) ${site.pct.toFixed(1)} % of ${formatBytes(heap.total)} sampled`
        : 'no allocations sampled',
      { metrics: { sampledBytes: heap.total } },
    ),
  );

  if (req.bySize ?? true) entries.push(...(await memoryBySize(req, mem, seconds)));
  const rounds = req.leakRounds ?? (quick ? 6 : 8);
  if (rounds > 0) entries.push(await leakCheck(req, rounds, seconds));
  if (req.nativeMemory ?? true) entries.push(await nativeMemory(req, seconds));
  else entries.push(entry(req, 'memory', 'native-memory', null, 'skipped: not asked for (--no-native)'));
  await recordArtefacts(req.out, entries);
  return entries;
}

async function memoryBySize(req: ProfileRequest, current: MemorySummary, seconds: number): Promise<ArtefactEntry[]> {
  const ids = await sizeSiblings(req.project, req.bench);
  if (ids.length < 2) return [];
  const entries: ArtefactEntry[] = [];
  const rows: { id: string; size: string; status: 'ok' | 'skipped'; memory?: MemorySummary; skipReason?: string }[] = [];
  for (const id of ids) {
    const size = id.slice(id.lastIndexOf('/') + 1);
    if (id === req.bench) {
      rows.push({ id, size, status: 'ok', memory: current });
      continue;
    }
    logOf(req)(`memory: by size: ${id}`);
    const csvPath = artefactPath(req, 'memory', '.memory.csv', id);
    const r = await runWorkloadProcess({
      cwd: req.workspaceRoot,
      echo: req.echo,
      request: { project: req.project.name, root: req.project.root, quick: req.quick ?? false, id, seconds, memory: { csvPath, intervalMs: req.memoryIntervalMs ?? 50 } },
    });
    if (r.report.status === 'skipped') {
      rows.push({ id, size, status: 'skipped', skipReason: r.report.skipReason });
      continue;
    }
    rows.push({ id, size, status: 'ok', memory: r.report.memory });
    entries.push(entry(req, 'memory', 'memory-csv', csvPath, memoryLine(r.report.memory!), { bench: id, metrics: memoryMetrics(r.report.memory!) }));
  }
  const stem = slugOf(req.bench.slice(0, req.bench.lastIndexOf('/')));
  const mdPath = join(req.out, 'memory', `${stem}.by-size.md`);
  const md = [
    `# Memory by workload size: ${req.bench.slice(0, req.bench.lastIndexOf('/'))}/*`,
    '',
    `Each size ran for ${seconds} s in its own process (setup and teardown included).`,
    '',
    '| size | peak RSS | peak heapUsed | peak heapTotal | peak external | peak arrayBuffers |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) =>
      r.memory
        ? `| ${r.size} | ${formatBytes(r.memory.peakRss)} | ${formatBytes(r.memory.peakHeapUsed)} | ${formatBytes(r.memory.peakHeapTotal)} | ${formatBytes(r.memory.peakExternal)} | ${formatBytes(r.memory.peakArrayBuffers)} |`
        : `| ${r.size} | skipped: ${r.skipReason} | | | | |`,
    ),
    '',
  ].join('\n');
  await writeFileAtomic(mdPath, md);
  await writeJsonAtomic(join(req.out, 'memory', `${stem}.by-size.json`), { bench: req.bench, seconds, sizes: rows });
  const summary = rows.map((r) => `${r.size} ${r.memory ? formatBytes(r.memory.peakRss) : 'skipped'}`).join(', ');
  entries.push(entry(req, 'memory', 'memory-by-size', mdPath, `peak RSS by size: ${summary}`));
  return entries;
}

async function leakCheck(req: ProfileRequest, rounds: number, seconds: number): Promise<ArtefactEntry> {
  logOf(req)(`memory: leak check, ${rounds} rounds of ${(seconds / rounds).toFixed(2)} s with GC after each`);
  const r = await runWorkloadProcess({
    cwd: req.workspaceRoot,
    echo: req.echo,
    nodeFlags: ['--expose-gc'],
    request: { project: req.project.name, root: req.project.root, quick: req.quick ?? false, id: req.bench, seconds, leak: { rounds } },
  });
  if (r.report.status === 'skipped' || !r.report.leak) {
    return entry(req, 'memory', 'leak-check', null, `benchmark skipped itself: ${r.report.skipReason}`);
  }
  const verdict = judgeLeak(r.report.leak.heapAfterGc);
  const path = artefactPath(req, 'memory', '.leak-check.json');
  await writeJsonAtomic(path, { bench: req.bench, rounds, seconds, ...verdict, rssAfterGc: r.report.leak.rssAfterGc, repetitions: r.report.leak.repetitions });
  logOf(req)(`memory: ${verdict.summary}`);
  return entry(req, 'memory', 'leak-check', path, verdict.summary, {
    status: verdict.leak ? 'flagged' : 'ok',
    metrics: { growthBytes: Math.round(verdict.growthBytes), slopeBytesPerRound: Math.round(verdict.slopeBytesPerRound), thresholdBytes: Math.round(verdict.thresholdBytes) },
  });
}

async function nativeMemory(req: ProfileRequest, seconds: number): Promise<ArtefactEntry> {
  const request = { project: req.project.name, root: req.project.root, quick: req.quick ?? false, id: req.bench, seconds };
  if (findTool('heaptrack') && findTool('heaptrack_print')) {
    const stem = artefactPath(req, 'memory', '.heaptrack');
    logOf(req)('memory: native allocations with heaptrack');
    // heaptrack appends its compression suffix (.zst or .gz) to -o; clear old ones first.
    for (const f of await readdir(dirname(stem)).catch(() => [] as string[])) {
      if (f.startsWith(`${basename(stem)}.`) && !f.endsWith('.txt')) await rm(join(dirname(stem), f), { force: true });
    }
    await runWorkloadProcess({ cwd: req.workspaceRoot, wrapper: ['heaptrack', '-o', stem], request, timeoutMs: NATIVE_TIMEOUT_MS });
    const data = (await readdir(dirname(stem))).find((f) => f.startsWith(`${basename(stem)}.`) && !f.endsWith('.txt'));
    if (!data) throw new Error(`heaptrack wrote no data file next to ${stem}`);
    const printed = await execa('heaptrack_print', ['-f', join(dirname(stem), data)], { reject: false, stdin: 'ignore' });
    const txtPath = `${stem}.txt`;
    await writeFileAtomic(txtPath, printed.stdout);
    const s = parseHeaptrackSummary(printed.stdout);
    return entry(
      req,
      'memory',
      'native-memory',
      txtPath,
      `heaptrack: peak native heap ${s.peakHeap ?? '?'}, peak RSS ${s.peakRss ?? '?'} (with heaptrack overhead), leaked ${s.leaked ?? '?'}; data ${data} (open with heaptrack --analyze)`,
      { metrics: s.peakHeapBytes === undefined ? {} : { peakNativeHeapBytes: s.peakHeapBytes } },
    );
  }
  if (findTool('valgrind')) {
    const outFile = artefactPath(req, 'memory', '.massif.out');
    logOf(req)('memory: native allocations with valgrind massif (slow)');
    await runWorkloadProcess({
      cwd: req.workspaceRoot,
      wrapper: ['valgrind', '--tool=massif', '--smc-check=all', `--massif-out-file=${outFile}`],
      request: { ...request, seconds: Math.min(seconds, 1) },
      timeoutMs: NATIVE_TIMEOUT_MS,
    });
    const peak = massifPeakBytes(await readFile(outFile, 'utf8'));
    return entry(req, 'memory', 'native-memory', outFile, `massif: peak native heap ${peak === undefined ? '?' : formatBytes(peak)} (ms_print for the graph)`, {
      metrics: peak === undefined ? {} : { peakNativeHeapBytes: peak },
    });
  }
  return entry(req, 'memory', 'native-memory', null, `skipped: ${notInstalled('heaptrack')} (or ${notInstalled('valgrind')} for massif)`);
}
