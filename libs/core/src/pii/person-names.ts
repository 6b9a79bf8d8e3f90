import { isCommonWord } from './common-words.ts';
import type { PiiSpan } from './types.ts';
import { LETTER as LETTER_TABLE, Letter } from './letter-class.ts';
import { citationAfter, referenceInitialsEnd } from './citation.ts';
import {
  DETERMINERS,
  HYPHENATED_PARTICLES,
  INNER_CAPITAL_PREFIXES,
  NAME_LABELS,
  NAME_PARTICLES,
  PEOPLE_GROUPS,
  PLACE_PREPOSITIONS,
  REPORTING_VERBS,
  ROLE_NOUNS,
  SALUTATIONS,
  SIGN_OFFS,
} from './name-cues.ts';
import { TITLES } from './name-gazetteer.ts';
import { MULTI_WORD_PLACES } from './non-names.ts';
import { SpanWordSet } from './span-word-set.ts';
import { WordClass, wordClasses } from './word-class.ts';

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

/** 1 for a letter of a cased script (either case) or a combining mark: what continues a name word. */
const CONTINUES_NAME = LETTER.map((k) => (k === UPPER || k === LOWER || k === MARK ? 1 : 0));

/** One lookup instead of three comparisons: it runs for every letter of every capitalised word. */
function continuesName(c: number): boolean {
  return CONTINUES_NAME[c] === 1;
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

const TITLE = WordClass.Title;
const FIRST_NAME = WordClass.FirstName;
const AMBIGUOUS_FIRST_NAME = WordClass.AmbiguousFirstName;
const SURNAME = WordClass.Surname;
const NOT_SURNAME = WordClass.NotSurname;
const SALUTATION = WordClass.Salutation;
const PLACE_ENDING = WordClass.PlaceEnding;
/** A place or a product: a chain holding one is not a person unless a gazetteer pair says so. */
const PLACE_OR_PRODUCT = WordClass.Place | WordClass.Product;
const PLACE_OPENING = WordClass.PlaceOpening;
const PLACE_PHRASE_START = WordClass.PlacePhraseStart;
const NEVER_PERSON_ENDING = WordClass.NeverPersonEnding;
/** What a cited surname cannot be: a function word, a greeting, a title, a place, a product. */
const NEVER_CITED =
  WordClass.NotSurname | WordClass.Salutation | WordClass.Title | WordClass.Place | WordClass.Product | WordClass.PlaceEnding | WordClass.PlaceOpening;
// The word lists asked about a span of the text (see span-word-set.ts for why).
const TITLE_SPANS = new SpanWordSet(TITLES);
const SALUTATION_SPANS = new SpanWordSet(SALUTATIONS);
const ROLE_SPANS = new SpanWordSet(ROLE_NOUNS, { foldCase: true });
const LABEL_SPANS = new SpanWordSet([...NAME_LABELS].map((label) => label.replace(/:$/, '')), { foldCase: true });
const PREPOSITION_SPANS = new SpanWordSet(PLACE_PREPOSITIONS, { foldCase: true });
const DETERMINER_SPANS = new SpanWordSet(DETERMINERS, { foldCase: true });
const SIGN_OFF_SPANS = new SpanWordSet(SIGN_OFFS, { foldCase: true });
const REPORTING_SPANS = new SpanWordSet(REPORTING_VERBS);
const GROUP_SPANS = new SpanWordSet(PEOPLE_GROUPS, { foldCase: true });
/** Words that join the items of a list of names: "Siosaia, Losana and Wiremu". */
const JOIN_WORDS = ['and', 'or', '&'];
/** Words that open a list after a group of people: "users such as Ngozi", "friends like Kofi", "staff including Ama". */
const OPENER_WORDS = ['as', 'like', 'including'];
const LIST_JOINS = new SpanWordSet(JOIN_WORDS);
const LIST_OPENERS = new SpanWordSet(OPENER_WORDS);
/** Either (one lookup on the path every capitalised word after a word takes). */
const LIST_WORDS = new SpanWordSet([...JOIN_WORDS, ...OPENER_WORDS]);
const SUCH = new SpanWordSet(['such'], { foldCase: true });
/** Items looked back over to find where a list of names opens. */
const MAX_LIST_ITEMS = 6;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;

/** One word of a possible name. */
interface NameWord {
  start: number;
  end: number;
  word: string;
  /** "J." */
  initial: boolean;
  /** A lower-case joining word (van, da, ap); never starts or ends a name. */
  particle: boolean;
  /** What the word is known to be (word-class.ts). */
  classes: number;
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
  let first: NameWord | null;
  if (!continuesChain(text, wordEnd) && wordEnd - i > 1) {
    // One word (most capitalised words: "The", "In", "Python"): a name only after a title or a cue.
    // Decided before any allocation but the word itself.
    if (!boundaryAt(text, wordEnd)) return 0;
    if (TITLE_SPANS.has(text, i, wordEnd)) return afterTitle(text, { start: i, end: wordEnd, word: text.slice(i, wordEnd), initial: false, particle: false, classes: TITLE }, spans);
    // Most single capitalised words open a sentence: no cue can stand before them, so they are
    // decided without taking the word out of the text.
    // A surname in a citation: "Okafor (2019)", "(Okafor, 2019)", "Okafor et al.", "Okafor, N." (citation.ts).
    const cited = mayBeCited(text, wordEnd) ? citedAuthorEnd(text, i, wordEnd) : -1;
    if (cited > 0) {
      pushName(spans, text, i, cited);
      return cited;
    }
    // No cue before: a name only as the speaker before a verb of saying ("Nwachukwu said"). The
    // first two letters after the space rule out nearly every word that follows (see REPORTING_PREFIXES).
    if (cueBefore(text, i, false) === null) {
      const c1 = text.charCodeAt(wordEnd + 1);
      const c2 = text.charCodeAt(wordEnd + 2);
      return c1 < 128 && c2 < 128 && REPORTING_PREFIXES[c1 * 128 + c2] === 1 ? speakerEnd(text, i, wordEnd, spans) : -wordEnd;
    }
    if ((wordClasses(text.slice(i, wordEnd)) & (NOT_SURNAME | SALUTATION)) !== 0) return -wordEnd;
    first = readWord(text, i);
  } else if (wordEnd - i > 1) {
    // A function word before more capitalised words ("The Open University", "In Milton Keynes"):
    // resume at the next word, which starts its own chain; the word is still seen there as the
    // word before (a greeting, an article, a preposition).
    const word = text.slice(i, wordEnd);
    const classes = wordClasses(word);
    const boundary = boundaryAt(text, wordEnd);
    if ((classes & (NOT_SURNAME | SALUTATION)) !== 0 && (classes & AMBIGUOUS_FIRST_NAME) === 0 && boundary) return -wordEnd;
    // The first word of the chain, as readWord would read it (no initial: its second character is a letter).
    first = boundary && hasLowerCase(word) ? { start: i, end: wordEnd, word, initial: false, particle: false, classes } : null;
  } else first = readWord(text, i);
  if (first === null) return 0;
  const chain = readChain(text, first);
  const chainEnd = chain[chain.length - 1].end;
  // A place of several words whose first word is also an opener ("Bury St Edmunds"): looked up on
  // the whole chain, before that word is dropped as one.
  if (chain.length >= 3 && holdsMultiWordPlace(chain)) return -chainEnd;
  // A greeting among the words dropped below ("Thanks Tomasz"): a cue for what follows.
  let afterGreeting = false;
  // Function words and sentence openers before the name: "The", "Thanks", "Yesterday".
  while (chain.length > 0) {
    const w = chain[0];
    if ((w.classes & TITLE) !== 0) return afterTitle(text, w, spans);
    // "June Parker", "River Bartoletti": a first name that is also a word, before a gazetteer surname.
    if (chain.length > 1 && (w.classes & (AMBIGUOUS_FIRST_NAME | FIRST_NAME)) !== 0 && (chain[1].classes & SURNAME) !== 0) break;
    const stop = (w.classes & (NOT_SURNAME | SALUTATION)) !== 0;
    // (After a colon a list or a value starts, not a sentence: "Attendees: Maxim Blaga".)
    const opener =
      !stop && !w.initial && (w.classes & FIRST_NAME) === 0 && isCommon(w.word) && (chain.length >= 3 || (chain.length === 2 && atSentenceStart(text, w.start) && !afterColon(text, w.start)));
    if (!stop && !opener) break;
    if ((w.classes & SALUTATION) !== 0) afterGreeting = true;
    chain.shift();
  }
  while (chain.length > 0 && chain[0].particle) chain.shift();
  while (chain.length > 0 && (chain[chain.length - 1].particle || chain[chain.length - 1].initial)) chain.pop();
  if (chain.length === 0) return -chainEnd;
  if (!isPerson(text, chain, afterGreeting)) return -chainEnd;
  const end = chain[chain.length - 1].end;
  pushName(spans, text, chain[0].start, end);
  return end;
}

/**
 * What can follow a cited surname: a comma ("Okafor, 2019", "Okafor, N."), a possessive, or a space
 * before "(", "et al.", "and", "&". Checked first, by two reads, since it runs for nearly every
 * capitalised word and almost none is cited.
 */
function mayBeCited(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (c === COMMA || c === APOSTROPHE || c === RIGHT_QUOTE) return true;
  if (c !== SPACE) return false;
  const next = text.charCodeAt(end + 1);
  return next === 40 || next === 101 || next === 97 || next === 38;
}

/**
 * The end of a cited author's name at `i` (the word, or the word and its initials in a reference
 * list), or -1. Citation evidence first (cheap, and rare); then the word must be able to be a
 * surname, and a common English word needs more than a year ("Government (2020)" is an
 * organisation; "Brown et al." and "Brown, T." are people).
 */
function citedAuthorEnd(text: string, i: number, wordEnd: number): number {
  const initials = referenceInitialsEnd(text, wordEnd);
  const evidence = initials > 0 ? 'et-al' : citationAfter(text, wordEnd);
  if (evidence === null) return -1;
  const word = text.slice(i, wordEnd);
  if (!hasLowerCase(word) || hasInnerCapital(word)) return -1;
  const classes = wordClasses(word);
  if ((classes & NEVER_CITED) !== 0) return -1;
  if (evidence === 'year' && (classes & (SURNAME | FIRST_NAME)) === 0 && isCommon(word)) return -1;
  return initials > 0 ? initials : wordEnd;
}

function pushName(spans: PiiSpan[], text: string, start: number, end: number): void {
  spans.push({ type: 'person-name', start, end, value: text.slice(start, end) });
}

/** After a title: the name words that follow (the title itself is not part of the span). */
function afterTitle(text: string, title: NameWord, spans: PiiSpan[]): number {
  const next = nextWordStart(text, text.charCodeAt(title.end) === DOT ? title.end + 1 : title.end);
  if (next < 0) return -title.end;
  const w = readWord(text, next);
  if (w === null || w.particle || (w.classes & TITLE) !== 0 || (!hasLowerCase(w.word) && !w.initial)) return -title.end;
  if ((w.classes & NOT_SURNAME) !== 0 && (w.classes & AMBIGUOUS_FIRST_NAME) === 0) return -title.end;
  const chain = readChain(text, w);
  while (chain.length > 1 && (chain[chain.length - 1].particle || chain[chain.length - 1].initial)) chain.pop();
  const last = chain[chain.length - 1];
  if (last.initial) return -title.end;
  pushName(spans, text, w.start, last.end);
  return last.end;
}

function isPerson(text: string, chain: NameWord[], afterGreeting: boolean): boolean {
  // The name words (no particles, no initials), and what any of them is.
  const words: NameWord[] = [];
  let initials = 0;
  let anyClasses = 0;
  for (let k = 0; k < chain.length; k++) {
    const w = chain[k]!;
    if (w.initial) initials++;
    else if (!w.particle) {
      words.push(w);
      anyClasses |= w.classes;
    }
  }
  if (words.length === 0) return false;
  const lastWord = words[words.length - 1]!;
  const last = lastWord.word;
  const hasFirstName = (anyClasses & FIRST_NAME) !== 0;
  const beforeEnd = skipSpacesBack(text, chain[0].start);
  const beforeStart = wordStart(text, beforeEnd, chain[0].start);
  const afterPreposition = PREPOSITION_SPANS.has(text, beforeStart, beforeEnd);
  // "the Walton Hall campus", "an Open University module": people's names take no article.
  if (DETERMINER_SPANS.has(text, beforeStart, beforeEnd)) return false;
  if ((lastWord.classes & NEVER_PERSON_ENDING) !== 0) return false;
  if ((lastWord.classes & PLACE_ENDING) !== 0 && (words.length > 2 || !hasFirstName || afterPreposition)) return false;
  // A gazetteer first name and surname are a person even when a word is also a place or product (Francisco Borer).
  const gazetteerPair = words.length >= 2 && (hasFirstName || (words[0]!.classes & AMBIGUOUS_FIRST_NAME) !== 0) && words.some((w, k) => k > 0 && (w.classes & SURNAME) !== 0);
  if (!gazetteerPair && ((anyClasses & PLACE_OR_PRODUCT) !== 0 || words.some((w) => hasInnerCapital(w.word)))) return false;
  // "Loch Ness", "Mount Kenya"; "Sri Lanka", "Tel Aviv", "Buenos Aires": places, not people.
  if (!gazetteerPair && ((words[0]!.classes & PLACE_OPENING) !== 0 || ((anyClasses & PLACE_PHRASE_START) !== 0 && holdsMultiWordPlace(chain)))) return false;
  const cue = cueBefore(text, chain[0].start, afterGreeting);
  if (cue === 'label' || gazetteerPair) return true;
  if (!hasFirstName && cue !== 'person' && afterPreposition) return false;
  // "J. R. Nakamura": initials before a word that is not common English.
  if (words.length === 1) return (cue === 'person' || initials > 0) && !isCommon(last) && (lastWord.classes & NOT_SURNAME) === 0;
  if (hasFirstName) return true;
  return words.some((w) => !isCommon(w.word) && (w.classes & NOT_SURNAME) === 0) || cue === 'person';
}

type Cue = 'person' | 'label' | null;

/** What stands before the name: a role or greeting ("my colleague", "Dear"), or a label ("name:"). */
function cueBefore(text: string, at: number, afterGreeting: boolean): Cue {
  if (afterGreeting) return 'person';
  let k = at - 1;
  while (k >= 0 && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === NBSP)) k--;
  const punct = text.charCodeAt(k);
  // A sign-off ending the line before: "Kind regards,\nOkafor".
  if (punct === NEWLINE) {
    let e = k;
    if (text.charCodeAt(e - 1) === 13) e--;
    if (text.charCodeAt(e - 1) !== COMMA) return null;
    e = skipSpacesBack(text, e - 1);
    return SIGN_OFF_SPANS.has(text, wordStart(text, e, e), e) ? 'person' : null;
  }
  // An opening bracket after a group of people: "the project team (Siosaia, …)".
  if (punct === OPEN_PAREN) return groupBefore(text, k) ? 'person' : null;
  // After a full stop no cue word stands right before.
  if (k < 0 || (punct !== COLON && punct !== COMMA && !continuesName(punct))) return null;
  // The label before a colon ("Student name:"): the letters right before it.
  if (punct === COLON) {
    if (LABEL_SPANS.has(text, wordStart(text, k, k + 1), k)) return 'label';
    if (groupBefore(text, k)) return 'person';
  }
  if (punct === COMMA) k--;
  const end = skipSpacesBack(text, k + 1);
  const start = wordStart(text, end, k + 1);
  if (ROLE_SPANS.has(text, start, end) || SALUTATION_SPANS.has(text, start, end)) return 'person';
  if (punct === COMMA && SIGN_OFF_SPANS.has(text, start, end)) return 'person';
  // An item of a list of names after a group of people: "(Siosaia, Losana and Wiremu)", "users such as Ngozi".
  const listItemBefore = punct === COMMA && ((start < end && LETTER[text.charCodeAt(start)] === UPPER) || text.charCodeAt(end - 1) === CLOSE_PAREN);
  if (listItemBefore || (punct !== COMMA && LIST_WORDS.has(text, start, end))) {
    if (inPeopleList(text, at)) return 'person';
  }
  // A compound role: "sister-in-law", "step-son", "ex-wife": its first or last part is the role.
  let firstHyphen = start;
  while (firstHyphen < end && text.charCodeAt(firstHyphen) !== HYPHEN) firstHyphen++;
  if (firstHyphen < end) {
    let lastHyphen = end - 1;
    while (text.charCodeAt(lastHyphen) !== HYPHEN) lastHyphen--;
    if (ROLE_SPANS.has(text, start, firstHyphen) || ROLE_SPANS.has(text, lastHyphen + 1, end)) return 'person';
  }
  return null;
}

