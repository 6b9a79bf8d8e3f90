/**
 * Sticky (`y`) patterns for the structured PII types. The detector only tries them at a word start
 * whose first character fits, so each is anchored and short-lived: no pattern scans the whole text.
 */

/**
 * Local part (letters of any script, digits, . _ % + - and apostrophes: sean.o'brien), then one or
 * more dot-separated labels and a top-level domain of letters. Case never matters. Non-ASCII is
 * the range U+00C0–U+FFFF rather than \p{L}: a /u pattern was several times slower to reject the
 * words before an "@", where it runs most.
 */
export const EMAIL = /[A-Za-z0-9._%+'\u00c0-\uffff-]+@(?:[A-Za-z0-9\u00c0-\uffff-]+\.)+[A-Za-z\u00c0-\uffff]{2,}(?![A-Za-z0-9\u00c0-\uffff-])/y;

/**
 * Outward code (A9, A9A, A99, AA9, AA9A, AA99), an optional space, inward code 9AA, in either case
 * (people type "mk7 6aa"). Letters the Royal Mail never uses narrow it: no Q, V, X first; no I, J,
 * Z second; no C, I, K, M, O, V in the inward code.
 */
export const POSTCODE = /[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])/iy;

/**
 * National Insurance number: two prefix letters (D, F, I, Q, U, V never used; O never second), six
 * digits, suffix A–D; any case, the digits grouped or not by spaces or hyphens (AB 12 34 56 C,
 * ab123456c, AB 123456 C, AB-12-34-56-C).
 */
export const NI_NUMBER = /[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][ -]?\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?[A-D](?![A-Za-z0-9])/iy;
/** Prefixes the NI scheme never allocates. */
export const NI_INVALID_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/** OU-style personal identifier: one letter (either case) and seven digits. */
export const STUDENT_ID = /[A-Z]\d{7}(?![A-Za-z0-9])/iy;

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
