import { isCommonWord } from './common-words.ts';
import type { PiiSpan } from './types.ts';
import { LETTER as LETTER_TABLE, Letter } from './letter-class.ts';
import { DETERMINERS, HYPHENATED_PARTICLES, INNER_CAPITAL_PREFIXES, NAME_LABELS, NAME_PARTICLES, PLACE_PREPOSITIONS, ROLE_NOUNS, SALUTATIONS } from './name-cues.ts';
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, NOT_SURNAMES, SURNAMES, TITLES } from './name-gazetteer.ts';
import { PLACES, PLACE_AND_ORGANISATION_ENDINGS, PRODUCTS_AND_COMPANIES } from './non-names.ts';

/**
 * Person names, found from the shape of the text rather than from lists of names alone:
 *
 * - a run of words in a script without case (Chinese, Arabic, Devanagari, Hangul, …): in an
 *   English submission such a run is almost always a name;
 * - a title (Dr, Mrs, Prof) and the capitalised words after it;
 * - a chain of capitalised name words (with diacritics, O'Brien, Jean-Luc, particles such as
 *   van der / da / ap, initials) that holds a gazetteer first name or a word that is not common
 *   English (Wójcik, Olasupo): names are made of such words, while capitalised phrases of common
 *   words (Open University, British Computer Society) are not names;
 * - a single such word after a cue: a role ("my colleague Tomasz"), a greeting ("Dear Siân"), or a
 *   label ("Student name:").
 *
 * A chain is not a person when it ends like a place or organisation (Walton Hall, Jennie Lee
 * Building), holds a known place or product (Milton Keynes, Microsoft Teams), follows a preposition
 * of place without a first name in it (in São Paulo), or has a capital inside a word (GitHub).
 */

// Module-local copies of the letter table and its classes: the scan reads them for every character
// of a capitalised word, and a read of an imported binding is a module-cell load with a hole check
// that an interleaved old/new comparison showed in the totals (tsx runs the benches and servers).
const LETTER = LETTER_TABLE;
const UPPER = Letter.Upper;
const LOWER = Letter.Lower;
const CASELESS = Letter.Caseless;
const MARK = Letter.Mark;

/** A letter of a cased script (either case) or a combining mark: what continues a name word. */
function continuesName(c: number): boolean {
  const k = LETTER[c];
  return k === UPPER || k === LOWER || k === MARK;
}

const SPACE = 32;
const NBSP = 0xa0;
const DOT = 46;
const HYPHEN = 45;
const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;
const COLON = 58;
const COMMA = 44;
const NEWLINE = 10;
/** Words a chain may hold: a name has at most a few, and the bound keeps the scan linear. */
const MAX_CHAIN = 6;
/** Joining words in a row: "van der", "de la", "bin Abd al". */
const MAX_PARTICLES = 3;
/** How far back a cue word is looked for. */
const CUE_WINDOW = 24;

const NO_WORDS: readonly string[] = [];
/** First letters of the titles, so most words are ruled out as titles without a substring. */
const TITLE_INITIALS = new Uint8Array(128);
for (const t of TITLES) TITLE_INITIALS[t.charCodeAt(0)] = 1;

/** One word of a possible name. */
interface NameWord {
  start: number;
  end: number;
  word: string;
  /** "J." */
  initial: boolean;
  /** A lower-case joining word (van, da, ap); never starts or ends a name. */
  particle: boolean;
}

/**
 * At `i`, a word starting with an upper-case letter (of any cased script) or a letter of a script
 * without case. Returns the end of a name (its span is pushed onto `spans`); or minus the end of the words read
 * when they are not a name, to resume the scan after them; or 0 when no name word starts here.
 */
