/**
 * A small set of words asked about a span of a text (`start`, `end`) without taking the word out
 * of it. The name scanner asks about the word before most capitalised words (a role, a greeting,
 * a label, an article) and whether a word is a title; a slice per question (a string allocated,
 * hashed, then looked up) cost more than the comparisons here, which touch only the few words of
 * the same first letter and length.
 */
export class SpanWordSet {
  /** Words by first character (folded when `foldCase`); ASCII initials in the array, others in the map. */
  readonly #ascii: (string[] | undefined)[] = new Array<string[] | undefined>(128).fill(undefined);
  readonly #other = new Map<number, string[]>();
  readonly #longest: number;
  readonly #foldCase: boolean;

  /**
   * `foldCase`: the span matches a word in any case ("Colleague", "COLLEAGUE"), as
   * `words.has(span.toLowerCase())` would for words written in lower case.
   */
  constructor(words: Iterable<string>, options: { foldCase?: boolean } = {}) {
    this.#foldCase = options.foldCase ?? false;
    let longest = 0;
    for (const raw of words) {
      const word = this.#foldCase ? raw.toLowerCase() : raw;
      if (word.length === 0) continue;
      const c = word.charCodeAt(0);
      const list = c < 128 ? (this.#ascii[c] ??= []) : this.#other.get(c) ?? this.#other.set(c, []).get(c)!;
      list.push(word);
      longest = Math.max(longest, word.length);
    }
    this.#longest = longest;
  }

  has(text: string, start: number, end: number): boolean {
    const length = end - start;
    if (length <= 0 || length > this.#longest) return false;
    const c = this.#foldCase ? LOWER_CASE[text.charCodeAt(start)]! : text.charCodeAt(start);
    const candidates = c < 128 ? this.#ascii[c] : this.#other.get(c);
    if (candidates === undefined) return false;
    for (let w = 0; w < candidates.length; w++) {
      const word = candidates[w]!;
      if (word.length !== length) continue;
      if (!this.#foldCase) {
        if (text.startsWith(word, start)) return true;
        continue;
      }
      let k = 1;
      while (k < length && LOWER_CASE[text.charCodeAt(start + k)] === word.charCodeAt(k)) k++;
      if (k === length) return true;
    }
    return false;
  }
}

/** The lower-case form of each BMP character that has a one-character lower case (else itself). */
const LOWER_CASE: Uint16Array = (() => {
  const table = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) table[c] = c;
  for (let c = 65; c <= 90; c++) table[c] = c + 32;
  // Beyond ASCII only the cased blocks have case pairs worth folding here (Latin-1 to Armenian, Greek Extended).
  for (const [from, to] of [[0x00c0, 0x058f], [0x1e00, 0x1fff]] as const) {
    for (let c = from; c <= to; c++) {
      const lower = String.fromCharCode(c).toLowerCase();
      if (lower.length === 1) table[c] = lower.charCodeAt(0);
    }
  }
  return table;
})();
