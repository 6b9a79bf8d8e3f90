/**
 * Locust's statistics of one request name (or of all: `Aggregated`), as Locust 2.12 prints them at
 * exit and writes them to `_stats.csv`. Times are in ms.
 */
export interface LocustEntry {
  /** The request method (`GET`, `POST`, ...); '' for the Aggregated row. */
  type: string;
  name: string;
  requests: number;
  failures: number;
  mean: number;
  min: number;
  max: number;
  median: number;
  requestsPerSecond: number;
  failuresPerSecond: number;
  /** Locust's fixed percentiles (50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100) → ms; empty without requests. */
  percentiles: Map<number, number>;
}

/** What Locust prints when it exits: the final statistics (which `_stats.csv` can trail). */
export interface LocustPrintedSummary {
  entries: LocustEntry[];
  aggregated: LocustEntry;
  /** The error report: `"<method> <name>: <error>"` → occurrences. */
  errors: Map<string, number>;
}

export class LocustSummaryError extends Error {
  constructor(message: string) {
    super(`Locust's printed summary: ${message}`);
    this.name = 'LocustSummaryError';
  }
}

const STATS_HEADER = /^Type\s+Name\s+# reqs\s+# fails\s+\|/;
const PERCENTILE_HEADER = /^Type\s+Name\s+.*\d%\s+# reqs\s*$/;
const SEPARATOR = /^-+\|/;

/** Locust writes the type column 8 wide (`%-8s`); the Aggregated row has an empty type. */
function typeAndName(left: string): { type: string; name: string } {
  if (/^ {8} /.test(left)) return { type: '', name: left.trim() };
  const m = /^(\S+)\s+(.*)$/.exec(left.trimEnd());
  if (!m) throw new LocustSummaryError(`no type and name in '${left}'`);
  return { type: m[1], name: m[2] };
}

/**
 * One row of the request statistics table, printed as
 * `%-8s %-76s %7d %12s |%7d %7d %7d%7d | %7.2f %11.2f` (type, name, requests, "failures(pct%)",
 * avg, min, max, median, req/s, failures/s). Max and median touch (`%7d%7d`), so the middle part is
 * cut by position; Locust truncates these times to whole ms.
 */
function parseStatsRow(line: string): LocustEntry {
  const second = line.lastIndexOf('|');
  const first = line.lastIndexOf('|', second - 1);
  if (first < 0) throw new LocustSummaryError(`not a statistics row: '${line}'`);
  const left = /^(.*?)\s+(\d+)\s+(\d+)\([\d.]+%\)\s*$/.exec(line.slice(0, first));
  if (!left) throw new LocustSummaryError(`no request and failure counts in '${line}'`);
  const mid = line.slice(first + 1, second);
  const times = mid.length === 31 ? [mid.slice(0, 7), mid.slice(8, 15), mid.slice(16, 23), mid.slice(23, 30)] : mid.trim().split(/\s+/);
  const rates = line.slice(second + 1).trim().split(/\s+/);
  if (times.length !== 4 || times.some((t) => !/^\s*\d+\s*$/.test(t)) || rates.length !== 2) {
    throw new LocustSummaryError(`cannot read the times and rates of '${line}'`);
  }
  const [mean, min, max, median] = times.map(Number);
  return {
    ...typeAndName(left[1]),
    requests: Number(left[2]),
    failures: Number(left[3]),
    mean,
    min,
    max,
    median,
    requestsPerSecond: Number(rates[0]),
    failuresPerSecond: Number(rates[1]),
    percentiles: new Map(),
  };
}

/** The rows between a header, its separator, and the closing separator (entries, then Aggregated). */
function tableRows(lines: readonly string[], header: number): string[] {
  const rows: string[] = [];
  for (let i = header + 2; i < lines.length; i++) {
    const line = lines[i];
    if (SEPARATOR.test(line)) {
      // The Aggregated row follows the second separator.
      if (i + 1 < lines.length && lines[i + 1].trim() !== '' && !SEPARATOR.test(lines[i + 1])) rows.push(lines[i + 1]);
      break;
    }
    if (line.trim() !== '') rows.push(line);
  }
  return rows;
}

