import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { formatNs } from '../report/format.ts';
import { median } from '../stats/descriptive.ts';
import { PLAIN_CALLS, TOOLS, type ToolName } from './tools.ts';
import { WORKLOADS } from './workloads.ts';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const run = promisify(execFile);

export interface SelfcheckOptions {
  /** Fresh processes per tool and workload (default 5). */
  processes?: number;
  onProgress?: (message: string) => void;
}

export interface SelfcheckCell {
  tool: ToolName;
  workload: string;
  /** Per-call estimate of each process, ns. */
  perProcess: number[];
  median: number;
  /** (max − min) / median over the processes. */
  spread: number;
  /**
   * The median over rounds of this tool's estimate over the plain loop's in the same round, − 1
   * (0 for the plain loop itself). Paired by round: a slow phase of the machine that lasts a round
   * moves both, and cancels.
   */
  deviation: number;
  /** The lowest and highest of those per-round ratios, − 1. */
  deviationRange: [number, number];
}

/** One round's estimates, ns per call: workload → tool → ns. */
export type SelfcheckRound = ReadonlyMap<string, ReadonlyMap<ToolName, number>>;

/**
 * Measures every workload with every tool, each in `processes` fresh processes (rounds
 * interleave tools and workloads, so a change of machine load spreads over all of them), and
 * compares each tool's median with the plain loop's.
 */
export async function runSelfcheck(options: SelfcheckOptions = {}): Promise<SelfcheckCell[]> {
  const processes = options.processes ?? 5;
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const rounds: SelfcheckRound[] = [];
  for (let round = 0; round < processes; round++) {
    const estimates = new Map<string, Map<ToolName, number>>();
    for (const workload of WORKLOADS) {
      const byTool = new Map<ToolName, number>();
      estimates.set(workload.name, byTool);
      // Alternate the order of tools each round.
      const tools = round % 2 === 0 ? TOOLS : [...TOOLS].reverse();
      for (const tool of tools) {
        const { stdout } = await run(process.execPath, ['--expose-gc', '--import', tsx, CHILD, tool, workload.name], { maxBuffer: 1 << 20 });
        const { ns } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { ns: number };
        byTool.set(tool, ns);
        options.onProgress?.(`round ${round + 1}/${processes}: ${workload.name} ${tool} ${formatNs(ns)}`);
      }
    }
    rounds.push(estimates);
  }
  return summariseSelfcheck(rounds);
}

/**
 * Per workload and tool: the median and spread over the rounds' processes, and the deviation from
 * the plain loop paired by round (see SelfcheckCell.deviation). On this project's shared 2-core
 * machines one process to the next varies 7-24% at rest and more under load, and slow phases last
 * minutes; medians taken apart (the first version of this table) left the ±5% question open there.
 */
export function summariseSelfcheck(rounds: readonly SelfcheckRound[]): SelfcheckCell[] {
  const cells: SelfcheckCell[] = [];
  const workloads = [...new Set(rounds.flatMap((r) => [...r.keys()]))];
  for (const workload of workloads) {
    const plain = rounds.map((r) => r.get(workload)?.get('plain'));
    for (const tool of TOOLS) {
      const perProcess = rounds.map((r) => r.get(workload)?.get(tool)).filter((ns): ns is number => ns !== undefined);
      if (perProcess.length === 0) continue;
      const ratios = rounds.flatMap((r, i) => {
        const ns = r.get(workload)?.get(tool);
        const reference = plain[i];
        return ns !== undefined && reference !== undefined && reference > 0 ? [ns / reference] : [];
      });
      const m = median(perProcess);
      cells.push({
        tool,
        workload,
        perProcess,
        median: m,
        spread: (Math.max(...perProcess) - Math.min(...perProcess)) / m,
        deviation: ratios.length > 0 ? median(ratios) - 1 : NaN,
        deviationRange: ratios.length > 0 ? [Math.min(...ratios) - 1, Math.max(...ratios) - 1] : [NaN, NaN],
      });
    }
  }
  return cells;
}

function percent(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

/** The table: per workload, each tool's median per call, its deviation from the plain loop, and its spread. */
export function renderSelfcheck(cells: readonly SelfcheckCell[], processes: number): string {
  const header = ['workload', ...TOOLS.map((t) => (t === 'plain' ? `plain loop (${PLAIN_CALLS / 1000}k calls)` : t))];
  const rows = WORKLOADS.map((w) => [
    w.name,
    ...TOOLS.map((tool) => {
      const cell = cells.find((c) => c.tool === tool && c.workload === w.name)!;
      if (tool === 'plain') return `${formatNs(cell.median)} (±${((cell.spread * 100) / 2).toFixed(1)}%)`;
      const [low, high] = cell.deviationRange;
      return `${formatNs(cell.median)} ${percent(cell.deviation)} [${percent(low)}, ${percent(high)}]`;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cols: string[]) => `| ${cols.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
    '',
    `Median of ${processes} fresh processes per cell. Plain loop: (±) = half the range across its processes, relative to the median. ` +
      `Other tools: the median over rounds of (tool / plain loop of the same round) − 1, [lowest, highest] of those ratios − 1.`,
  ].join('\n');
}
