/**
 * Encoding rows for `COPY ... FROM STDIN` in PostgreSQL's text format: tab-separated columns,
 * newline-terminated rows, `\N` for NULL, and backslash escapes for the characters that would
 * otherwise end a field or row.
 */

export type CopyValue = string | number | null;

export function encodeCopyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  // Fast path: JSON text and ids rarely contain any of these.
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function encodeCopyRow(values: readonly CopyValue[]): string {
  let row = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) row += '\t';
    row += encodeCopyField(values[i] ?? null);
  }
  return row + '\n';
}
