import { readFile } from 'node:fs/promises';
import { formatCount, formatNs, writeFileAtomic, writeJsonAtomic } from '@workflow-bench/bench-kit';
import { execa } from 'execa';
import { recordArtefacts, type ArtefactEntry } from './artefact-index.ts';
import { buildCallTree } from './cpu/call-tree.ts';
import { readCpuProfile } from './cpu/cpuprofile.ts';
import { parseCallgrindAnnotate } from './cpu/callgrind.ts';
import { renderFlamegraphSvg } from './cpu/flamegraph-svg.ts';
import { computeHotspots, hotspotLocation, renderHotspotsMarkdown, topHotspot, type HotspotReport } from './cpu/hotspots.ts';
import { PERF_EVENTS, parsePerfStatCsv, probeHardwareCounters } from './cpu/perf-stat.ts';
import { artefactPath, entry, logOf, secondsOf, type ProfileRequest } from './profile-request.ts';
import { findTool, notInstalled } from './tools.ts';
import { runWorkloadProcess } from './workload/spawn.ts';

/** Share of native code and VM time from which a workload counts as native-heavy for callgrind. */
export const NATIVE_HEAVY_SHARE = 0.3;
/** Callgrind runs code ~50x slower: its workload loops at most this long. */
const CALLGRIND_MAX_SECONDS = 1;
const CALLGRIND_TIMEOUT_MS = 9 * 60_000;

/** Native-code share of a profile: native/V8 builtins plus "(program)" time. */
export function nativeShare(report: HotspotReport): number {
  const program = report.bySelf.find((h) => h.name === '(program)')?.selfUs ?? 0;
  return report.totalUs > 0 ? (report.categories.native + program) / report.totalUs : 0;
}

/**
 * CPU profile of one benchmark: `.cpuprofile`, SVG flame graph, hotspot report (Markdown and
 * JSON), `perf stat` hardware counters where the machine has them, callgrind instruction counts
 * for native-heavy workloads. Records every artefact (or why it was skipped) in the index.
 */
export async function profileCpu(req: ProfileRequest): Promise<ArtefactEntry[]> {
  const log = logOf(req);
  const seconds = secondsOf(req);
  const entries: ArtefactEntry[] = [];
  const profilePath = artefactPath(req, 'cpu', '.cpuprofile');
  log(`cpu: profiling ${req.bench} for ${seconds} s`);
  const { report } = await runWorkloadProcess({
    cwd: req.workspaceRoot,
    echo: req.echo,
    nodeFlags: req.keepInlining ? [] : ['--no-turbo-inlining'],
    request: {
      project: req.project.name,
      root: req.project.root,
      id: req.bench,
      seconds,
      quick: req.quick ?? false,
      cpuProfile: { path: profilePath, samplingIntervalUs: req.cpuSamplingIntervalUs ?? 250 },
    },
  });
  if (report.status === 'skipped') {
    const why = `benchmark skipped itself: ${report.skipReason}`;
    entries.push(entry(req, 'cpu', 'cpuprofile', null, why));
    await recordArtefacts(req.out, entries);
    return entries;
  }

  const profile = readCpuProfile(profilePath);
  const tree = buildCallTree(profile);
  const hotspots = computeHotspots(tree, { baseDir: req.workspaceRoot });
  const top = topHotspot(hotspots);
  const topLine = top ? `top: ${top.name} at ${hotspotLocation(top)}, ${top.selfPct.toFixed(1)} % self` : 'no samples';
  const runLine = `${formatCount(report.repetitions)} repetitions in ${(report.elapsedMs / 1000).toFixed(2)} s, ${hotspots.samples} samples`;
  const metrics = { totalUs: Math.round(hotspots.totalUs), samples: hotspots.samples, repetitions: report.repetitions, ...(top ? { topSelfPct: +top.selfPct.toFixed(2) } : {}) };
  entries.push(entry(req, 'cpu', 'cpuprofile', profilePath, `${runLine}; open in Chrome DevTools or speedscope`, { metrics }));

  const svgPath = artefactPath(req, 'cpu', '.flamegraph.svg');
  const when = new Date().toISOString().replace('T', ' ').slice(0, 19);
  await writeFileAtomic(
    svgPath,
    renderFlamegraphSvg(tree, {
      title: `CPU flame graph: ${req.bench}`,
      subtitle: `${formatNs(hotspots.totalUs * 1000)} profiled, ${hotspots.samples} samples, ${formatCount(report.repetitions)} repetitions, ${when} UTC — click a frame to zoom`,
      baseDir: req.workspaceRoot,
    }),
  );
  entries.push(entry(req, 'cpu', 'flamegraph', svgPath, topLine, { metrics }));

  const mdPath = artefactPath(req, 'cpu', '.hotspots.md');
  const jsonPath = artefactPath(req, 'cpu', '.hotspots.json');
  const notes = [
    `Workload: ${runLine} (setup and teardown included; process start-up and loading the bench files not).`,
    `Sampling interval: ${req.cpuSamplingIntervalUs ?? 250} µs. Line numbers are in the source files (mapped through source maps).`,
    req.keepInlining
      ? 'TurboFan inlining on: time of inlined functions is charged to their callers.'
      : 'Run with --no-turbo-inlining so every function is charged its own time (V8 charges inlined code to the caller).',
  ];
  await writeFileAtomic(mdPath, renderHotspotsMarkdown(hotspots, `CPU hotspots: ${req.bench}`, notes));
  await writeJsonAtomic(jsonPath, { bench: req.bench, lib: req.project.name, ...hotspots });
  entries.push(entry(req, 'cpu', 'hotspots', mdPath, topLine, { metrics }));
  log(`cpu: ${topLine}`);

  entries.push(await perfStat(req, seconds));
  entries.push(await callgrind(req, hotspots));
  await recordArtefacts(req.out, entries);
  return entries;
}