export function matchPersonName(text: string, i: number, spans: PiiSpan[]): number {
  const kind = LETTER[text.charCodeAt(i)];
  if (kind === CASELESS) {
    const end = readCaselessRun(text, i);
    pushName(spans, text, i, end);
    return end;
  }
  if (kind !== UPPER) return 0;
  const wordEnd = readLetters(text, i);
  // "I", "A": English words, never part of a name (initials carry a full stop and are read below).
  if (wordEnd - i === 1 && text.charCodeAt(i) < 128 && text.charCodeAt(wordEnd) !== DOT) return 0;
  if (!continuesChain(text, wordEnd) && wordEnd - i > 1) {
    // One word (most capitalised words: "The", "In", "Python"): a name only after a title or a cue.
    // Decided before any allocation but the word itself.
    if (!boundaryAt(text, wordEnd)) return 0;
    if (TITLE_INITIALS[text.charCodeAt(i)] === 1) {
      const word = text.slice(i, wordEnd);
      if (TITLES.has(word)) return afterTitle(text, { start: i, end: wordEnd, word, initial: false, particle: false }, spans);
    }
    // Most single capitalised words open a sentence: no cue can stand before them, so they are
    // decided without taking the word out of the text.
    if (cueBefore(text, i, NO_WORDS) === null) return -wordEnd;
    const word = text.slice(i, wordEnd);
    if (NOT_SURNAMES.has(word) || SALUTATIONS.has(word)) return -wordEnd;
  } else if (wordEnd - i > 1) {
    // A function word before more capitalised words ("The Open University", "In Milton Keynes"):
    // resume at the next word, which starts its own chain; the word is still seen there as the
    // word before (a greeting, an article, a preposition).
    const word = text.slice(i, wordEnd);
    if ((NOT_SURNAMES.has(word) || SALUTATIONS.has(word)) && !AMBIGUOUS_FIRST_NAMES.has(word) && boundaryAt(text, wordEnd)) return -wordEnd;
  }
  const first = readWord(text, i);
  if (first === null) return 0;
  const chain = readChain(text, first);
  const chainEnd = chain[chain.length - 1].end;
  const leadingStops: string[] = [];
  // Function words and sentence openers before the name: "The", "Thanks", "Yesterday".
  while (chain.length > 0) {
    const w = chain[0];
    if (TITLES.has(w.word)) return afterTitle(text, w, spans);
    // "June Parker", "River Bartoletti": a first name that is also a word, before a gazetteer surname.
    if (chain.length > 1 && (AMBIGUOUS_FIRST_NAMES.has(w.word) || FIRST_NAMES.has(w.word)) && SURNAMES.has(chain[1].word)) break;
    const stop = NOT_SURNAMES.has(w.word) || SALUTATIONS.has(w.word);
    const opener = !stop && !w.initial && !FIRST_NAMES.has(w.word) && isCommon(w.word) && (chain.length >= 3 || (chain.length === 2 && atSentenceStart(text, w.start)));
    if (!stop && !opener) break;
    leadingStops.push(w.word);
    chain.shift();
  }
  while (chain.length > 0 && chain[0].particle) chain.shift();
  while (chain.length > 0 && (chain[chain.length - 1].particle || chain[chain.length - 1].initial)) chain.pop();
  if (chain.length === 0) return -chainEnd;
  if (!isPerson(text, chain, leadingStops)) return -chainEnd;
  const end = chain[chain.length - 1].end;
  pushName(spans, text, chain[0].start, end);
  return end;
}

function pushName(spans: PiiSpan[], text: string, start: number, end: number): void {
  spans.push({ type: 'person-name', start, end, value: text.slice(start, end) });
}

/** After a title: the name words that follow (the title itself is not part of the span). */
function afterTitle(text: string, title: NameWord, spans: PiiSpan[]): number {
  const next = nextWordStart(text, text.charCodeAt(title.end) === DOT ? title.end + 1 : title.end);
  if (next < 0) return -title.end;
  const w = readWord(text, next);
  if (w === null || w.particle || TITLES.has(w.word) || (!hasLowerCase(w.word) && !w.initial)) return -title.end;
  if (NOT_SURNAMES.has(w.word) && !AMBIGUOUS_FIRST_NAMES.has(w.word)) return -title.end;
  const chain = readChain(text, w);
  while (chain.length > 1 && (chain[chain.length - 1].particle || chain[chain.length - 1].initial)) chain.pop();
  const last = chain[chain.length - 1];
  if (last.initial) return -title.end;
  pushName(spans, text, w.start, last.end);
  return last.end;
}

