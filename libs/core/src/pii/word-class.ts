import { SALUTATIONS } from './name-cues.ts';
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, NOT_SURNAMES, SURNAMES, TITLES } from './name-gazetteer.ts';
import { MULTI_WORD_PLACES, NEVER_PERSON_ENDINGS, PLACES, PLACE_AND_ORGANISATION_ENDINGS, PLACE_OPENINGS, PRODUCTS_AND_COMPANIES } from './non-names.ts';

/**
 * What a capitalised word is known to be, as bits of one number. The name rules ask up to a dozen
 * lists about each word of a chain (is it a title, a first name, a surname, a place …); one lookup
 * here answers all of them, where a lookup per list cost most of a chain's time.
 */
export const WordClass = {
  Title: 1 << 0,
  FirstName: 1 << 1,
  AmbiguousFirstName: 1 << 2,
  Surname: 1 << 3,
  NotSurname: 1 << 4,
  Salutation: 1 << 5,
  PlaceEnding: 1 << 6,
  Place: 1 << 7,
  Product: 1 << 8,
  PlaceOpening: 1 << 9,
  /** The first word of a place of several words ("Sri" of Sri Lanka): only then is the phrase looked up. */
  PlacePhraseStart: 1 << 10,
  /** An ending no person's name has ("Falls", "University"): see NEVER_PERSON_ENDINGS. */
  NeverPersonEnding: 1 << 11,
} as const;

const CLASSES = new Map<string, number>();
const LISTS: [ReadonlySet<string>, number][] = [
  [TITLES, WordClass.Title],
  [FIRST_NAMES, WordClass.FirstName],
  [AMBIGUOUS_FIRST_NAMES, WordClass.AmbiguousFirstName],
  [SURNAMES, WordClass.Surname],
  [NOT_SURNAMES, WordClass.NotSurname],
  [SALUTATIONS, WordClass.Salutation],
  [PLACE_AND_ORGANISATION_ENDINGS, WordClass.PlaceEnding],
  [NEVER_PERSON_ENDINGS, WordClass.NeverPersonEnding],
  [PLACES, WordClass.Place],
  [PRODUCTS_AND_COMPANIES, WordClass.Product],
  [PLACE_OPENINGS, WordClass.PlaceOpening],
  [new Set([...MULTI_WORD_PLACES].map((phrase) => phrase.split(' ')[0]!)), WordClass.PlacePhraseStart],
];
for (const [words, bit] of LISTS) for (const word of words) CLASSES.set(word, (CLASSES.get(word) ?? 0) | bit);

/** The classes of `word` as written (case matters: "Hall" ends a place, "hall" is no name word); 0 when none. */
export function wordClasses(word: string): number {
  return CLASSES.get(word) ?? 0;
}
