import { execa } from 'execa';
import { findTool, notInstalled } from '../tools.ts';

/** One counter line of `perf stat -x,` output. `value` is null when perf could not count it. */
export interface PerfCounter {
  event: string;
  value: number | null;
  unit: string;
  /** perf's note instead of a value, e.g. `<not supported>` or `<not counted>`. */
  note?: string;
}

export const PERF_EVENTS = ['instructions', 'cycles', 'branches', 'branch-misses', 'cache-references', 'cache-misses', 'task-clock'];

/**
 * Parses `perf stat -x,` output: `value,unit,event,run-time,percent[,metric,metric-unit]` per
 * counter; `#` lines and blank lines are comments.
 */
export function parsePerfStatCsv(text: string): PerfCounter[] {
  const out: PerfCounter[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [value = '', unit = '', event = ''] = line.split(',');
    if (!event) continue;
    if (value.startsWith('<')) out.push({ event, value: null, unit, note: value });
    else {
      const n = Number(value);
      if (Number.isFinite(n)) out.push({ event, value: n, unit });
    }
  }
  return out;
}

export type CounterSupport = { supported: true } | { supported: false; reason: string };

/** Whether this machine gives hardware counters to perf (VMs and containers often do not). */
export async function probeHardwareCounters(): Promise<CounterSupport> {
  if (!findTool('perf')) return { supported: false, reason: notInstalled('perf') };
  const r = await execa('perf', ['stat', '-x,', '-e', 'instructions', 'true'], { reject: false, stdin: 'ignore' });
  const counters = parsePerfStatCsv(r.stderr);
  const instr = counters.find((c) => c.event.startsWith('instructions'));
  if (instr && instr.value !== null) return { supported: true };
  if (instr?.note) {
    return { supported: false, reason: `hardware counters not available on this machine (perf stat -e instructions: ${instr.note})` };
  }
  const why = r.stderr.trim().split('\n')[0] ?? `exit ${r.exitCode}`;
  return { supported: false, reason: `perf stat cannot count here: ${why}` };
}
