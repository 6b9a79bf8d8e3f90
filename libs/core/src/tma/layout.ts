/**
 * The TMA plain-text format, shared by the parser and the formatter:
 *
 * ```text
 * Course: TM112
 * TMA: 01
 * Student ID: A1234567
 * Student name: Jane Smith
 * Submitted: 2024-03-15
 *
 * Question 1 (a)
 * Answer text, any number of lines and paragraphs.
 *
 * Question 2
 * …
 * ```
 *
 * A heading is a whole line `Question <n>` or `Question <n> (<part>)`. Inside an answer, a line
 * that would read as a heading, or that starts with a backslash, is written with one extra
 * leading backslash, which the parser removes.
 */
import type { TmaHeader } from './types.ts';

/** Header labels in the order the formatter writes them. */
export const HEADER_FIELDS: readonly { label: string; field: keyof TmaHeader }[] = [
  { label: 'Course', field: 'courseCode' },
  { label: 'TMA', field: 'tmaNumber' },
  { label: 'Student ID', field: 'studentId' },
  { label: 'Student name', field: 'studentName' },
  { label: 'Submitted', field: 'submissionDate' },
];

/** Lower-cased label → field, for the parser's case-insensitive lookup. */
export const HEADER_FIELD_BY_LABEL: ReadonlyMap<string, keyof TmaHeader> = new Map(
  HEADER_FIELDS.map(({ label, field }) => [label.toLowerCase(), field]),
);

export const MAX_QUESTION = 999;
export const MAX_PART_LENGTH = 4;

const Q = 81; // 'Q'
const SPACE = 32;
const TAB = 9;
const OPEN = 40; // '('
const CLOSE = 41; // ')'
const ZERO = 48;
const NINE = 57;
const LOWER_A = 97;
const LOWER_Z = 122;

export interface Heading {
  question: number;
  part: string | null;
}

/**
 * Reads `text[start, end)` as a question heading, or returns null when the line is not one.
 * Hand-written so a line is examined once, without regular-expression backtracking.
 */
export function readHeading(text: string, start: number, end: number): Heading | null {
  if (end - start < 10 || text.charCodeAt(start) !== Q || !text.startsWith('Question ', start)) return null;
  let i = start + 9;
  // Trailing spaces/tabs are tolerated.
  while (end > i && isBlank(text.charCodeAt(end - 1))) end--;
  let question = 0;
  const digitsStart = i;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) break;
    question = question * 10 + (c - ZERO);
    i++;
  }
  const digits = i - digitsStart;
  if (digits === 0 || digits > 3 || text.charCodeAt(digitsStart) === ZERO) return null;
  if (i === end) return { question, part: null };
  if (text.charCodeAt(i) === SPACE) i++;
  if (text.charCodeAt(i) !== OPEN || text.charCodeAt(end - 1) !== CLOSE) return null;
  const partStart = i + 1;
  const partEnd = end - 1;
  const len = partEnd - partStart;
  if (len < 1 || len > MAX_PART_LENGTH) return null;
  for (let j = partStart; j < partEnd; j++) {
    const c = text.charCodeAt(j);
    if (c < LOWER_A || c > LOWER_Z) return null;
  }
  return { question, part: text.slice(partStart, partEnd) };
}

export function formatHeading(question: number, part: string | null): string {
  return part === null ? `Question ${question}` : `Question ${question} (${part})`;
}

export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** True when `text[start, end)` holds only spaces and tabs. */
export function isBlankLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isBlank(text.charCodeAt(i))) return false;
  return true;
}
