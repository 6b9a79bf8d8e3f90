import { LETTER, Letter } from './letter-class.ts';

/**
 * Academic citations, which TMA answers are full of, name people by their surname alone:
 * "Okafor (2019)", "Okafor's (2019) study", "Okafor et al.", "(Okafor, 2019)", "Okafor and Blaga
 * (2019)", and in a reference list "Okafor, N. (2019)". The shape around the word says it is an
 * author; no list of names is needed. These functions read that shape after a capitalised word; the
 * caller decides whether the word itself can be a surname (not an acronym, a product, a common
 * word).
 */

const SPACE = 32;
const NBSP = 0xa0;
const OPEN_PAREN = 40;
const COMMA = 44;
const DOT = 46;
const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;
const AMPERSAND = 38;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A year of publication at `k`: 19xx or 20xx, not followed by another digit. */
function yearAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  const d = text.charCodeAt(k + 1);
  return ((c === 49 && d === 57) || (c === 50 && d === 48)) && isDigit(text.charCodeAt(k + 2)) && isDigit(text.charCodeAt(k + 3)) && !isDigit(text.charCodeAt(k + 4));
}

function skipSpaces(text: string, k: number): number {
  while (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === NBSP) k++;
  return k;
}

/** End of the capitalised word (letters, inner hyphens and apostrophes) at `k`, or -1. */
function capitalisedWordEnd(text: string, k: number): number {
  if (LETTER[text.charCodeAt(k)] !== Letter.Upper) return -1;
  let e = k + 1;
  for (;;) {
    const kind = LETTER[text.charCodeAt(e)];
    if (kind === Letter.Upper || kind === Letter.Lower || kind === Letter.Mark) e++;
    else if ((text.charCodeAt(e) === 45 || text.charCodeAt(e) === APOSTROPHE || text.charCodeAt(e) === RIGHT_QUOTE) && LETTER[text.charCodeAt(e + 1)] === Letter.Lower) e += 2;
    else return e;
  }
}

export type CitationEvidence = 'year' | 'et-al' | null;

/**
 * What follows the word ending at `end`, as citation evidence: `year` for "(2019)", ", 2019" or a
 * co-author before one ("and Blaga (2019)"), `et-al` for "et al." (strong: only authors take it);
 * null for anything else.
 */
export function citationAfter(text: string, end: number, coAuthor = true): CitationEvidence {
  let k = end;
  const c = text.charCodeAt(k);
  // "Okafor's (2019) study"
  if ((c === APOSTROPHE || c === RIGHT_QUOTE) && text.charCodeAt(k + 1) === 115 && !(LETTER[text.charCodeAt(k + 2)] > 0)) k += 2;
  if (text.charCodeAt(k) === COMMA) {
    // "(Okafor, 2019)" or "(Okafor, 2019, p. 4)"
    return yearAt(text, skipSpaces(text, k + 1)) ? 'year' : null;
  }
  const next = skipSpaces(text, k);
  if (next === k) return null;
  const n = text.charCodeAt(next);
  if (n === OPEN_PAREN) return yearAt(text, next + 1) ? 'year' : null;
  if (n === 101 && text.startsWith('et al', next) && !(LETTER[text.charCodeAt(next + 5)] > 0)) return 'et-al';
  if (!coAuthor) return null;
  // "Okafor and Blaga (2019)", "Okafor & Blaga, 2019": the co-author's citation counts for both.
  let after = -1;
  if (n === 97 && text.startsWith('and', next) && text.charCodeAt(next + 3) === SPACE) after = skipSpaces(text, next + 3);
  else if (n === AMPERSAND) after = skipSpaces(text, next + 1);
  if (after < 0) return null;
  const coEnd = capitalisedWordEnd(text, after);
  return coEnd < 0 ? null : citationAfter(text, coEnd, false);
}

/**
 * "Okafor, N." or "Okafor, N. A." in a reference list: the end of the initials after the word
 * ending at `end`, or -1. Only a capital and a full stop count as an initial.
 */
export function referenceInitialsEnd(text: string, end: number): number {
  if (text.charCodeAt(end) !== COMMA || text.charCodeAt(end + 1) !== SPACE) return -1;
  let k = end + 2;
  let last = -1;
  while (LETTER[text.charCodeAt(k)] === Letter.Upper && text.charCodeAt(k + 1) === DOT) {
    last = k + 2;
    k += text.charCodeAt(k + 2) === SPACE && LETTER[text.charCodeAt(k + 3)] === Letter.Upper && text.charCodeAt(k + 4) === DOT ? 3 : 2;
    if (k === last) break;
  }
  return last;
}
