/** One function line of `callgrind_annotate` output. */
export interface CallgrindFunction {
  ir: number;
  pct: number;
  /** `file:function` as callgrind names it (`???:name` for code without debug info or JIT code). */
  fn: string;
  /** The binary or library, e.g. `/usr/bin/node`. */
  object: string;
}

export interface CallgrindSummary {
  /** Instructions executed by the whole process (Ir, "PROGRAM TOTALS"). */
  totalIr: number | null;
  top: CallgrindFunction[];
}

const num = (s: string): number => Number(s.replace(/,/g, ''));

/** Parses the totals and the per-function table of `callgrind_annotate` output. */
export function parseCallgrindAnnotate(text: string, top = 20): CallgrindSummary {
  let totalIr: number | null = null;
  const fns: CallgrindFunction[] = [];
  for (const line of text.split(/\r?\n/)) {
    const totals = /^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+PROGRAM TOTALS/.exec(line);
    if (totals) {
      totalIr = num(totals[1]!);
      continue;
    }
    const fn = /^\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(\S.*?)(?:\s+\[(.+)\])?\s*$/.exec(line);
    if (fn && fn[3] !== 'PROGRAM TOTALS') fns.push({ ir: num(fn[1]!), pct: Number(fn[2]), fn: fn[3]!, object: fn[4] ?? '' });
  }
  return { totalIr, top: fns.slice(0, top) };
}
