import { HEADER_FIELDS, formatHeading, isBlankLine, readHeading } from './layout.ts';
import type { TmaHeader, TmaSubmission } from './types.ts';

/** Where the formatter put things; the generator uses it to place ground-truth PII spans. */
export interface TmaLayout {
  text: string;
  /** Offset in `text` of each header value. */
  headerValueOffsets: Record<keyof TmaHeader, number>;
  /** Offset in `text` of each answer's first character, or -1 when its lines had to be escaped. */
  answerTextOffsets: number[];
}

/**
 * Writes a submission in the TMA plain-text format (layout.ts). `parseTma(formatTma(s))` deep-equals
 * `s` for any parsed submission: answer line numbers and word counts are recomputed by the parser,
 * so they match whenever they were consistent in `s`.
 */
export function formatTma(submission: TmaSubmission): string {
  return layoutTma(submission).text;
}

export function layoutTma(submission: TmaSubmission): TmaLayout {
  const parts: string[] = [];
  let length = 0;
  const push = (s: string): void => {
    parts.push(s);
    length += s.length;
  };
  const headerValueOffsets = {} as Record<keyof TmaHeader, number>;
  for (const { label, field } of HEADER_FIELDS) {
    const value = submission.header[field];
    if (typeof value !== 'string' || value === '' || value !== value.trim() || /[\n\r]/.test(value)) {
      throw new TypeError(`formatTma: header.${field} must be a non-empty single-line string without surrounding spaces`);
    }
    push(`${label}: `);
    headerValueOffsets[field] = length;
    push(value);
    push('\n');
  }
  const answerTextOffsets: number[] = [];
  for (const answer of submission.answers) {
    push('\n');
    push(formatHeading(answer.question, answer.part));
    push('\n');
    if (answer.text === '') {
      answerTextOffsets.push(length);
      continue;
    }
    const body = needsEscaping(answer.text) ? escapeLines(answer.text) : answer.text;
    answerTextOffsets.push(body === answer.text ? length : -1);
    push(body);
    push('\n');
  }
  return { text: parts.join(''), headerValueOffsets, answerTextOffsets };
}

/**
 * Cheap whole-text checks first: escaping is only needed for a backslash or heading at a line
 * start, or a blank first/last line (the parser trims blank lines around an answer).
 */
function needsEscaping(text: string): boolean {
  if (text.includes('\\') || text.startsWith('Question ') || text.includes('\nQuestion ')) return true;
  const firstEnd = text.indexOf('\n');
  if (isBlankLine(text, 0, firstEnd === -1 ? text.length : firstEnd)) return true;
  return isBlankLine(text, text.lastIndexOf('\n') + 1, text.length);
}

function escapeLines(text: string): string {
  const lines = text.split('\n');
  const last = lines.length - 1;
  return lines
    .map((line, i) => {
      const mustEscape =
        line.startsWith('\\') ||
        readHeading(line, 0, line.length) !== null ||
        ((i === 0 || i === last) && isBlankLine(line, 0, line.length));
      return mustEscape ? `\\${line}` : line;
    })
    .join('\n');
}
