import type { SampleUnit } from '@workflow-bench/bench-kit';
import type { Machine } from '../input/machines.ts';
import { measureKey, measureOf, type ResultMeasure } from '../measure/measure-key.ts';
import { estimateOf } from '../verdict/evaluate.ts';
import type { Report } from './report-model.ts';
import { byIdThenMeasure } from './side-by-side.ts';

export const MATRIX_REPORT_FORMAT = 'workflow-bench-matrix-report';
export const MATRIX_REPORT_SCHEMA_VERSION = 1;

/** One machine's part of a merged report: who it is, where its results came from, its own report. */
export interface MachineReport {
  slug: string;
  name: string;
  hardwareFingerprint: string;
  /** Folders of the results dir (one per CI job) its files came from. */
  folders: string[];
  /** Short name for table headers: its folders (CI jobs), else its slug. */
  label: string;
  /** Compared with the baseline its own hardware selects (or `--baseline`). */
  report: Report;
}

/** One (id, measure) across machines; `times` is how many times slower than the fastest machine. */
export interface AcrossMachinesRow {
  id: string;
  measure: ResultMeasure;
  unit: SampleUnit;
  lowerIsBetter: boolean;
  cells: { machine: string; estimate: number | null; times: number | null }[];
  /** Set when the ratios could not be computed (units differ between machines). */
  note: string | null;
}

export interface MatrixReport {
  format: typeof MATRIX_REPORT_FORMAT;
  schemaVersion: number;
  createdAt: string;
  machines: MachineReport[];
  acrossMachines: AcrossMachinesRow[];
  summary: {
    machines: number;
    regressed: number;
    missedTargets: number;
    missingRequired: number;
    /** Machines whose baseline samples came from other hardware. */
    baselineOnOtherHardware: number;
    /** Every machine passes. */
    pass: boolean;
  };
}

export function buildMatrixReport(machines: { machine: Machine; report: Report }[], now: Date): MatrixReport {
  const parts: MachineReport[] = machines.map(({ machine, report }) => ({
    slug: machine.slug,
    name: machine.name,
    hardwareFingerprint: machine.hardwareFingerprint,
    folders: machine.folders,
    label: machine.folders.join('+') || machine.slug,
    report,
  }));
  const sum = (f: (r: Report) => number) => parts.reduce((n, p) => n + f(p.report), 0);
  return {
    format: MATRIX_REPORT_FORMAT,
    schemaVersion: MATRIX_REPORT_SCHEMA_VERSION,
    createdAt: now.toISOString(),
    machines: parts,
    acrossMachines: acrossMachines(parts),
    summary: {
      machines: parts.length,
      regressed: sum((r) => r.summary.regressed),
      missedTargets: sum((r) => r.summary.missedTargets),
      missingRequired: sum((r) => r.summary.missingRequired),
      baselineOnOtherHardware: parts.filter((p) => p.report.baseline?.sameHardware === false).length,
      pass: parts.every((p) => p.report.summary.pass),
    },
  };
}

/**
 * The same (id, measure) on every machine, with each estimate as a multiple of the fastest one:
 * the smallest value for times and counts, the largest for rates (lowerIsBetter false). So the
 * fastest machine reads 1.00× and a machine taking twice as long (or doing half the rate) 2.00×.
 */
export function acrossMachines(machines: MachineReport[]): AcrossMachinesRow[] {
  const rows = new Map<string, AcrossMachinesRow>();
  for (const m of machines) {
    for (const b of m.report.benchmarks) {
      const measure = measureOf(b);
      const key = measureKey(b.id, measure);
      const cells = () => machines.map((x) => ({ machine: x.slug, estimate: null, times: null }));
      const row = rows.get(key) ?? { id: b.id, measure, unit: b.unit, lowerIsBetter: b.lowerIsBetter, cells: cells(), note: null };
      const estimate = b.status === 'ok' ? estimateOf(b) : null;
      row.cells.find((c) => c.machine === m.slug)!.estimate = estimate;
      if (b.unit !== row.unit || b.lowerIsBetter !== row.lowerIsBetter) row.note = `not comparable: ${row.unit} on one machine, ${b.unit} on another`;
      rows.set(key, row);
    }
  }
  for (const row of rows.values()) {
    if (row.note) continue;
    const values = row.cells.map((c) => c.estimate).filter((v): v is number => v !== null && v > 0);
    if (values.length === 0) continue;
    const best = row.lowerIsBetter ? Math.min(...values) : Math.max(...values);
    for (const c of row.cells) if (c.estimate !== null && c.estimate > 0) c.times = row.lowerIsBetter ? c.estimate / best : best / c.estimate;
  }
  return [...rows.values()].sort(byIdThenMeasure);
}

/** `1.00×`, `2.31×`. */
export const formatTimes = (times: number | null) => (times === null ? '–' : `${times.toFixed(2)}×`);
