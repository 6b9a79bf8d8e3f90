/** Human-readable numbers for tables and progress lines. */

export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return String(ns);
  const a = Math.abs(ns);
  if (a < 1e3) return `${ns.toFixed(a < 10 ? 2 : 1)} ns`;
  if (a < 1e6) return `${(ns / 1e3).toFixed(a < 1e4 ? 2 : 1)} µs`;
  if (a < 1e9) return `${(ns / 1e6).toFixed(a < 1e7 ? 2 : 1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

export function formatCount(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e9) return `${(x / 1e9).toFixed(2)} G`;
  if (a >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (a >= 1e3) return `${(x / 1e3).toFixed(2)} k`;
  return x.toFixed(a < 10 ? 2 : 1);
}

export function formatBytes(b: number): string {
  const a = Math.abs(b);
  if (a >= 2 ** 30) return `${(b / 2 ** 30).toFixed(2)} GiB`;
  if (a >= 2 ** 20) return `${(b / 2 ** 20).toFixed(1)} MiB`;
  if (a >= 2 ** 10) return `${(b / 2 ** 10).toFixed(1)} KiB`;
  return `${b} B`;
}

/** A value in a sample unit, e.g. `12.3 µs`, `1.52 M instr`, `0.93x`, `4.2 k requests/s`. */
export function formatValue(value: number, unit: string): string {
  switch (unit) {
    case 'ns':
      return formatNs(value);
    case 'instructions':
      return `${formatCount(value)} instr`;
    case 'ratio':
      return `${value.toFixed(3)}x`;
    case 'bytes':
      return formatBytes(value);
    default:
      return `${formatCount(value)} ${unit}`;
  }
}

export function formatThroughput(perSecond: number, unit: string): string {
  if (unit === 'bytes') return `${formatBytes(perSecond)}/s`;
  return `${formatCount(perSecond)} ${unit}/s`;
}
