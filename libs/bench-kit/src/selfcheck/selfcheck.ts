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
  /** median / the plain loop's median − 1 (0 for the plain loop itself). */
  deviation: number;
}

/**
 * Measures every workload with every tool, each in `processes` fresh processes (rounds
 * interleave tools and workloads, so a change of machine load spreads over all of them), and
 * compares each tool's median with the plain loop's.
 */
export async function runSelfcheck(options: SelfcheckOptions = {}): Promise<SelfcheckCell[]> {
  const processes = options.processes ?? 5;
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const results = new Map<string, number[]>();
  for (let round = 0; round < processes; round++) {
    for (const workload of WORKLOADS) {
      // Alternate the order of tools each round.
      const tools = round % 2 === 0 ? TOOLS : [...TOOLS].reverse();
      for (const tool of tools) {
        const { stdout } = await run(process.execPath, ['--expose-gc', '--import', tsx, CHILD, tool, workload.name], { maxBuffer: 1 << 20 });
        const { ns } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { ns: number };
        const key = `${tool}\u0000${workload.name}`;
        results.set(key, [...(results.get(key) ?? []), ns]);
        options.onProgress?.(`round ${round + 1}/${processes}: ${workload.name} ${tool} ${formatNs(ns)}`);
      }
    }
  }
  const cells: SelfcheckCell[] = [];
  for (const workload of WORKLOADS) {
    const reference = median(results.get(`plain\u0000${workload.name}`)!);
    for (const tool of TOOLS) {
      const perProcess = results.get(`${tool}\u0000${workload.name}`)!;
      const m = median(perProcess);
      cells.push({ tool, workload: workload.name, perProcess, median: m, spread: (Math.max(...perProcess) - Math.min(...perProcess)) / m, deviation: m / reference - 1 });
    }
  }
  return cells;
}

/** The table: per workload, each tool's median per call, its deviation from the plain loop, and its spread. */
export function renderSelfcheck(cells: readonly SelfcheckCell[], processes: number): string {
  const header = ['workload', ...TOOLS.map((t) => (t === 'plain' ? `plain loop (${PLAIN_CALLS / 1000}k calls)` : t))];
  const rows = WORKLOADS.map((w) => [
    w.name,
    ...TOOLS.map((tool) => {
      const cell = cells.find((c) => c.tool === tool && c.workload === w.name)!;
      const deviation = tool === 'plain' ? '' : ` ${cell.deviation >= 0 ? '+' : ''}${(cell.deviation * 100).toFixed(1)}%`;
      return `${formatNs(cell.median)}${deviation} (±${((cell.spread * 100) / 2).toFixed(1)}%)`;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cols: string[]) => `| ${cols.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
    '',
    `Median of ${processes} fresh processes per cell; % = deviation from the plain loop's median; (±) = half the range across processes, relative to the median.`,
  ].join('\n');
}
