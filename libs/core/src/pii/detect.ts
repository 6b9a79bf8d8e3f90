import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, NOT_SURNAMES, SURNAMES, TITLES } from './name-gazetteer.ts';
import {
  DATE_DIGIT_FIRST,
  DATE_MONTH_FIRST,
  DOB_CONTEXT,
  EMAIL,
  NI_INVALID_PREFIXES,
  NI_NUMBER,
  PHONE,
  POSTCODE,
  STUDENT_ID,
  matchEnd,
} from './patterns.ts';
import type { PiiSpan, PiiType } from './types.ts';

// Character classes for the scanner: one 64 K table lookup per character, no branches on ranges.
// Everything from U+0080 counts as a word character, except the Unicode spaces.
const OTHER = 0;
const DIGIT = 1;
const UPPER = 2;
const LOWER = 3;
const PLUS = 4;
const WORDISH = 5;
const CLASS = new Uint8Array(65536).fill(WORDISH, 128);
for (let c = 0; c < 128; c++) CLASS[c] = OTHER;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
for (let c = 65; c <= 90; c++) CLASS[c] = UPPER;
for (let c = 97; c <= 122; c++) CLASS[c] = LOWER;
CLASS[43] = PLUS;
CLASS[95] = WORDISH; // '_' belongs to words (e.g. e-mail local parts)
for (const c of [0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) CLASS[c] = OTHER;
for (let c = 0x2000; c <= 0x200a; c++) CLASS[c] = OTHER;
/** 1 for characters that continue a word (letters, digits, '_', non-ASCII letters). */
const WORD_CHAR = CLASS.map((k) => (k === OTHER || k === PLUS ? 0 : 1));

const AT = 64;
const SPACE = 32;
const NBSP = 0xa0;
const DOT = 46;
const HYPHEN = 45;
const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;
/** An e-mail local part is at most 64 characters. */
const MAX_LOCAL_PART = 64;
/** How far back a date looks for "born", "DOB", "date of birth". */
const DOB_WINDOW = 48;


function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/**
 * Finds personal data in free text: e-mail addresses, UK phone numbers, postcodes, National
 * Insurance numbers, OU-style personal identifiers, dates of birth (dates near "born"/"DOB"/"date
 * of birth") and person names (gazetteer first name + capitalised surname, or a title such as
 * "Dr" + capitalised name).
 *
 * One left-to-right pass: at each word start the first character picks the few sticky patterns
 * that could match there, so the cost is linear in the text. Spans are sorted and never overlap
 * (after a match the scan resumes at its end).
 */
export function detectPii(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  const n = text.length;
  let nextAt = text.indexOf('@');
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = CLASS[c];
    if (cls === OTHER) {
      i++;
      continue;
    }
    if (cls === PLUS) {
      const end = c === 43 && text.charCodeAt(i + 1) === 52 ? matchEnd(PHONE, text, i) : -1;
      if (end > 0) {
        push(spans, text, 'phone', i, end);
        i = end;
      } else i++;
      continue;
    }

    // A word starts at i. E-mail first: its local part may begin with any word character.
    if (nextAt !== -1 && nextAt < i) nextAt = text.indexOf('@', i);
    if (nextAt !== -1 && nextAt - i <= MAX_LOCAL_PART && nextAt > i) {
      const end = matchEnd(EMAIL, text, i);
      if (end > 0) {
        push(spans, text, 'email', i, end);
        i = end;
        continue;
      }
    }

    if (cls === DIGIT) {
      let end = c === 48 ? matchEnd(PHONE, text, i) : -1;
      if (end > 0) {
        push(spans, text, 'phone', i, end);
        i = end;
        continue;
      }
      end = matchEnd(DATE_DIGIT_FIRST, text, i);
      if (end > 0 && hasDobContext(text, i)) {
        push(spans, text, 'date-of-birth', i, end);
        i = end;
        continue;
      }
    } else if (cls === UPPER) {
      const c2 = text.charCodeAt(i + 1);
      if (c2 >= 48 && c2 <= 57) {
        const end = matchFirst(text, i, STUDENT_ID, 'student-id') ?? matchFirst(text, i, POSTCODE, 'postcode');
        if (end !== undefined) {
          spans.push(end);
          i = end.end;
          continue;
        }
      } else if (isUpper(c2)) {
        let end = matchEnd(NI_NUMBER, text, i);
        if (end > 0 && !NI_INVALID_PREFIXES.has(text.slice(i, i + 2))) {
          push(spans, text, 'ni-number', i, end);
          i = end;
          continue;
        }
        end = matchEnd(POSTCODE, text, i);
        if (end > 0) {
          push(spans, text, 'postcode', i, end);
          i = end;
          continue;
        }
      } else {
        const found = matchNameOrDate(text, i, spans);
        if (found > 0) {
          i = found;
          continue;
        }
        if (found < 0) {
          // The first word was read and is not the start of anything: resume after it.
          i = -found;
          continue;
        }
      }
    }
    // Nothing here: skip the rest of the word.
    i++;
    while (i < n && WORD_CHAR[text.charCodeAt(i)] === 1) i++;
  }
  return spans;
}

function push(spans: PiiSpan[], text: string, type: PiiType, start: number, end: number): void {
  spans.push({ type, start, end, value: text.slice(start, end) });
}

function matchFirst(text: string, at: number, pattern: RegExp, type: PiiType): PiiSpan | undefined {
  const end = matchEnd(pattern, text, at);
  return end > 0 ? { type, start: at, end, value: text.slice(at, end) } : undefined;
}