/** Where the spaces (and no-break spaces) before `end` begin. */
function skipSpacesBack(text: string, end: number): number {
  let e = end;
  while (e > 0 && (text.charCodeAt(e - 1) === SPACE || text.charCodeAt(e - 1) === NBSP)) e--;
  return e;
}

/**
 * The first two letters of every verb of saying, as one bit per pair: nearly every capitalised word
 * opens a sentence with no cue before it, so this check runs for most of them, and the word after
 * ("the", "is", "we") is ruled out by two reads and one lookup before it is read whole.
 */
const REPORTING_PREFIXES = new Uint8Array(128 * 128);
for (const verb of REPORTING_VERBS) REPORTING_PREFIXES[verb.charCodeAt(0) * 128 + verb.charCodeAt(1)] = 1;

/**
 * The single capitalised word at `i` as the speaker before a verb of saying ("Nwachukwu said",
 * "Dariusz explained that …"): its end when it is one (pushed onto `spans`), else minus its end.
 * A word that is English, a place, a product, a title or an acronym is no speaker's name.
 */
function speakerEnd(text: string, i: number, wordEnd: number, spans: PiiSpan[]): number {
  if (text.charCodeAt(wordEnd) !== SPACE) return -wordEnd;
  let e = wordEnd + 1;
  while (LETTER[text.charCodeAt(e)] === LOWER) e++;
  if (continuesName(text.charCodeAt(e)) || !REPORTING_SPANS.has(text, wordEnd + 1, e)) return -wordEnd;
  const word = text.slice(i, wordEnd);
  if ((wordClasses(word) & NEVER_CITED) !== 0 || !hasLowerCase(word) || hasInnerCapital(word) || isCommon(word)) return -wordEnd;
  pushName(spans, text, i, wordEnd);
  return wordEnd;
}