function isPerson(text: string, chain: NameWord[], leadingStops: string[]): boolean {
  const words = chain.filter((w) => !w.particle && !w.initial);
  if (words.length === 0) return false;
  const initials = chain.length - words.length - chain.filter((w) => w.particle).length;
  const last = words[words.length - 1].word;
  const hasFirstName = words.some((w) => FIRST_NAMES.has(w.word));
  const before = wordBefore(text, chain[0].start).toLowerCase();
  const afterPreposition = PLACE_PREPOSITIONS.has(before);
  // "the Walton Hall campus", "an Open University module": people's names take no article.
  if (DETERMINERS.has(before)) return false;
  if (PLACE_AND_ORGANISATION_ENDINGS.has(last) && (words.length > 2 || !hasFirstName || afterPreposition)) return false;
  // A gazetteer first name and surname are a person even when a word is also a place or product (Francisco Borer).
  const gazetteerPair = words.length >= 2 && (hasFirstName || AMBIGUOUS_FIRST_NAMES.has(words[0].word)) && words.slice(1).some((w) => SURNAMES.has(w.word));
  if (!gazetteerPair && words.some((w) => PLACES.has(w.word) || PRODUCTS_AND_COMPANIES.has(w.word) || hasInnerCapital(w.word))) return false;
  const cue = cueBefore(text, chain[0].start, leadingStops);
  if (cue === 'label' || gazetteerPair) return true;
  if (!hasFirstName && cue !== 'person' && afterPreposition) return false;
  // "J. R. Nakamura": initials before a word that is not common English.
  if (words.length === 1) return (cue === 'person' || initials > 0) && !isCommon(last) && !NOT_SURNAMES.has(last);
  if (hasFirstName) return true;
  return words.some((w) => !isCommon(w.word) && !NOT_SURNAMES.has(w.word)) || cue === 'person';
}

type Cue = 'person' | 'label' | null;

/** What stands before the name: a role or greeting ("my colleague", "Dear"), or a label ("name:"). */
function cueBefore(text: string, at: number, leadingStops: readonly string[]): Cue {
  if (leadingStops.some((w) => SALUTATIONS.has(w))) return 'person';
  let k = at - 1;
  while (k >= 0 && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === NBSP)) k--;
  const punct = text.charCodeAt(k);
  // After a full stop, a line break or an opening bracket no cue word stands right before.
  if (k < 0 || (punct !== COLON && punct !== COMMA && !continuesName(punct))) return null;
  if (punct === COLON) {
    const label = wordBefore(text, k + 1, true);
    if (NAME_LABELS.has(`${label.toLowerCase()}:`)) return 'label';
  }
  if (punct === COMMA) k--;
  const previous = wordBefore(text, k + 1);
  if (previous === '') return null;
  if (ROLE_NOUNS.has(previous) || SALUTATIONS.has(previous) || ROLE_NOUNS.has(previous.toLowerCase())) return 'person';
  return null;
}

/** The word ending at `end` (letters, hyphens), within the cue window and the same line; '' if none. */
function wordBefore(text: string, end: number, includePunctuation = false): string {
  let e = end;
  while (e > 0 && (text.charCodeAt(e - 1) === SPACE || text.charCodeAt(e - 1) === NBSP)) e--;
  if (includePunctuation && text.charCodeAt(e - 1) === COLON) e--;
  let s = e;
  const limit = Math.max(0, end - CUE_WINDOW);
  while (s > limit && (continuesName(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === HYPHEN)) s--;
  return text.slice(s, e);
}

function atSentenceStart(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === NBSP)) k--;
  if (k < 0) return true;
  const c = text.charCodeAt(k);
  return c === NEWLINE || c === DOT || c === 33 || c === 63 || c === COLON || c === 34 || c === 40 || c === 0x201c;
}

