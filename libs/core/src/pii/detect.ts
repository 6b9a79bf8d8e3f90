import { LETTER as LETTER_TABLE, Letter } from './letter-class.ts';
import { DATE_DIGIT_FIRST, DATE_MONTH_FIRST, DOB_CONTEXT, EMAIL, NI_INVALID_PREFIXES, NI_NUMBER, POSTCODE, STUDENT_ID, matchEnd } from './patterns.ts';
import { matchPersonName } from './person-names.ts';
import { matchPhone } from './phone.ts';
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
CLASS[40] = PLUS; // '(' may open a phone number: (01632) 960123
CLASS[95] = WORDISH; // '_' belongs to words (e.g. e-mail local parts)
for (const c of [0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) CLASS[c] = OTHER;
for (let c = 0x2000; c <= 0x200a; c++) CLASS[c] = OTHER;
/** 1 for characters that continue a word (letters, digits, '_', non-ASCII letters). */
const WORD_CHAR = CLASS.map((k) => (k === OTHER || k === PLUS ? 0 : 1));

const LETTER = LETTER_TABLE;
const NAME_UPPER = Letter.Upper;
const NAME_CASELESS = Letter.Caseless;
const SPACE = 32;
const DOT = 46;
const ZERO = 48;
/** An e-mail local part is at most 64 characters. */
const MAX_LOCAL_PART = 64;
/** How far back a date looks for "born", "DOB", "date of birth". */
const DOB_WINDOW = 48;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/**
 * Finds personal data in free text: e-mail addresses, UK phone numbers, postcodes, National
 * Insurance numbers, OU-style personal identifiers, dates of birth (dates near "born"/"DOB"/"date
 * of birth") and person names (person-names.ts: titles, name-shaped capitalised words, scripts
 * without case, cues such as "my colleague").
 *
 * One left-to-right pass: at each word start the first characters pick the few patterns that could
 * match there, so the cost is linear in the text. Spans are sorted and never overlap (after a match
 * the scan resumes at its end).
 */
export function detectPii(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  // (No closure over `text` or `spans` here: a captured variable lives in a heap context, and every
  // read of it in this loop would cost a load; that doubled the scan's time.)
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
      const end = matchPhone(text, i);
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
      let end = c === ZERO ? matchPhone(text, i) : -1;
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
    } else if (cls === LOWER) {
      // Most lower-case words have two more lower-case letters, so no code (mk7 6aa, ab 12 34 56 c,
      // b2345678) starts there; the scan resumes after them, so the check reads nothing extra.
      if (CLASS[text.charCodeAt(i + 1)] === LOWER && CLASS[text.charCodeAt(i + 2)] === LOWER) {
        i += 3;
        while (i < n && WORD_CHAR[text.charCodeAt(i)] === 1) i++;
        continue;
      }
      const code = matchCode(text, i);
      if (code !== null) {
        spans.push(code);
        i = code.end;
        continue;
      }
    } else if (cls === UPPER) {
      const code = CLASS[text.charCodeAt(i + 1)] === LOWER && CLASS[text.charCodeAt(i + 2)] === LOWER ? null : matchCode(text, i);
      if (code !== null) {
        spans.push(code);
        i = code.end;
        continue;
      }
      const date = matchMonthFirstDate(text, i);
      if (date > 0) {
        push(spans, text, 'date-of-birth', i, date);
        i = date;
        continue;
      }
      const found = matchPersonName(text, i, spans);
      if (found > 0) {
        i = found;
        continue;
      }
      if (found < 0) {
        // Words were read and are not the start of anything: resume after them.
        i = -found;
        continue;
      }
    } else if (LETTER[c] === NAME_UPPER || LETTER[c] === NAME_CASELESS) {
      const found = matchPersonName(text, i, spans);
      if (found !== 0) {
        i = Math.abs(found);
        continue;
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

/** A digit second or third ("b2", "mk7"), or fourth after a space or hyphen ("ab 12"): what every letter-first code has. */
function mayStartCode(text: string, i: number): boolean {
  const c3 = text.charCodeAt(i + 2);
  return isDigit(text.charCodeAt(i + 1)) || isDigit(c3) || ((c3 === SPACE || c3 === 45) && isDigit(text.charCodeAt(i + 3)));
}

/**
 * Letter-first identifiers at a word start: OU personal identifier (A1234567), postcode (SW1A 1AA,
 * mk7 6aa) and NI number (AB 12 34 56 C). Tried only when the first characters fit, so ordinary
 * words cost two comparisons.
 */
function matchCode(text: string, i: number): PiiSpan | null {
  // Short words ("a", "of", "is") end here.
  if (!mayStartCode(text, i)) return null;
  const c2 = text.charCodeAt(i + 1);
  if (isDigit(c2)) {
    return matchFirst(text, i, STUDENT_ID, 'student-id') ?? matchPostcode(text, i);
  }
  // NI "AB 12…", "AB12…"; postcode "SW1A…", "EC1A…": two letters, then a digit (mayStartCode saw it).
  if (!isUpper(c2) && !isLower(c2)) return null;
  const end = matchEnd(NI_NUMBER, text, i);
  if (end > 0 && !NI_INVALID_PREFIXES.has(text.slice(i, i + 2).toUpperCase())) return { type: 'ni-number', start: i, end, value: text.slice(i, end) };
  return matchPostcode(text, i);
}

/** A postcode, except a lower-case one whose inward code reads as an ordinal ("b2 3rd row"). */
function matchPostcode(text: string, i: number): PiiSpan | null {
  const end = matchEnd(POSTCODE, text, i);
  if (end < 0) return null;
  const value = text.slice(i, end);
  if (value === value.toLowerCase() && isOrdinal(value.slice(-3))) return null;
  return { type: 'postcode', start: i, end, value };
}

/** "1st", "2nd", "3rd", "4th"…"0th": a digit with its own ordinal suffix. */
function isOrdinal(digitAndSuffix: string): boolean {
  const suffix = digitAndSuffix.slice(1);
  switch (digitAndSuffix[0]) {
    case '1':
      return suffix === 'st';
    case '2':
      return suffix === 'nd';
    case '3':
      return suffix === 'rd';
    default:
      return suffix === 'th';
  }
}

/** A month-first date of birth ("March 12, 1985") at a capitalised word, or -1. */
function matchMonthFirstDate(text: string, i: number): number {
  if (!isMonthAt(text, i)) return -1;
  const end = matchEnd(DATE_MONTH_FIRST, text, i);
  return end > 0 && hasDobContext(text, i) ? end : -1;
}

/** Month abbreviations by first letter: most capitalised words are rejected by one table lookup, none by a substring. */
const MONTHS_BY_INITIAL: (readonly string[] | undefined)[] = [];
for (const m of ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']) {
  const c = m.charCodeAt(0);
  MONTHS_BY_INITIAL[c] = [...(MONTHS_BY_INITIAL[c] ?? []), m];
}

function isMonthAt(text: string, i: number): boolean {
  const candidates = MONTHS_BY_INITIAL[text.charCodeAt(i)];
  if (candidates === undefined) return false;
  for (const m of candidates) if (text.startsWith(m, i)) return true;
  return false;
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