/** True when the word before `at` (an opening bracket or a colon) names a group of people: "team (", "Attendees:". */
function groupBefore(text: string, at: number): boolean {
  const end = skipSpacesBack(text, at);
  return GROUP_SPANS.has(text, wordStart(text, end, end), end);
}

/**
 * True when the word at `at` is an item of a list that opens after a group of people: looks back
 * over the items before it (capitalised words, each perhaps with a bracketed role, joined by commas,
 * "and", "or") to the bracket, colon, "such as", "like" or "including" that opens the list.
 */
function inPeopleList(text: string, at: number): boolean {
  let k = skipSpacesBack(text, at);
  for (let items = 0; items <= MAX_LIST_ITEMS && k > 0; items++) {
    const c = text.charCodeAt(k - 1);
    if (c === OPEN_PAREN || c === COLON) return groupBefore(text, k - 1);
    let joinStart: number;
    if (c === COMMA) joinStart = k - 1;
    else {
      const s = wordStart(text, k, k);
      if (LIST_OPENERS.has(text, s, k)) {
        // "such as": the group is before "such".
        if (text.charCodeAt(s) === 97 /* a */) {
          const suchEnd = skipSpacesBack(text, s);
          const suchStart = wordStart(text, suchEnd, suchEnd);
          if (!SUCH.has(text, suchStart, suchEnd)) return false;
          return groupBefore(text, suchStart);
        }
        return groupBefore(text, s);
      }
      if (!LIST_JOINS.has(text, s, k)) return false;
      joinStart = s;
    }
    // The item before the join: an optional bracketed role, then one to three capitalised words.
    k = skipSpacesBack(text, joinStart);
    if (text.charCodeAt(k - 1) === CLOSE_PAREN) {
      let open = k - 2;
      while (open > 0 && k - open < CUE_WINDOW && text.charCodeAt(open) !== OPEN_PAREN) open--;
      if (text.charCodeAt(open) !== OPEN_PAREN) return false;
      k = skipSpacesBack(text, open);
    }
    let words = 0;
    while (words < 3) {
      const s = wordStart(text, k, k);
      if (s === k || LETTER[text.charCodeAt(s)] !== UPPER) break;
      words++;
      k = skipSpacesBack(text, s);
    }
    if (words === 0) return false;
  }
  return false;
}