/**
 * The words of a name chain starting with `first`: name words separated by one to three spaces on
 * the same line, with joining particles between them (van der Berg), up to MAX_CHAIN words.
 */
function readChain(text: string, first: NameWord): NameWord[] {
  const chain = [first];
  let end = first.end;
  while (chain.length < MAX_CHAIN) {
    const next = nextWordStart(text, end);
    if (next < 0) break;
    const w = readWord(text, next);
    if (w === null) break;
    if (w.particle) {
      // Particles (van der, de la) belong to the name only when a capitalised word follows them.
      const particles = [w];
      let w2: NameWord | null = w;
      while (w2 !== null && w2.particle && particles.length <= MAX_PARTICLES) {
        const after = nextWordStart(text, w2.end);
        w2 = after < 0 ? null : readWord(text, after);
        if (w2 !== null && w2.particle) particles.push(w2);
      }
      if (w2 === null || w2.particle) break;
      chain.push(...particles, w2);
      end = w2.end;
      continue;
    }
    chain.push(w);
    end = w.end;
  }
  return chain;
}

/**
 * True when a name word may follow the word ending at `e`: spaces, then an upper-case letter or a
 * short lower-case word (a particle: van, da). Checked before any chain is built, without allocating.
 */
function continuesChain(text: string, e: number): boolean {
  let k = nextWordStart(text, e);
  // Up to MAX_PARTICLES particles, then a capital: "van der Berg", "al-Maktoum".
  for (let particles = 0; k >= 0; particles++) {
    if (LETTER[text.charCodeAt(k)] === UPPER) return true;
    if (particles === MAX_PARTICLES) return false;
    const end = particleEnd(text, k);
    if (end < 0) return false;
    if (text.charCodeAt(end) === HYPHEN) return LETTER[text.charCodeAt(end + 1)] === UPPER;
    k = nextWordStart(text, end);
  }
  return false;
}

/** Particles by first letter, so a lower-case word is ruled out by one lookup and no substring. */
const PARTICLES_BY_INITIAL: (string[] | undefined)[] = [];
for (const p of new Set([...NAME_PARTICLES, ...HYPHENATED_PARTICLES])) (PARTICLES_BY_INITIAL[p.charCodeAt(0)] ??= []).push(p);

/** End of a particle (or hyphenated particle prefix) at `k`, or -1. */
function particleEnd(text: string, k: number): number {
  const candidates = PARTICLES_BY_INITIAL[text.charCodeAt(k)];
  if (candidates === undefined) return -1;
  for (const p of candidates) {
    const end = k + p.length;
    if (text.startsWith(p, k) && LETTER[text.charCodeAt(end)] !== LOWER && LETTER[text.charCodeAt(end)] !== MARK) return end;
  }
  return -1;
}

/** Start of the next word after one to three spaces, when it can start a name word; else -1. */
function nextWordStart(text: string, e: number): number {
  let k = e;
  while (k - e < 3 && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === NBSP)) k++;
  if (k === e) return -1;
  const kind = LETTER[text.charCodeAt(k)];
  return kind === UPPER || kind === LOWER ? k : -1;
}

/**
 * Reads a name word at `i`: an upper-case letter, then letters and combining marks, with inner
 * hyphens and apostrophes before a letter (O'Brien, D’Souza, Jean-Luc) but not a possessive "'s";
 * or an initial ("J."); or a joining particle in lower case (van, da, al-Maktoum as one word).
 * Returns null for anything else (lower-case words, acronyms are read but fail `hasLowerCase`).
 */
