/**
 * Sticky (`y`) patterns for the structured PII types. The detector only tries them at a word start
 * whose first character fits, so each is anchored and short-lived: no pattern scans the whole text.
 */

/** Local part, then one or more dot-separated labels and a letters-only top-level domain. */
export const EMAIL = /[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![A-Za-z0-9-])/y;

/**
 * UK numbers: +44 (optionally "(0)") then 9–10 digits, or 0 then 9–10 digits; single spaces or
 * hyphens may group the digits ("07700 900123", "+44 20 7946 0958", "0117-496-0123").
 */
export const PHONE = /(?:\+44 ?(?:\(0\) ?)?|0)[1-9](?:[ -]?\d){8,9}(?![\d])/y;

/** Outward code (A9, A9A, A99, AA9, AA9A, AA99), optional space, inward code 9AA. */
export const POSTCODE = /[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}(?![A-Za-z0-9])/y;

/**
 * National Insurance number: two prefix letters (D, F, I, Q, U, V never used; O never second),
 * six digits optionally grouped in pairs, suffix A–D.
 */
export const NI_NUMBER = /[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/y;
/** Prefixes the NI scheme never allocates. */
export const NI_INVALID_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/** OU-style personal identifier: one capital letter and seven digits. */
export const STUDENT_ID = /[A-Z]\d{7}(?![A-Za-z0-9])/y;

const MONTH = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';

/** Dates starting with a digit: 1985-03-12, 12/03/1985, 12.03.85, 12 March 1985, 3rd of March, 1985. */
export const DATE_DIGIT_FIRST = new RegExp(
  `(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:${MONTH})\\.?,? \\d{4})(?![A-Za-z0-9])`,
  'y',
);

/** Dates starting with the month: March 12, 1985 / March 12th 1985. */
export const DATE_MONTH_FIRST = new RegExp(`(?:${MONTH})\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}(?![A-Za-z0-9])`, 'y');

/** Words that make a nearby date a date of birth. */
export const DOB_CONTEXT = /\b(?:born|d\.?o\.?b|birth(?:day|date)?)\b/i;

/** End of the match of a sticky pattern at `at`, or -1. */
export function matchEnd(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : -1;
}
