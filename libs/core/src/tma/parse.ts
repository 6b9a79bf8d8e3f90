import { HEADER_FIELDS, HEADER_FIELD_BY_LABEL, isBlankLine, readHeading } from './layout.ts';
import { TmaParseError } from './parse-error.ts';
import { HeadingKeys, type DuplicateHeading } from './heading-keys.ts';
import { codePointLabel, countWordsRejectingControls, findControlChar } from './word-count.ts';
import type { TmaAnswer, TmaHeader, TmaSubmission } from './types.ts';

const NEWLINE = 10;
const BACKSLASH = 92;
const COLON = 58;
const FIELD_LIST = HEADER_FIELDS.map((f) => f.label).join(', ');

/**
 * Parses a submission in the TMA plain-text format (see layout.ts).
 *
 * A single forward scan over lines (indexOf('\n')) with hand-written checks per line: no regular
 * expression ever sees the whole text, so the cost is linear and random input cannot make it hang.
 * Anything malformed throws TmaParseError with the 1-based line number.
 */
export function parseTma(input: string): TmaSubmission {
  if (typeof input !== 'string') throw new TypeError('parseTma: input must be a string');
  let text = input;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // CRLF → LF keeps line numbers; any carriage return left after this is a control character.
  if (text.indexOf('\r') !== -1) text = text.replace(/\r\n/g, '\n');
  // Repeated headings are found after the scan (heading-keys.ts); the error that is reported is
  // still the first in the text, as if the scan had stopped there.
  const headings = new HeadingKeys();
  let submission: TmaSubmission;
  try {
    submission = scan(text, headings);
  } catch (error) {
    const duplicate = error instanceof TmaParseError ? headings.firstDuplicate() : null;
    if (duplicate !== null && duplicate.line < (error as TmaParseError).line) throw duplicateError(duplicate);
    throw error;
  }
  const duplicate = headings.firstDuplicate();
  if (duplicate !== null) throw duplicateError(duplicate);
  return submission;
}

function duplicateError({ question, part, line }: DuplicateHeading): TmaParseError {
  return new TmaParseError(line, `duplicate heading for question ${question}${part === null ? '' : ` (${part})`}`);
}

/** The line scan; every heading goes to `headings`, which the caller checks for repeats. */
function scan(text: string, headings: HeadingKeys): TmaSubmission {
  const n = text.length;

  const header: Partial<TmaHeader> = {};
  let headerCount = 0;
  let inHeader = false;
  let headerDone = false;

  const answers: TmaAnswer[] = [];
  let totalWords = 0;
  // The answer being read.
  let current: { question: number; part: string | null; line: number } | null = null;
  let textStart = -1;
  let textEnd = -1;
  let escaped = false;

  const finishAnswer = (): void => {
    if (current === null) return;
    let answerText = '';
    let words = 0;
    if (textStart >= 0) {
      if (!escaped) {
        words = countWordsChecked(text, textStart, textEnd);
        answerText = text.slice(textStart, textEnd);
      } else {
        checkControlChars(text, textStart, textEnd);
        answerText = unescapeLines(text.slice(textStart, textEnd));
        words = countWordsChecked(answerText, 0, answerText.length);
      }
    }
    answers.push({ question: current.question, part: current.part, text: answerText, wordCount: words, line: current.line });
    totalWords += words;
    current = null;
    textStart = -1;
    textEnd = -1;
    escaped = false;
  };

  const endHeader = (line: number): void => {
    if (headerCount < HEADER_FIELDS.length) {
      const missing = HEADER_FIELDS.find((f) => header[f.field] === undefined)!;
      throw new TmaParseError(line, `missing header field "${missing.label}"`);
    }
    headerDone = true;
  };

  let pos = 0;
  let line = 0;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = n;
    line++;
    const lineStart = pos;
    pos = end + 1;

    if (!headerDone) {
      if (isBlankLine(text, lineStart, end)) {
        if (inHeader) endHeader(line);
        continue;
      }
      const heading = readHeading(text, lineStart, end);
      if (heading === null) {
        inHeader = true;
        readHeaderLine(text, lineStart, end, line, header);
        headerCount++;
        continue;
      }
      if (!inHeader) throw new TmaParseError(line, 'the submission must start with the header (Course, TMA, Student ID, Student name, Submitted)');
      endHeader(line);
      // fall through: this line is the first heading
    }

    // A line starting with a backslash is escaped (see layout.ts), so it is never a heading.
    const first = text.charCodeAt(lineStart);
    const heading = first === BACKSLASH ? null : readHeading(text, lineStart, end);
    if (heading !== null) {
      finishAnswer();
      headings.add(heading.question, heading.part, line);
      current = { question: heading.question, part: heading.part, line };
      continue;
    }
    if (isBlankLine(text, lineStart, end)) continue;
    if (current === null) throw new TmaParseError(line, 'text before the first "Question <n>" heading');
    if (textStart < 0) textStart = lineStart;
    textEnd = end;
    if (first === BACKSLASH) escaped = true;
  }

  if (!headerDone) {
    if (!inHeader) throw new TmaParseError(Math.max(line, 1), 'empty submission');
    endHeader(line);
  }
  if (current === null && answers.length === 0) throw new TmaParseError(Math.max(line, 1), 'no "Question <n>" headings found');
  finishAnswer();
  return { header: header as TmaHeader, answers, wordCount: totalWords };
}

function readHeaderLine(text: string, start: number, end: number, line: number, header: Partial<TmaHeader>): void {
  let colon = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON) {
      colon = i;
      break;
    }
  }
  const control = findControlChar(text, start, end);
  if (control >= 0) throw new TmaParseError(line, `control character ${codePointLabel(text.charCodeAt(control))} in header`);
  if (colon < 0) throw new TmaParseError(line, `expected a header line "Field: value" (fields: ${FIELD_LIST})`);
  const label = text.slice(start, colon).trim();
  const field = HEADER_FIELD_BY_LABEL.get(label.toLowerCase());
  if (field === undefined) throw new TmaParseError(line, `unknown header field "${label.slice(0, 40)}" (expected one of ${FIELD_LIST})`);
  if (header[field] !== undefined) throw new TmaParseError(line, `duplicate header field "${label}"`);
  const value = text.slice(colon + 1, end).trim();
  if (value === '') throw new TmaParseError(line, `header field "${label}" is empty`);
  header[field] = value;
}

/** Counts words in `text[start, end)` and rejects control characters in the same pass. */
function countWordsChecked(text: string, start: number, end: number): number {
  const words = countWordsRejectingControls(text, start, end);
  if (words < 0) throw controlCharError(text, -1 - words);
  return words;
}

function checkControlChars(text: string, start: number, end: number): void {
  const at = findControlChar(text, start, end);
  if (at >= 0) throw controlCharError(text, at);
}

/** Error path only: the 1-based line of position `at` (CRLF normalisation keeps line numbers). */
function controlCharError(text: string, at: number): TmaParseError {
  let line = 1;
  for (let j = text.indexOf('\n'); j !== -1 && j < at; j = text.indexOf('\n', j + 1)) line++;
  const c = text.charCodeAt(at);
  return new TmaParseError(line, `control character ${codePointLabel(c)} in answer text`);
}

/** Removes the one leading backslash from escaped lines. */
function unescapeLines(region: string): string {
  const lines = region.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].charCodeAt(0) === BACKSLASH) lines[i] = lines[i].slice(1);
  }
  return lines.join('\n');
}
