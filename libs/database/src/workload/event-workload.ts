import type { NewEvent } from '@workflow-bench/core';

/**
 * The events both engines are benchmarked with: marking-workflow events whose JSON `data` is
 * always exactly EVENT_DATA_BYTES long, so every engine and every benchmark writes the same bytes
 * per event. Deterministic in `seq`, so a reader can check what it reads back.
 */
export const EVENT_DATA_BYTES = 512;

const TYPES = ['TmaSubmitted', 'TmaAnonymised', 'FeedbackGenerated', 'MarkRecorded'] as const;
const COURSES = ['TM112', 'TM129', 'M250', 'TT284', 'TM254'] as const;
const WORDS = 'the student explains the algorithm clearly but the complexity argument needs a worked example and a reference to the unit material'.split(' ');

export interface WorkloadEventData {
  seq: number;
  course: string;
  tma: string;
  student: string;
  question: number;
  mark: number;
  digest: string;
  feedback: string;
}

/** The `data` of event number `seq` (1-based). */
export function workloadEventData(seq: number): WorkloadEventData {
  const base: WorkloadEventData = {
    seq,
    course: COURSES[seq % COURSES.length]!,
    tma: String((seq % 3) + 1).padStart(2, '0'),
    student: `STU-${hex(seq * 2654435761, 8)}`,
    question: (seq % 6) + 1,
    mark: (seq * 37) % 101,
    digest: hex(seq * 40503, 8).repeat(8),
    feedback: '',
  };
  // seq and mark vary in digit count; the feedback text absorbs the difference.
  const room = EVENT_DATA_BYTES - JSON.stringify(base).length;
  let text = '';
  for (let i = seq % WORDS.length; text.length < room; i++) text += `${WORDS[i % WORDS.length]} `;
  base.feedback = text.slice(0, room);
  return base;
}

/** Event number `seq`, with its type cycling through the marking workflow. */
export function workloadEvent(seq: number, metadata?: Record<string, unknown>): NewEvent<WorkloadEventData> {
  const event: NewEvent<WorkloadEventData> = { type: TYPES[seq % TYPES.length]!, data: workloadEventData(seq) };
  if (metadata !== undefined) event.metadata = metadata;
  return event;
}

/** Events `first` .. `first + count - 1`. */
export function workloadEvents(first: number, count: number): NewEvent<WorkloadEventData>[] {
  return Array.from({ length: count }, (_, i) => workloadEvent(first + i));
}

function hex(n: number, width: number): string {
  return (Math.abs(Math.imul(n | 0, 0x9e3779b1)) >>> 0).toString(16).padStart(width, '0').slice(-width);
}