function lastIndex(lines: readonly string[], test: RegExp): number {
  for (let i = lines.length - 1; i >= 0; i--) if (test.test(lines[i])) return i;
  return -1;
}

/**
 * Reads the final statistics Locust 2.12 prints when it exits (`print_stats(current=False)`, the
 * percentile table and the error report, on stderr) from a run's output. The last tables in the
 * output are taken, so periodic tables printed during a run (without --only-summary) are skipped.
 * Returns undefined when the output has no statistics table (Locust failed before the summary).
 */
export function parseLocustPrintedSummary(output: string): LocustPrintedSummary | undefined {
  const lines = output.split(/\r?\n/);
  const statsAt = lastIndex(lines, STATS_HEADER);
  if (statsAt < 0) return undefined;
  const rows = tableRows(lines, statsAt).map(parseStatsRow);
  const aggregated = rows.find((r) => r.type === '' && r.name === 'Aggregated');
  if (!aggregated) throw new LocustSummaryError("no 'Aggregated' row in the statistics table");
  const entries = rows.filter((r) => r !== aggregated);

  const percentileAt = lastIndex(lines, PERCENTILE_HEADER);
  if (percentileAt > statsAt) {
    const labels = [...lines[percentileAt].matchAll(/(\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]));
    const row = new RegExp(`^(.*?)((?:\\s+\\d+){${labels.length + 1}})\\s*$`);
    for (const line of tableRows(lines, percentileAt)) {
      const m = row.exec(line);
      if (!m) throw new LocustSummaryError(`cannot read the percentiles of '${line}'`);
      const { type, name } = typeAndName(m[1]);
      const values = m[2].trim().split(/\s+/).map(Number);
      const entry = rows.find((r) => r.type === type && r.name === name);
      if (entry) labels.forEach((p, i) => entry.percentiles.set(p, values[i]));
    }
  }

  const errors = new Map<string, number>();
  const errorAt = lastIndex(lines, /^Error report\s*$/);
  if (errorAt > statsAt) {
    // "Error report", "# occurrences  Error", separator, rows, separator.
    for (let i = errorAt + 3; i < lines.length && !SEPARATOR.test(lines[i]); i++) {
      const m = /^(\d+)\s+(.*?)\s*$/.exec(lines[i]);
      if (m) errors.set(m[2], (errors.get(m[2]) ?? 0) + Number(m[1]));
    }
  }
  return { entries, aggregated, errors };
}

/** `[2026-12-02 03:37:17,872] host/INFO/locust.runners: ...` → ms since the epoch (the clock's zone cancels out in a difference). */
function logTime(line: string): number | undefined {
  const m = /^\[(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3})\]/.exec(line);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]) : undefined;
}

/**
 * The load's span from Locust's own log lines (INFO level, Locust's default): from "Ramping to"
 * (spawning starts) to "--run-time limit reached" (or "Shutting down" when stopped otherwise), in
 * seconds. Undefined when the output has no such lines (e.g. --loglevel WARNING).
 */
export function locustLogSpanS(output: string): number | undefined {
  const lines = output.split(/\r?\n/);
  const start = lines.find((l) => /\/locust\.runners: Ramping to /.test(l));
  const end = lines.find((l) => /\/locust\.main: --run-time limit reached/.test(l)) ?? lines.find((l) => /\/locust\.main: Shutting down \(exit code/.test(l));
  const t0 = start === undefined ? undefined : logTime(start);
  const t1 = end === undefined ? undefined : logTime(end);
  return t0 !== undefined && t1 !== undefined && t1 > t0 ? (t1 - t0) / 1000 : undefined;
}