function readWord(text: string, i: number): NameWord | null {
  const n = text.length;
  const c0 = text.charCodeAt(i);
  const kind = LETTER[c0];
  if (kind === LOWER) {
    // Only particles: "van", "da", "al-Maktoum".
    let k = i;
    while (k < n && LETTER[text.charCodeAt(k)] === LOWER) k++;
    const word = text.slice(i, k);
    if (text.charCodeAt(k) === HYPHEN && HYPHENATED_PARTICLES.has(word) && LETTER[text.charCodeAt(k + 1)] === UPPER) {
      const end = readLetters(text, k + 1);
      return { start: i, end, word: text.slice(i, end), initial: false, particle: false };
    }
    return NAME_PARTICLES.has(word) && boundaryAt(text, k) ? { start: i, end: k, word, initial: false, particle: true } : null;
  }
  if (kind !== UPPER) return null;
  if (text.charCodeAt(i + 1) === DOT && (text.charCodeAt(i + 2) === SPACE || text.charCodeAt(i + 2) === NBSP)) {
    return { start: i, end: i + 2, word: text.slice(i, i + 2), initial: true, particle: false };
  }
  const end = readLetters(text, i);
  if (!boundaryAt(text, end)) return null;
  const word = text.slice(i, end);
  // One letter is a word (I, A) unless it is a non-English initial such as the Irish Ó.
  if (end - i === 1 && c0 < 128) return null;
  if (!hasLowerCase(word) && end - i > 1) return null; // acronyms: TMA, IEEE
  return { start: i, end, word, initial: false, particle: false };
}

/** Letters and marks from `i`, with inner hyphens/apostrophes before a letter, stopping before a possessive. */
function readLetters(text: string, i: number): number {
  const n = text.length;
  let k = i;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (continuesName(c)) {
      k++;
      continue;
    }
    if ((c === HYPHEN || c === APOSTROPHE || c === RIGHT_QUOTE) && k > i && continuesName(text.charCodeAt(k + 1))) {
      const possessive = c !== HYPHEN && (text.charCodeAt(k + 1) | 32) === 115 && !continuesName(text.charCodeAt(k + 2));
      if (possessive) break;
      k++;
      continue;
    }
    break;
  }
  return k;
}

/** A name word ends at a space, punctuation or line end, not inside a longer token (e-mail, code, number). */
function boundaryAt(text: string, k: number): boolean {
  if (k >= text.length) return true;
  const c = text.charCodeAt(k);
  if (c === 64 || c === 95 || (c >= 48 && c <= 57)) return false; // @, _, digits
  if (c === DOT) {
    const after = text.charCodeAt(k + 1);
    return !(continuesName(after) || (after >= 48 && after <= 57));
  }
  return LETTER[c] !== CASELESS;
}

/** A run of letters of scripts without case, joined by single spaces (Arabic and Hindi names have them). */
function readCaselessRun(text: string, i: number): number {
  const n = text.length;
  let k = i;
  let end = i;
  while (k < n) {
    const kind = LETTER[text.charCodeAt(k)];
    if (kind === CASELESS || kind === MARK || text.charCodeAt(k) === 0x200c || text.charCodeAt(k) === 0x200d) {
      k++;
      end = k;
      continue;
    }
    if (text.charCodeAt(k) === SPACE && LETTER[text.charCodeAt(k + 1)] === CASELESS) {
      k++;
      continue;
    }
    break;
  }
  return end;
}

function hasLowerCase(word: string): boolean {
  for (let k = 1; k < word.length; k++) if (LETTER[word.charCodeAt(k)] === LOWER) return true;
  return false;
}

/** GitHub, OUBuild, JavaScript: a capital after the first letter that no naming prefix explains. */
function hasInnerCapital(word: string): boolean {
  for (let k = 1; k < word.length; k++) {
    if (LETTER[word.charCodeAt(k)] !== UPPER) continue;
    const before = word.charCodeAt(k - 1);
    if (before === HYPHEN || before === APOSTROPHE || before === RIGHT_QUOTE) continue;
    if (!INNER_CAPITAL_PREFIXES.has(word.slice(0, k))) return true;
  }
  return false;
}

function isCommon(word: string): boolean {
  return isCommonWord(word) || (hasInnerCapital(word) && isCommonWord(word.toLowerCase()));
}
