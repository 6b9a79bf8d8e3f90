/**
 * UK telephone numbers in the ways people write them: 07700 900123, 07700-900-123, (01632) 960123,
 * +44 7700 900123, +44 (0)20 7946 0958, 0044 20 7946 0958, +447700900123.
 *
 * A hand-written scanner rather than a regular expression: the digits may be grouped by single
 * spaces, hyphens or dots, or by a closing parenthesis, and the number must hold exactly 9 or 10
 * digits after the trunk prefix (0) or the country code (44), so the scan counts digits and keeps
 * the longest end at which the count is valid ("call 01632 960123 2 times" stops before " 2").
 */

const PLUS = 43;
const OPEN = 40;
const CLOSE = 41;
const SPACE = 32;
const HYPHEN = 45;
const DOT = 46;
const ZERO = 48;
const FOUR = 52;
/** Significant digits of a UK number after 0 or 44. */
const MIN_DIGITS = 9;
const MAX_DIGITS = 10;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSeparator(c: number): boolean {
  return c === SPACE || c === HYPHEN || c === DOT;
}

/** End of a UK phone number starting at `i` (at "+", "0" or "("), or -1. */
export function matchPhone(text: string, i: number): number {
  let k = i;
  let open = false;
  if (text.charCodeAt(k) === OPEN) {
    open = true;
    k++;
  }
  // Prefix: +44, 0044 or the trunk 0.
  if (text.charCodeAt(k) === PLUS || (text.charCodeAt(k) === ZERO && text.charCodeAt(k + 1) === ZERO)) {
    k += text.charCodeAt(k) === PLUS ? 1 : 2;
    if (text.charCodeAt(k) !== FOUR || text.charCodeAt(k + 1) !== FOUR) return -1;
    k += 2;
    if (open && text.charCodeAt(k) === CLOSE) {
      open = false;
      k++;
    }
    if (isSeparator(text.charCodeAt(k))) k++;
    // An optional "(0)": the trunk prefix people keep after the country code.
    if (text.charCodeAt(k) === OPEN && text.charCodeAt(k + 1) === ZERO && text.charCodeAt(k + 2) === CLOSE) {
      k += 3;
      if (isSeparator(text.charCodeAt(k))) k++;
    }
  } else if (text.charCodeAt(k) === ZERO) {
    k++;
  } else {
    return -1;
  }
  const first = text.charCodeAt(k);
  if (!isDigit(first) || first === ZERO) return -1;

  let digits = 0;
  let best = -1;
  const n = text.length;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (isDigit(c)) {
      digits++;
      k++;
      if (digits > MAX_DIGITS) break;
      if (digits >= MIN_DIGITS && !isDigit(text.charCodeAt(k)) && !open && endsCleanly(text, k)) best = k;
      continue;
    }
    if (c === CLOSE && open) {
      open = false;
      k++;
      if (text.charCodeAt(k) === SPACE) k++;
      if (!isDigit(text.charCodeAt(k))) break;
      continue;
    }
    if (isSeparator(c) && isDigit(text.charCodeAt(k + 1)) && isDigit(text.charCodeAt(k - 1))) {
      k++;
      continue;
    }
    break;
  }
  return best;
}

/** A number ends before a space, punctuation or the end, not inside a longer code (07700900123abc, 0117-496-0123-4). */
function endsCleanly(text: string, k: number): boolean {
  if (k >= text.length) return true;
  const c = text.charCodeAt(k);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return false;
  if ((c === HYPHEN || c === DOT || c === 47) && isDigit(text.charCodeAt(k + 1))) return false;
  return true;
}
