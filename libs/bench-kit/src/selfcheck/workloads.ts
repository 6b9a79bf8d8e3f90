import { createHash } from 'node:crypto';

/** One function measured by every tool in the self-check. */
export interface Workload {
  name: string;
  /** What one call does, for the table. */
  description: string;
  /** Builds the call; its result is what each tool keeps from being optimised away. */
  make(): () => unknown;
}

const KIB = Buffer.alloc(1024, 0x61);
const RECORD = { id: 4242, course: 'TM112', tma: '01', student: 'STU-9f3a21c0', marks: [12, 18, 9, 20], feedback: 'Clear structure; expand the evaluation in 2(b).' };
const TEXT = Array.from({ length: 24 }, (_, i) => `Answer ${i}: the student AB${String(123456 + i)}C cites the unit material and the reference list. `).join('');
const ID_PATTERN = /\b[A-Z]{2}\d{6}[A-D]\b/g;

/** noop, SHA-256 of 1 KiB, a JSON round trip, a regex scan (issue 17.3). */
export const WORKLOADS: readonly Workload[] = [
  { name: 'noop', description: 'an empty function', make: () => () => undefined },
  { name: 'sha256-1KiB', description: 'createHash("sha256") of 1 KiB, hex digest', make: () => () => createHash('sha256').update(KIB).digest('hex') },
  { name: 'json-roundtrip', description: `JSON.parse(JSON.stringify(record)), ${JSON.stringify(RECORD).length} bytes`, make: () => () => JSON.parse(JSON.stringify(RECORD)) },
  { name: 'regex-scan', description: `count of /\\b[A-Z]{2}\\d{6}[A-D]\\b/g over ${TEXT.length} characters`, make: () => () => TEXT.match(ID_PATTERN)?.length },
];

export function findWorkload(name: string): Workload {
  const workload = WORKLOADS.find((w) => w.name === name);
  if (!workload) throw new Error(`unknown workload ${JSON.stringify(name)} (known: ${WORKLOADS.map((w) => w.name).join(', ')})`);
  return workload;
}