/**
 * At a capitalised word: a title + name, a first name + surname, or a month-first date of birth.
 * Returns the end of a pushed span (> 0), or minus the end of the word read (< 0) to resume after it.
 */
function matchNameOrDate(text: string, i: number, spans: PiiSpan[]): number {
  const e1 = readNameWord(text, i);
  if (e1 - i < 2) return 0;
  const w1 = text.slice(i, e1);
  if (TITLES.has(w1)) {
    const start = nameGap(text, text.charCodeAt(e1) === DOT ? e1 + 1 : e1);
    if (start < 0) return -e1;
    const e2 = readNameWord(text, start);
    const w2 = text.slice(start, e2);
    if (!isNameLike(w2)) return -e1;
    const end = extendWithSurname(text, e2, FIRST_NAMES.has(w2));
    push(spans, text, 'person-name', start, end);
    return end;
  }
  if (FIRST_NAMES.has(w1)) {
    const s2 = nameGap(text, e1);
    if (s2 < 0) return -e1;
    const e2 = readNameWord(text, s2);
    const w2 = text.slice(s2, e2);
    if (!isNameLike(w2)) return -e1;
    // A middle name: "Mary Ann Smith".
    const end = FIRST_NAMES.has(w2) ? extendWithSurname(text, e2, true) : e2;
    push(spans, text, 'person-name', i, end);
    return end;
  }
  const s2 = AMBIGUOUS_FIRST_NAMES.has(w1) ? nameGap(text, e1) : -1;
  if (s2 > 0) {
    const e2 = readNameWord(text, s2);
    if (isSurname(text.slice(s2, e2))) {
      push(spans, text, 'person-name', i, e2);
      return e2;
    }
  }
  if (w1.length >= 3 && isMonthStart(w1)) {
    const end = matchEnd(DATE_MONTH_FIRST, text, i);
    if (end > 0 && hasDobContext(text, i)) {
      push(spans, text, 'date-of-birth', i, end);
      return end;
    }
  }
  return -e1;
}

/** After a name word ending at `e`: include a following surname when it is clearly one. */
function extendWithSurname(text: string, e: number, previousIsFirstName: boolean): number {
  const s3 = nameGap(text, e);
  if (s3 < 0) return e;
  const e3 = readNameWord(text, s3);
  const w3 = text.slice(s3, e3);
  if (!isNameLike(w3)) return e;
  if (isSurname(w3) || (previousIsFirstName && !FIRST_NAMES.has(w3))) return e3;
  return e;
}

/**
 * The start of the next word of a name after position `e`: one to three spaces (or no-break
 * spaces), then a capital letter; -1 otherwise. Names never run across line breaks.
 */
function nameGap(text: string, e: number): number {
  let k = e;
  while (k - e < 3 && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === NBSP)) k++;
  return k > e && isUpper(text.charCodeAt(k)) ? k : -1;
}

/** Capitalised, has a lower-case letter (not an acronym), not a common capitalised word. */
function isNameLike(word: string): boolean {
  if (word.length < 2 || NOT_SURNAMES.has(word) || TITLES.has(word)) return false;
  for (let k = 1; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

function isSurname(word: string): boolean {
  if (SURNAMES.has(word)) return true;
  const hyphen = word.indexOf('-');
  return hyphen > 0 && SURNAMES.has(word.slice(0, hyphen)) && SURNAMES.has(word.slice(hyphen + 1));
}

/**
 * Reads a name-shaped word at `i`: letters, with inner hyphens or apostrophes (Smith-Jones,
 * O'Connor) but not a possessive "'s".
 */
function readNameWord(text: string, i: number): number {
  const n = text.length;
  let k = i;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (isLetter(c)) {
      k++;
      continue;
    }
    if ((c === HYPHEN || c === APOSTROPHE || c === RIGHT_QUOTE) && k > i && isLetter(text.charCodeAt(k + 1))) {
      const possessive = c !== HYPHEN && (text.charCodeAt(k + 1) | 32) === 115 && !isLetter(text.charCodeAt(k + 2));
      if (possessive) break;
      k++;
      continue;
    }
    break;
  }
  return k;
}

const MONTH_PREFIXES = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);

/** First letters of month names: most capitalised words are rejected without a substring. */
const MONTH_INITIALS = new Set([65, 68, 70, 74, 77, 78, 79, 83]); // A D F J M N O S

function isMonthStart(word: string): boolean {
  return MONTH_INITIALS.has(word.charCodeAt(0)) && MONTH_PREFIXES.has(word.slice(0, 3));
}

/**
 * True when "born", "DOB" or "date of birth" appears shortly before `at` in the same sentence
 * (a full stop followed by a space and a capital ends the window; "D.O.B. 1/2/85" does not).
 */
function hasDobContext(text: string, at: number): boolean {
  let from = Math.max(0, at - DOB_WINDOW);
  const newline = text.lastIndexOf('\n', at - 1);
  if (newline >= from) from = newline + 1;
  let window = text.slice(from, at);
  for (let k = window.length - 3; k >= 0; k--) {
    if (window.charCodeAt(k) === DOT && window.charCodeAt(k + 1) === SPACE && isUpper(window.charCodeAt(k + 2))) {
      window = window.slice(k + 2);
      break;
    }
  }
  return DOB_CONTEXT.test(window);
}