/**
 * Start of the word (letters, hyphens) ending at `end`, reaching back at most CUE_WINDOW
 * characters from `from` (where the search for it began); `end` itself when there is none.
 */
function wordStart(text: string, end: number, from: number): number {
  let s = end;
  const limit = Math.max(0, from - CUE_WINDOW);
  while (s > limit && (continuesName(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === HYPHEN)) s--;
  return s;
}

/** True when the text before `at` (spaces skipped) is a colon. */
function afterColon(text: string, at: number): boolean {
  return text.charCodeAt(skipSpacesBack(text, at) - 1) === COLON;
}

/** A known place of several words (MULTI_WORD_PLACES) among the chain's consecutive words. */
function holdsMultiWordPlace(chain: readonly NameWord[]): boolean {
  for (let k = 0; k + 1 < chain.length; k++) {
    if ((chain[k]!.classes & PLACE_PHRASE_START) === 0) continue;
    let phrase = chain[k]!.word;
    for (let m = k + 1; m < chain.length && m < k + 4; m++) {
      phrase += ` ${chain[m]!.word}`;
      if (MULTI_WORD_PLACES.has(phrase)) return true;
    }
  }
  return false;
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
const LONGEST_PARTICLE = Math.max(...[...NAME_PARTICLES, ...HYPHENATED_PARTICLES].map((p) => p.length));

/** End of a particle (or hyphenated particle prefix) at `k`, or -1. */
function particleEnd(text: string, k: number): number {
  const candidates = PARTICLES_BY_INITIAL[text.charCodeAt(k)];
  if (candidates === undefined) return -1;
  // The lower-case word first: most are longer than any particle ("the diagram"), and a particle
  // must be the whole word, so its length alone rules them out before any comparison.
  let end = k + 1;
  while (end - k <= LONGEST_PARTICLE && (LETTER[text.charCodeAt(end)] === LOWER || LETTER[text.charCodeAt(end)] === MARK)) end++;
  const length = end - k;
  if (length > LONGEST_PARTICLE) return -1;
  for (const p of candidates) if (p.length === length && text.startsWith(p, k)) return end;
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
    // Most lower-case words are longer than any particle: ruled out before taking them out of the text.
    if (k - i > LONGEST_PARTICLE) return null;
    const word = text.slice(i, k);
    if (text.charCodeAt(k) === HYPHEN && HYPHENATED_PARTICLES.has(word) && LETTER[text.charCodeAt(k + 1)] === UPPER) {
      const end = readLetters(text, k + 1);
      const joined = text.slice(i, end);
      return { start: i, end, word: joined, initial: false, particle: false, classes: wordClasses(joined) };
    }
    return NAME_PARTICLES.has(word) && boundaryAt(text, k) ? { start: i, end: k, word, initial: false, particle: true, classes: wordClasses(word) } : null;
  }
  if (kind !== UPPER) return null;
  if (text.charCodeAt(i + 1) === DOT && (text.charCodeAt(i + 2) === SPACE || text.charCodeAt(i + 2) === NBSP)) {
    const initial = text.slice(i, i + 2);
    return { start: i, end: i + 2, word: initial, initial: true, particle: false, classes: wordClasses(initial) };
  }
  const end = readLetters(text, i);
  if (!boundaryAt(text, end)) return null;
  const word = text.slice(i, end);
  // One letter is a word (I, A) unless it is a non-English initial such as the Irish Ó.
  if (end - i === 1 && c0 < 128) return null;
  if (!hasLowerCase(word) && end - i > 1) return null; // acronyms: TMA, IEEE
  return { start: i, end, word, initial: false, particle: false, classes: wordClasses(word) };
}

/** Letters and marks from `i`, with inner hyphens/apostrophes before a letter, stopping before a possessive. */
function readLetters(text: string, i: number): number {
  const n = text.length;
  let k = i;
  while (k < n) {
    const c = text.charCodeAt(k);
    // ASCII letters first: nearly every character of an English text's capitalised words.
    if (((c | 32) - 97) >>> 0 < 26) {
      k++;
      continue;
    }
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