async function perfStat(req: ProfileRequest, seconds: number): Promise<ArtefactEntry> {
  const support = await probeHardwareCounters();
  if (!support.supported) {
    logOf(req)(`cpu: perf stat skipped: ${support.reason}`);
    return entry(req, 'cpu', 'perf-stat', null, `skipped: ${support.reason}`);
  }
  const path = artefactPath(req, 'cpu', '.perf-stat.csv');
  logOf(req)('cpu: perf stat');
  await runWorkloadProcess({
    cwd: req.workspaceRoot,
    wrapper: ['perf', 'stat', '-x,', '-o', path, '-e', PERF_EVENTS.join(','), '--'],
    request: { project: req.project.name, root: req.project.root, id: req.bench, seconds, quick: req.quick ?? false },
  });
  const counters = parsePerfStatCsv(await readFile(path, 'utf8'));
  const get = (name: string): number | undefined => counters.find((c) => c.event.startsWith(name))?.value ?? undefined;
  const instructions = get('instructions');
  const cycles = get('cycles');
  const ipc = instructions && cycles ? instructions / cycles : undefined;
  const metrics: Record<string, number> = {};
  for (const c of counters) if (c.value !== null) metrics[c.event] = c.value;
  const summary = instructions
    ? `${formatCount(instructions)} instructions${ipc ? `, IPC ${ipc.toFixed(2)}` : ''} (whole workload process)`
    : 'perf stat ran; see the file for the counters it could read';
  return entry(req, 'cpu', 'perf-stat', path, summary, { metrics });
}

async function callgrind(req: ProfileRequest, hotspots: HotspotReport): Promise<ArtefactEntry> {
  const mode = req.callgrind ?? 'auto';
  const share = nativeShare(hotspots);
  if (mode === 'never') return entry(req, 'cpu', 'callgrind', null, 'skipped: not asked for (--callgrind never)');
  if (mode === 'auto' && share < NATIVE_HEAVY_SHARE) {
    return entry(
      req,
      'cpu',
      'callgrind',
      null,
      `skipped: not native-heavy (native ${(100 * share).toFixed(0)} % < ${100 * NATIVE_HEAVY_SHARE} %); pass --callgrind always to count instructions anyway`,
    );
  }
  if (!findTool('valgrind') || !findTool('callgrind_annotate')) return entry(req, 'cpu', 'callgrind', null, `skipped: ${notInstalled('valgrind')}`);
  const outFile = artefactPath(req, 'cpu', '.callgrind.out');
  const txtPath = artefactPath(req, 'cpu', '.callgrind.txt');
  const seconds = Math.min(secondsOf(req), CALLGRIND_MAX_SECONDS);
  logOf(req)(`cpu: callgrind (${seconds} s of workload; valgrind is ~50x slower, this takes minutes)`);
  await runWorkloadProcess({
    cwd: req.workspaceRoot,
    timeoutMs: CALLGRIND_TIMEOUT_MS,
    // JIT-compiled code rewrites itself; without this valgrind would run stale translations.
    wrapper: ['valgrind', '--tool=callgrind', '--smc-check=all', `--callgrind-out-file=${outFile}`],
    request: { project: req.project.name, root: req.project.root, id: req.bench, seconds, quick: req.quick ?? false },
  });
  const annotated = await execa('callgrind_annotate', [outFile], { reject: false, stdin: 'ignore' });
  await writeFileAtomic(txtPath, annotated.stdout);
  const summary = parseCallgrindAnnotate(annotated.stdout);
  const top = summary.top[0];
  return entry(
    req,
    'cpu',
    'callgrind',
    txtPath,
    `${summary.totalIr === null ? '?' : formatCount(summary.totalIr)} instructions (Ir) in ${seconds} s of workload plus start-up${top ? `; top: ${top.fn} ${top.pct} %` : ''}`,
    { metrics: summary.totalIr === null ? {} : { instructions: summary.totalIr } },
  );
}
